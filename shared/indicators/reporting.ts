// Reported, zero, suppressed: which half-months each expected partner has reported, and so which cells of a round
// may be numbers. A partner has reported a half-month for a template when it has an approved submission covering it,
// or when the huvudman closed that half-month for it ("stängd utan inrapportering"). The partners expected for an
// indicator are the organisations assigned a template that feeds it, from the half-month of the assignment date on.
// A cell is a number only when every expected partner has reported every half-month of its period; otherwise it is
// missing. Half-months after the last one anyone could have reported are never reported.
// A partner that reports weekly (ISO weeks) submits weeks: a half-month is reported for it once every week
// overlapping the half-month is approved (or the half-month is closed). A weekly cell is reported when, for every
// half-month it overlaps, each expected partner has the week approved, or that half-month approved or closed; and
// it ends by the last week anyone could have reported.
import type { PeriodType, Reporting } from "../protocol/delivery";
import { halfMonthOf, periodEnd, periodStart, periodTypeOf } from "../periods/period";
import { containingPeriod, periodsBetween, periodsWithin } from "../periods/tree";
import { runsOf } from "../periods/runs";
import { stockholmDate } from "../periods/stockholm";
import { isIsoDate } from "../protocol/iso-date";
import type { IndicatorDefinition } from "./schema";

export interface ReportingInput {
  /** The last half-month anyone could have reported (the round's last complete half-month). */
  lastPeriod: string;
  /** The first civil date of the round's range: partners' missing half-months are listed from here. */
  from: string;
  /** Template assignments; `assignedAt` an ISO instant or a civil date. */
  /**
   * `leafType`: the template's own period type; a template of months or school years owes a half-month only once
   * the month or school year containing it has ended by the last period (default: half-months).
   */
  assignments: readonly { templateId: string; org: string; assignedAt: string; leafType?: PeriodType }[];
  /** Half-months (or, from a partner reporting weekly, weeks) with an approved submission, per organisation and template. */
  approved: readonly { org: string; templateId: string; period: string }[];
  /** The last week anyone could have reported (ended, deadline passed); weekly cells after it are missing. */
  lastWeek?: string;
  /** Half-months the huvudman closed for an organisation. */
  closures: readonly { org: string; period: string }[];
  /** Display names of organisations. */
  names?: ReadonlyMap<string, string>;
}

/** Tells whether a cell of an indicator is missing (not reported by every expected partner). */
export type MissingCells = (indicator: string, periodType: PeriodType, period: string) => boolean;

export interface ReportingState {
  lastPeriod: string;
  /** Has `org` reported `halfMonth` for `templateId` (approved, or closed)? */
  isReported(org: string, templateId: string, halfMonth: string): boolean;
  /** The (organisation, template, first expected half-month) triples expected for an indicator. */
  expectedFor(def: IndicatorDefinition): { org: string; templateId: string; from: string }[];
  /** Missing cells of the given definitions (memoised per indicator and period). */
  missing(definitions: readonly IndicatorDefinition[]): MissingCells;
  /** The delivery's `reporting` block. */
  summary(): Reporting;
}

function civilOf(at: string): string {
  return isIsoDate(at) ? at : stockholmDate(new Date(at));
}

/** The templates (and optional organisation lists) whose rows an indicator counts. */
export function feedingFilters(def: IndicatorDefinition): { templateId: string; orgs?: readonly string[] }[] {
  const out = [...def.numerator.match];
  if (def.denominator?.kind === "measure") out.push(...def.denominator.match);
  return out.map((f) => ({ templateId: f.templateId, orgs: f.orgs }));
}

