// Follow-up of an intervention from published figures: the chosen indicators in the target areas before and after
// the start, against comparison areas, as a difference in differences from a Poisson model with area and period
// effects (log E[y] = area + period + β·target·after), its 95 % interval and a plain Swedish sentence.
// Only published cells feed it: suppressed (`..`) and missing (`saknas`) cells are left out and counted, so nothing
// here reveals what disclosure control hides. Method and limits: docs/analysis.md, "Utvärdering av insatser".
import { fitQuasiPoisson, unscaledCovariance } from "../alerts/glm";
import { pt, qnorm } from "../alerts/stats";
import { comparePeriods, periodEnd, periodStart } from "../periods/period";
import { cellStatus, type DeliveryCell, type PeriodType } from "../protocol/delivery";
import type { Intervention } from "../protocol/interventions";

/** What the evaluation needs of an intervention (a stored one, or a draft). */
export type EvaluatedIntervention = Pick<Intervention, "areas" | "startDate" | "endDate" | "indicators" | "comparisonAreas"> &
  Partial<Pick<Intervention, "id" | "name" | "version" | "level">>;

export interface EvaluationOptions {
  /** Comparison areas; default the intervention's, and when it names none every other area of the same level. */
  comparisonAreas?: readonly string[];
  /** Length of the before window in months, ending the day before the start (default 12). */
  beforeMonths?: number;
  /** The period type to use; default the one that leaves out the fewest cells (the finer on a tie). */
  periodType?: PeriodType;
  /** Indicator titles for the sheet and the sentences (id → title). */
  titles?: Readonly<Record<string, string>>;
  /** Confidence level of the interval (default 0.95). */
  level?: number;
}

export type Verdict = "decrease" | "increase" | "no-clear-change" | "insufficient";

export interface Window {
  from: string;
  to: string;
  periods: string[];
}

export interface SeriesPoint {
  period: string;
  phase: "before" | "after";
  /** Mean published value per target area in the period (over the areas with a published value), or null. */
  target: number | null;
  comparison: number | null;
}

export interface IndicatorEvaluation {
  indicator: string;
  title: string;
  verdict: Verdict;
  /** The plain Swedish sentence the sheets and the yearly report print. */
  sentence: string;
  /** Relative change in the target areas against the comparison (rate ratio − 1; −0.18 is 18 % down), or null. */
  estimate: number | null;
  /** Its interval (same scale), or null. */
  low: number | null;
  high: number | null;
  rateRatio: number | null;
  /** The quasi-Poisson scale used for the interval (≥ 1 for counts), and the residual degrees of freedom. */
  dispersion: number | null;
  df: number | null;
  /** NYKO level of the areas, and the period type used (null when no period type had usable cells). */
  areaLevel: number;
  periodType: PeriodType | null;
  targetAreas: string[];
  comparisonAreas: string[];
  /** True when the comparison is every other area of the level (nobody picked any). */
  comparisonIsAllOthers: boolean;
  before: Window | null;
  after: Window | null;
  /** Cells of the windows: used (published numbers) and left out (suppressed, missing). */
  cells: { used: number; suppressed: number; missing: number };
  /** Mean value per area and period in the four groups, or null. */
  means: { targetBefore: number | null; targetAfter: number | null; comparisonBefore: number | null; comparisonAfter: number | null };
  series: SeriesPoint[];
}

export interface InterventionEvaluation {
  interventionId: number | null;
  name: string | null;
  version: number | null;
  startDate: string;
  endDate: string | null;
  results: IndicatorEvaluation[];
}

const PERIOD_ORDER: readonly PeriodType[] = ["halfmonth", "month", "quarter", "year", "schoolyear"];

