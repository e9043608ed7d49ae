// Synthetic published cells with a known planted intervention effect, for the tests and the benchmark of the
// evaluation: areas with their own levels, a common seasonal pattern, Poisson (or gamma-Poisson, overdispersed)
// counts, the effect multiplying the target areas' rate from the start, and optional primary suppression.
import type { DeliveryCell } from "../protocol/delivery";
import type { EvaluatedIntervention } from "./evaluate";
import { normal, poisson, prng } from "../stats/random";

/** Gamma(shape, 1) by Marsaglia and Tsang. */
function gamma(rand: () => number, shape: number): number {
  if (shape < 1) return gamma(rand, shape + 1) * Math.pow(rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rand);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + Math.log(v)) return d * v;
  }
}

export interface SyntheticOptions {
  seed: number;
  /** The planted rate ratio in the target areas after the start (1 = no effect). */
  rateRatio: number;
  areas?: number;
  targets?: number;
  /** Mean count per area and month (before season and area spread). */
  baseline?: number;
  /** Gamma-Poisson overdispersion: variance = μ + μ²/size; undefined for plain Poisson. */
  size?: number;
  /** Counts 1 ≤ n < threshold are suppressed (0 = none). */
  threshold?: number;
  /** Share of cells left missing at random. */
  missingShare?: number;
}

export interface SyntheticData {
  intervention: EvaluatedIntervention;
  cells: DeliveryCell[];
}

export const SYNTHETIC_INDICATOR = "syntetisk";

/** 24 months (2025-01 to 2026-12) of monthly cells at NYKO-3; the intervention starts 2026-01-01 in the first areas. */
export function syntheticIntervention(o: SyntheticOptions): SyntheticData {
  const rand = prng(o.seed);
  const areaCount = o.areas ?? 12;
  const targetCount = o.targets ?? 3;
  const baseline = o.baseline ?? 8;
  const areas = Array.from({ length: areaCount }, (_, i) => String(101 + i));
  const areaLevel = areas.map(() => baseline * Math.exp(0.4 * normal(rand)));
  const months: string[] = [];
  for (const y of [2025, 2026]) for (let m = 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, "0")}`);
  const season = months.map((_, i) => 1 + 0.3 * Math.sin((2 * Math.PI * i) / 12));
  const cells: DeliveryCell[] = [];
  areas.forEach((nyko, a) => {
    months.forEach((period, t) => {
      const treated = a < targetCount && period >= "2026-01";
      let mu = areaLevel[a] * season[t] * (treated ? o.rateRatio : 1);
      if (o.size !== undefined) mu *= gamma(rand, o.size) / o.size;
      const y = poisson(rand, mu);
      const base = { indicator: SYNTHETIC_INDICATOR, nyko, level: 3, periodType: "month" as const, period };
      if (o.missingShare && rand() < o.missingShare) cells.push({ ...base, value: null, suppressed: false, status: "missing" });
      else if (o.threshold && y >= 1 && y < o.threshold) cells.push({ ...base, value: null, suppressed: true, status: "suppressed" });
      else cells.push({ ...base, value: y, suppressed: false, status: "value" });
    });
  });
  return {
    intervention: { areas: areas.slice(0, targetCount), startDate: "2026-01-01", endDate: "2026-12-31", indicators: [SYNTHETIC_INDICATOR], comparisonAreas: [] },
    cells,
  };
}