export function reportingState(input: ReportingInput): ReportingState {
  const { lastPeriod } = input;
  const approved = new Set(input.approved.map((a) => `${a.org}|${a.templateId}|${a.period}`));
  const closed = new Set(input.closures.map((c) => `${c.org}|${c.period}`));
  const lastDay = periodEnd(lastPeriod);
  const lastWeekDay = input.lastWeek ? periodEnd(input.lastWeek) : null;
  // Weeks approved per organisation and template: they fill the half-months they overlap.
  const weeksOf = new Map<string, string[]>();
  const hasWeeks = input.approved.some((a) => periodTypeOf(a.period) === "week");
  const weeksOverlapping = (h: string): string[] => {
    let w = weeksOf.get(h);
    if (!w) weeksOf.set(h, (w = periodsBetween("week", periodStart(h), periodEnd(h))));
    return w;
  };
  const starts = input.assignments.map((a) => ({ org: a.org, templateId: a.templateId, from: halfMonthOf(civilOf(a.assignedAt)), leafType: a.leafType ?? "halfmonth" }));
  const owes = (s: (typeof starts)[number], h: string): boolean => {
    if (h < s.from) return false;
    if (s.leafType === "halfmonth") return true;
    const own = containingPeriod(h, s.leafType);
    return own === null || periodEnd(own) <= lastDay;
  };
  const isReported = (org: string, templateId: string, h: string): boolean =>
    h <= lastPeriod &&
    (approved.has(`${org}|${templateId}|${h}`) ||
      closed.has(`${org}|${h}`) ||
      (hasWeeks && weeksOverlapping(h).every((w) => approved.has(`${org}|${templateId}|${w}`))));
  /** The part of week `w` in half-month `h` is reported: the week approved, or the half-month approved or closed. */
  const weekPartReported = (org: string, templateId: string, w: string, h: string): boolean =>
    approved.has(`${org}|${templateId}|${w}`) || approved.has(`${org}|${templateId}|${h}`) || closed.has(`${org}|${h}`);
  const expectedFor = (def: IndicatorDefinition) => {
    const filters = feedingFilters(def);
    return starts.filter((a) => filters.some((f) => f.templateId === a.templateId && (!f.orgs || f.orgs.includes(a.org))));
  };
  return {
    lastPeriod,
    isReported,
    expectedFor,
    missing(definitions) {
      const byId = new Map(definitions.map((d) => [d.id, { expected: expectedFor(d), memo: new Map<string, boolean>() }]));
      return (indicator, periodType, period) => {
        const entry = byId.get(indicator);
        if (!entry) return false;
        let m = entry.memo.get(period);
        if (m === undefined) {
          if (periodType === "week") {
            const halves = periodsBetween("halfmonth", periodStart(period), periodEnd(period));
            m =
              lastWeekDay === null || periodEnd(period) > lastWeekDay ||
              halves.some((h) => entry.expected.some((e) => owes(e, h) && !weekPartReported(e.org, e.templateId, period, h)));
          } else {
            const halves = periodType === "halfmonth" ? [period] : periodsWithin(period, "halfmonth");
            m = halves.some((h) => h > lastPeriod || entry.expected.some((e) => owes(e, h) && !isReported(e.org, e.templateId, h)));
          }
          entry.memo.set(period, m);
        }
        return m;
      };
    },
    summary() {
      const firstListed = halfMonthOf(input.from);
      const orgs = [...new Set(starts.map((s) => s.org))].sort();
      const partners = orgs.map((org) => {
        const mine = starts.filter((s) => s.org === org);
        const earliest = mine.map((s) => s.from).sort()[0];
        const owed = (h: string) => mine.filter((s) => owes(s, h));
        const reported = (h: string) => owed(h).every((s) => isReported(org, s.templateId, h));
        let reportedThrough: string | null = earliest > lastPeriod ? lastPeriod : null;
        const missing: string[] = [];
        let gap = false;
        for (const h of earliest <= lastPeriod ? periodsBetween("halfmonth", periodStart(earliest), periodEnd(lastPeriod)) : []) {
          const ok = reported(h);
          if (!ok) gap = true;
          else if (!gap) reportedThrough = h;
          if (!ok && h >= firstListed) missing.push(h);
        }
        return { org, name: input.names?.get(org) ?? org, reportedThrough, missing };
      });
      let completeThrough: string | null = lastPeriod;
      for (const p of partners) if (completeThrough !== null && (p.reportedThrough === null || p.reportedThrough < completeThrough)) completeThrough = p.reportedThrough;
      return { lastPeriod, completeThrough, partners };
    },
  };
}

const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

/**
 * The header line of a delivery: "Komplett till och med 2026-10-H2; saknas för november: polisen, vaktbolaget"
 * (months named in the last period's year, others with their year).
 */
export function reportingHeadline(reporting: Reporting): string {
  const head = reporting.completeThrough === null ? "Inte komplett för någon period" : `Komplett till och med ${reporting.completeThrough}`;
  const byMonth = new Map<string, string[]>();
  for (const p of reporting.partners) {
    for (const month of new Set(p.missing.map((h) => h.slice(0, 7)))) {
      const list = byMonth.get(month) ?? byMonth.set(month, []).get(month)!;
      list.push(p.name ?? p.org);
    }
  }
  if (byMonth.size === 0) return `${head}.`;
  // Consecutive months with the same partners are one run: "mars 2025–januari: Utbildningskontoret".
  const year = reporting.lastPeriod.slice(0, 4);
  const monthText = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1]}${m.slice(0, 4) === year ? "" : ` ${m.slice(0, 4)}`}`;
  const next = (m: string) => {
    const n = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
  };
  const months = [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, names]) => ({ month, names: names.join(", ") }));
  const runs = runsOf(months, (last, m) => last.names === m.names && next(last.month) === m.month);
  const parts = runs.map((r) => {
    const first = r[0].month;
    const last = r[r.length - 1].month;
    return `${monthText(first)}${last === first ? "" : `–${monthText(last)}`}: ${r[0].names}`;
  });
  return `${head}; saknas för ${parts.join("; ")}`;
}
