// An upper bound on what any alarm rule can detect at the demo's density: an "oracle" that knows each area's true
// expected count exactly (no estimation error, no seasonality or trend to learn, no overdispersion) and is told the
// exact 14 days an escalation covers. It alarms when the count in that window reaches the smallest threshold whose
// chance in a quiet window is at most the false-alarm budget. No real rule, which must estimate the baseline and
// scan every window of every area, can do better; so where the oracle misses, the goal of §3 cannot be met.
import { DEMO_DENSITY } from "./synthetic";

/** P(X >= c) for X ~ Poisson(mean). */
export function poissonUpperTail(mean: number, c: number): number {
  if (c <= 0) return 1;
  let term = Math.exp(-mean);
  let below = term;
  for (let k = 1; k < c; k++) {
    term *= mean / k;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/** The smallest count c with P(X >= c) <= budget under Poisson(mean). */
export function oracleThreshold(mean: number, budget: number): number {
  let c = 0;
  while (poissonUpperTail(mean, c) > budget) c++;
  return c;
}

/** The oracle's chance to flag an escalation multiplying `mean` by `factor` over its whole window. */
export function oraclePower(mean: number, factor: number, budget: number): number {
  return poissonUpperTail(mean * factor, oracleThreshold(mean, budget));
}

export interface IndicatorPower {
  indicator: string;
  medianPerHalfMonth: number;
  /** Power at the median area, and averaged over areas (log-normal spread of the area levels). */
  atMedian: number;
  overAreas: number;
  /** Chance that all of `planted` such escalations in random areas are flagged (the goal asks for every one). */
  allOf: number;
}

/** Averages over a standard normal by a midpoint rule on [-5, 5]. */
function overNormal(f: (z: number) => number, steps = 400): number {
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < steps; i++) {
    const z = -5 + (10 * (i + 0.5)) / steps;
    const w = Math.exp(-0.5 * z * z);
    sum += w * f(z);
    weight += w;
  }
  return sum / weight;
}

/**
 * The oracle's power for an escalation of `factor` over `days` days at the demo's density, per indicator, with a
 * false-alarm budget per window (the 2 %) and `planted` escalations per indicator.
 */
export function oracleTable(o: { factor: number; days: number; budget: number; planted: number }): IndicatorPower[] {
  return DEMO_DENSITY.map((d) => {
    const perDay = d.medianPerHalfMonth / 15.2;
    const power = (z: number) => oraclePower(perDay * o.days * Math.exp(d.spread * z), o.factor, o.budget);
    const overAreas = overNormal(power);
    return {
      indicator: d.indicator,
      medianPerHalfMonth: d.medianPerHalfMonth,
      atMedian: power(0),
      overAreas,
      allOf: overAreas ** o.planted,
    };
  });
}