/** `date` moved back `months` calendar months (the day clamped to the month's length). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Student's t quantile by bisection on `pt` (normal for large df). */
export function qt(p: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(df) || df > 1e6) return qnorm(p);
  let lo = -1000;
  let hi = 1000;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (pt(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Lowercases a title's first letter for use inside a sentence (not an acronym such as "BRÅ"). */
function inSentence(title: string): string {
  return title.length > 1 && title[1] === title[1].toLowerCase() ? title[0].toLowerCase() + title.slice(1) : title;
}

/** A percentage as the sentence prints it: whole percent, Swedish minus sign. */
export function percentText(x: number): string {
  const v = Math.round(x * 100);
  return v < 0 ? `−${-v}` : String(v);
}

function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

interface Candidate {
  periodType: PeriodType;
  before: Window;
  after: Window;
  cells: DeliveryCell[];
  used: number;
  suppressed: number;
  missing: number;
}

function candidateFor(
  cells: readonly DeliveryCell[],
  periodType: PeriodType,
  areas: ReadonlySet<string>,
  beforeFrom: string,
  start: string,
  afterTo: string,
): Candidate | null {
  const inWindows = cells.filter((c) => c.periodType === periodType && c.nyko !== null && areas.has(c.nyko));
  const before = new Set<string>();
  const after = new Set<string>();
  const kept: DeliveryCell[] = [];
  for (const c of inWindows) {
    const s = periodStart(c.period);
    const e = periodEnd(c.period);
    if (s >= beforeFrom && e < start) before.add(c.period);
    else if (s >= start && e <= afterTo) after.add(c.period);
    else continue; // straddles the start (or lies outside both windows)
    kept.push(c);
  }
  if (before.size === 0 || after.size === 0) return null;
  const count = (st: string) => kept.filter((c) => cellStatus(c) === st).length;
  const sorted = (s: Set<string>) => [...s].sort(comparePeriods);
  const b = sorted(before);
  const a = sorted(after);
  return {
    periodType,
    before: { from: periodStart(b[0]), to: periodEnd(b[b.length - 1]), periods: b },
    after: { from: periodStart(a[0]), to: periodEnd(a[a.length - 1]), periods: a },
    cells: kept,
    used: count("value"),
    suppressed: count("suppressed"),
    missing: count("missing"),
  };
}

interface DidFit {
  beta: number;
  se: number;
  dispersion: number;
  df: number;
}

/**
 * Fits log E[y] = α_area + γ_period + β·D (D = 1 for a target area after the start) by quasi-Poisson IRLS and
 * returns β with its standard error. Areas and periods whose published values are all zero carry no information
 * about β (their effect runs to −∞) and are dropped first. Null when β cannot be estimated.
 */
function fitDid(rows: readonly { area: string; period: string; y: number; d: number }[], integerCounts: boolean): DidFit | null {
  let data = [...rows];
  for (;;) {
    const areaSum = new Map<string, number>();
    const periodSum = new Map<string, number>();
    for (const r of data) {
      areaSum.set(r.area, (areaSum.get(r.area) ?? 0) + r.y);
      periodSum.set(r.period, (periodSum.get(r.period) ?? 0) + r.y);
    }
    const next = data.filter((r) => (areaSum.get(r.area) ?? 0) > 0 && (periodSum.get(r.period) ?? 0) > 0);
    if (next.length === data.length) break;
    data = next;
  }
  const treatedCells = data.filter((r) => r.d === 1);
  if (treatedCells.length === 0 || treatedCells.reduce((s, r) => s + r.y, 0) === 0) return null;
  const areas = [...new Set(data.map((r) => r.area))];
  const periods = [...new Set(data.map((r) => r.period))];
  const p = 1 + (areas.length - 1) + (periods.length - 1) + 1;
  if (data.length < p) return null;
  const x = data.map((r) => {
    const row = new Array<number>(p).fill(0);
    row[0] = 1;
    const a = areas.indexOf(r.area);
    if (a > 0) row[a] = 1;
    const t = periods.indexOf(r.period);
    if (t > 0) row[areas.length - 1 + t] = 1;
    row[p - 1] = r.d;
    return row;
  });
  let fit;
  try {
    fit = fitQuasiPoisson(x, data.map((r) => r.y), { maxit: 50 });
  } catch {
    return null;
  }
  const beta = fit.coefficients[p - 1];
  if (!Number.isFinite(beta)) return null;
  const v = unscaledCovariance(fit)[p - 1][p - 1];
  // The scale: the Pearson estimate when there are residual degrees of freedom; for counts never below 1 (the
  // model never claims less spread than Poisson). Rates and shares are not on the count scale, so theirs stands.
  const df = fit.dfResidual;
  const pearson = df > 0 && Number.isFinite(fit.dispersion) ? fit.dispersion : 1;
  const dispersion = integerCounts ? Math.max(1, pearson) : pearson > 0 ? pearson : 1;
  const se = Math.sqrt(v * dispersion);
  if (!Number.isFinite(se) || se <= 0) return null;
  return { beta, se, dispersion, df };
}

function sentenceOf(title: string, verdict: Verdict, allOthers: boolean, est: number | null, low: number | null, high: number | null, reason: string): string {
  const against = allOthers ? "övriga områden" : "jämförelseområdena";
  if (verdict === "insufficient" || est === null || low === null || high === null)
    return `${title}: för lite publicerat underlag för en utvärdering (${reason}).`;
  if (verdict === "decrease")
    return `${title} minskade med ${percentText(-est)} % (95 % KI ${percentText(-high)}–${percentText(-low)} %) i insatsområdena jämfört med ${against}.`;
  if (verdict === "increase")
    return `${title} ökade med ${percentText(est)} % (95 % KI ${percentText(low)}–${percentText(high)} %) i insatsområdena jämfört med ${against}.`;
  return `Ingen säker förändring av ${inSentence(title)} i insatsområdena jämfört med ${against}: skattningen ${percentText(est)} % (95 % KI ${percentText(low)} till ${percentText(high)} %).`;
}

/** Evaluates one indicator of an intervention against the published cells. */
export function evaluateIndicator(
  intervention: EvaluatedIntervention,
  indicator: string,
  publishedCells: readonly DeliveryCell[],
  options: EvaluationOptions = {},
): IndicatorEvaluation {
  const title = options.titles?.[indicator] ?? indicator;
  const confidence = options.level ?? 0.95;
  const targets = new Set(intervention.areas);
  const cells = publishedCells.filter((c) => c.indicator === indicator && c.nyko !== null && c.level > 0);
  const areaLevel =
    intervention.level ?? cells.find((c) => targets.has(c.nyko as string))?.level ?? Math.min(3, Math.max(1, intervention.areas[0]?.length ?? 3));
  const levelCells = cells.filter((c) => c.level === areaLevel);
  const picked = options.comparisonAreas ?? intervention.comparisonAreas;
  const allOthers = picked.length === 0;
  const comparison = new Set(
    (allOthers ? [...new Set(levelCells.map((c) => c.nyko as string))] : picked).filter((a) => !targets.has(a)),
  );
  const all = new Set([...targets, ...comparison]);
  const start = intervention.startDate;
  const beforeFrom = monthsBefore(start, options.beforeMonths ?? 12);
  const afterTo = intervention.endDate ?? "9999-12-31";
  const types = options.periodType ? [options.periodType] : PERIOD_ORDER;
  const candidates = types
    .map((t) => candidateFor(levelCells, t, all, beforeFrom, start, afterTo))
    .filter((c): c is Candidate => c !== null && c.used > 0);
  // The fewest cells left out; the finer period type on a tie (PERIOD_ORDER is finest first; sort is stable).
  const share = (c: Candidate) => (c.suppressed + c.missing) / (c.used + c.suppressed + c.missing);
  candidates.sort((a, b) => share(a) - share(b));
  const chosen = candidates[0] ?? null;

  const base: IndicatorEvaluation = {
    indicator,
    title,
    verdict: "insufficient",
    sentence: "",
    estimate: null,
    low: null,
    high: null,
    rateRatio: null,
    dispersion: null,
    df: null,
    areaLevel,
    periodType: chosen?.periodType ?? null,
    targetAreas: [...targets].sort(),
    comparisonAreas: [...comparison].sort(),
    comparisonIsAllOthers: allOthers,
    before: chosen?.before ?? null,
    after: chosen?.after ?? null,
    cells: { used: chosen?.used ?? 0, suppressed: chosen?.suppressed ?? 0, missing: chosen?.missing ?? 0 },
    means: { targetBefore: null, targetAfter: null, comparisonBefore: null, comparisonAfter: null },
    series: [],
  };
  const insufficient = (reason: string): IndicatorEvaluation => ({ ...base, sentence: sentenceOf(title, "insufficient", allOthers, null, null, null, reason) });
  if (comparison.size === 0) return insufficient("inga jämförelseområden");
  if (!chosen) return insufficient("inga publicerade värden både före och efter starten");

  const afterSet = new Set(chosen.after.periods);
  const rows = chosen.cells
    .filter((c) => cellStatus(c) === "value" && c.value !== null)
    .map((c) => ({ area: c.nyko as string, period: c.period, y: c.value as number, d: targets.has(c.nyko as string) && afterSet.has(c.period) ? 1 : 0, target: targets.has(c.nyko as string) }));
  const group = (target: boolean, after: boolean) => rows.filter((r) => r.target === target && afterSet.has(r.period) === after).map((r) => r.y);
  const means = {
    targetBefore: mean(group(true, false)),
    targetAfter: mean(group(true, true)),
    comparisonBefore: mean(group(false, false)),
    comparisonAfter: mean(group(false, true)),
  };
  const series: SeriesPoint[] = [...chosen.before.periods, ...chosen.after.periods].map((period) => {
    const of = (target: boolean) => mean(rows.filter((r) => r.period === period && r.target === target).map((r) => r.y));
    return { period, phase: afterSet.has(period) ? "after" : "before", target: of(true), comparison: of(false) };
  });
  const withData = { ...base, means, series };
  if (Object.values(means).some((m) => m === null)) {
    return { ...withData, sentence: sentenceOf(title, "insufficient", allOthers, null, null, null, "publicerade värden saknas i insatsområdena eller jämförelseområdena före eller efter starten") };
  }
  const integerCounts = rows.every((r) => Number.isInteger(r.y));
  const fit = fitDid(rows, integerCounts);
  if (!fit) return { ...withData, sentence: sentenceOf(title, "insufficient", allOthers, null, null, null, "bara nollor i insatsområdena efter starten eller för få celler för modellen") };
  const q = fit.df > 0 && fit.dispersion !== 1 ? qt(1 - (1 - confidence) / 2, fit.df) : qnorm(1 - (1 - confidence) / 2);
  const estimate = Math.exp(fit.beta) - 1;
  const low = Math.exp(fit.beta - q * fit.se) - 1;
  const high = Math.exp(fit.beta + q * fit.se) - 1;
  const verdict: Verdict = high < 0 ? "decrease" : low > 0 ? "increase" : "no-clear-change";
  return {
    ...withData,
    verdict,
    estimate,
    low,
    high,
    rateRatio: Math.exp(fit.beta),
    dispersion: fit.dispersion,
    df: fit.df,
    sentence: sentenceOf(title, verdict, allOthers, estimate, low, high, ""),
  };
}

/**
 * Evaluates every indicator of an intervention against published, disclosure-controlled cells (a reader's delivery
 * cells). The result is plain data: the pane's evaluation sheet and the yearly report print it as it is.
 */
export function evaluateIntervention(
  intervention: EvaluatedIntervention,
  publishedCells: readonly DeliveryCell[],
  options: EvaluationOptions = {},
): InterventionEvaluation {
  return {
    interventionId: intervention.id ?? null,
    name: intervention.name ?? null,
    version: intervention.version ?? null,
    startDate: intervention.startDate,
    endDate: intervention.endDate,
    results: intervention.indicators.map((indicator) => evaluateIndicator(intervention, indicator, publishedCells, options)),
  };
}
