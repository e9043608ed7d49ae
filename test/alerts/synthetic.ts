// Synthetic municipalities for measuring the alarm rule: daily counts per NYKO-3 area and indicator with seasonality
// (summer peak), a trend per area, overdispersed noise, at the density of the demo municipality, and planted
// escalations of several sizes. Seeded: the same seed gives the same municipality.
import { addDays } from "../../shared/periods/civil-date";
import { periodOfDate } from "../../shared/periods/period";
import { normal, poisson, prng } from "../helpers/random";

/** Gamma(shape, 1) by Marsaglia–Tsang (shape ≥ 1). */
function gamma(rand: () => number, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Indicator densities of the demo municipality: the median over its 38 NYKO-3 areas of the mean count per
 * half-month (2025-01 to 2026-10, double reports counted once) and the spread between areas (log-normal sigma).
 */
export const DEMO_DENSITY: readonly { indicator: string; medianPerHalfMonth: number; spread: number }[] = [
  { indicator: "skadegorelse-klotter", medianPerHalfMonth: 14.2, spread: 0.55 },
  { indicator: "tillgreppsbrott", medianPerHalfMonth: 12.6, spread: 0.6 },
  { indicator: "ordningsstorningar", medianPerHalfMonth: 9.0, spread: 0.55 },
  { indicator: "storm-utan-anmalan", medianPerHalfMonth: 6.5, spread: 0.55 },
  { indicator: "storningsjour", medianPerHalfMonth: 3.7, spread: 0.55 },
  { indicator: "brander-offentlig-miljo", medianPerHalfMonth: 3.3, spread: 0.5 },
  { indicator: "strategiska-brott", medianPerHalfMonth: 2.7, spread: 0.55 },
  { indicator: "anlagda-brander", medianPerHalfMonth: 2.3, spread: 0.5 },
  { indicator: "nastan-handelser", medianPerHalfMonth: 1.3, spread: 0.6 },
  { indicator: "hot-mot-raddningspersonal", medianPerHalfMonth: 0.05, spread: 0.8 },
];

export interface Escalation {
  indicator: string;
  area: number;
  /** First day (YYYY-MM-DD) and the number of days. */
  from: string;
  days: number;
  /** The rate is multiplied by this factor while it lasts. */
  factor: number;
}

export interface SyntheticSeries {
  indicator: string;
  area: number;
  /** Counts per day from `start`. */
  daily: number[];
}

export interface SyntheticMunicipality {
  start: string;
  days: number;
  areas: number;
  series: SyntheticSeries[];
  escalations: Escalation[];
}

export interface SyntheticOptions {
  seed: number;
  /** First day, default 2023-01-02 (a Monday); and the number of days, default 4 years (through 2026, a year with ISO week 53). */
  start?: string;
  days?: number;
  areas?: number;
  /** Planted escalations per indicator, default 8. */
  escalationsPerIndicator?: number;
}

export const ESCALATION_FACTORS = [1.5, 2, 3, 5] as const;
export const ESCALATION_WEEKS = [1, 2, 4, 8] as const;

export function syntheticMunicipality(o: SyntheticOptions): SyntheticMunicipality {
  const rand = prng(o.seed);
  const start = o.start ?? "2023-01-02";
  const days = o.days ?? 1461;
  const areas = o.areas ?? 38;
  const perIndicator = o.escalationsPerIndicator ?? 8;
  const dates = Array.from({ length: days }, (_, i) => addDays(start, i));
  const dayOfYear = dates.map((d) => (Date.parse(`${d}T00:00:00Z`) - Date.parse(`${d.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000);
  const escalations: Escalation[] = [];
  const series: SyntheticSeries[] = [];
  for (const dens of DEMO_DENSITY) {
    // Plant escalations in distinct areas, after half a year of history, ending before the last month.
    const chosen = new Set<number>();
    for (let e = 0; e < perIndicator; e++) {
      let area: number;
      do area = Math.floor(rand() * areas);
      while (chosen.has(area) && chosen.size < areas);
      chosen.add(area);
      const weeks = ESCALATION_WEEKS[e % ESCALATION_WEEKS.length];
      const factor = ESCALATION_FACTORS[Math.floor(e / ESCALATION_WEEKS.length + rand() * ESCALATION_FACTORS.length) % ESCALATION_FACTORS.length];
      const first = 183 + Math.floor(rand() * (days - 183 - 7 * weeks - 30));
      escalations.push({ indicator: dens.indicator, area, from: dates[first], days: 7 * weeks, factor });
    }
    for (let area = 0; area < areas; area++) {
      const level = (dens.medianPerHalfMonth / 15.2) * Math.exp(dens.spread * normal(rand));
      const trendPerYear = Math.exp(0.08 * normal(rand)); // about ±8 % a year
      const amplitude = 0.22 + 0.1 * rand(); // summer peak about 1.6–2 times the winter trough
      const peak = 190 + 20 * rand();
      const mine = escalations.filter((e) => e.indicator === dens.indicator && e.area === area);
      const daily: number[] = new Array<number>(days);
      let weekNoise = 1;
      for (let i = 0; i < days; i++) {
        if (i % 7 === 0) weekNoise = gamma(rand, 25) / 25; // week-to-week overdispersion (CV 20 %)
        let rate = level * Math.pow(trendPerYear, i / 365) * (1 + amplitude * Math.cos((2 * Math.PI * (dayOfYear[i] - peak)) / 365.25)) * weekNoise;
        for (const e of mine) if (dates[i] >= e.from && dates[i] < addDays(e.from, e.days)) rate *= e.factor;
        daily[i] = poisson(rand, rate);
      }
      series.push({ indicator: dens.indicator, area, daily });
    }
  }
  return { start, days, areas, series, escalations };
}

export interface PeriodGrid {
  /** Period labels, oldest first, and the first day of each. */
  periods: string[];
  firstDays: string[];
  /** Period index of every day. */
  dayIndex: number[];
}

/** The consecutive periods ("halfmonth" or "week") that the municipality's days fall into. */
export function periodGrid(m: SyntheticMunicipality, kind: "halfmonth" | "week"): PeriodGrid {
  const grid: PeriodGrid = { periods: [], firstDays: [], dayIndex: [] };
  for (let i = 0; i < m.days; i++) {
    const date = addDays(m.start, i);
    const p = periodOfDate(kind, date);
    if (grid.periods.at(-1) !== p) {
      grid.periods.push(p);
      grid.firstDays.push(date);
    }
    grid.dayIndex.push(grid.periods.length - 1);
  }
  return grid;
}

/** Daily counts summed into the grid's periods. */
export function aggregate(grid: PeriodGrid, daily: readonly number[]): number[] {
  const counts = new Array<number>(grid.periods.length).fill(0);
  daily.forEach((c, i) => (counts[grid.dayIndex[i]] += c));
  return counts;
}
