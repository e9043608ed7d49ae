// EARS C1, C2 and C3 (CDC Early Aberration Reporting System), with the names
// and semantics of R's surveillance::earsC (version 1.20.3).
//
// C1: the mean and standard deviation of the `baseline` weeks just before
//     the current one; upper bound = mean + z(1-alpha)·max(sd, minSigma).
// C2: the same with a gap of two weeks between the baseline and the current week.
// C3: the C2 statistics of the two previous weeks, each reduced by one and
//     floored at zero, are taken off the threshold, around the current count:
//     upper bound = max(0, y + sd·(z − Σ max(0, C2 − 1))).
//     (As in R, the current week's C2 statistic cancels out: week t alarms
//     when the two lagged parts exceed z, or when the bound is clamped to 0
//     and y > 0.)
// An alarm is raised when the observed count exceeds the upper bound.

import { qnorm } from "./stats";

export type EarsMethod = "C1" | "C2" | "C3";

export interface EarsOptions {
  method: EarsMethod;
  /** Number of reference weeks (at least 3), default 7. */
  baseline?: number;
  /** One-sided level; default 0.001 for C1 and C2, 0.025 for C3. */
  alpha?: number;
  /** Lower limit of the standard deviation, default 0. */
  minSigma?: number;
  /** 1-based, inclusive week indices of `observed` to evaluate. */
  range: readonly [number, number];
}

export interface EarsResult {
  /** Upper bound per evaluated week; null where R gives NaN (a zero standard deviation in C3). */
  upperbound: (number | null)[];
  /** Alarm per evaluated week; null where the bound is undefined (R's NA). */
  alarm: (boolean | null)[];
}

/** Mean and sample standard deviation (denominator n − 1), two-pass. */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  let mean = sum / n;
  // R refines the mean with a second pass.
  let corr = 0;
  for (const v of values) corr += v - mean;
  mean += corr / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** The reference values for week t (1-based): weeks t−lagFrom … t−lagTo. */
function referenceWindow(observed: readonly number[], t: number, lagFrom: number, lagTo: number): number[] {
  const out: number[] = [];
  for (let lag = lagFrom; lag >= lagTo; lag--) out.push(observed[t - lag - 1]);
  return out;
}

export function defaultEarsAlpha(method: EarsMethod): number {
  return method === "C3" ? 0.025 : 0.001;
}

export function earsC(observed: readonly number[], options: EarsOptions): EarsResult {
  const method = options.method;
  const baseline = options.baseline ?? 7;
  const minSigma = options.minSigma ?? 0;
  const alpha = options.alpha ?? defaultEarsAlpha(method);
  const [start, end] = options.range;
  if (minSigma < 0) throw new Error("minSigma must be non-negative");
  if (baseline < 3) throw new Error("The minimum baseline is 3");
  if (!Number.isInteger(start) || !Number.isInteger(end) || start > end || end > observed.length) {
    throw new Error(`Invalid range [${start}, ${end}] for ${observed.length} observations`);
  }
  const maxLag = method === "C1" ? baseline : method === "C2" ? baseline + 2 : baseline + 4;
  if (start - maxLag < 1) throw new Error("The observed series is too short for this range");
  const z = qnorm(1 - alpha);

  const upperbound: number[] = [];
  if (method === "C1" || method === "C2") {
    const lagFrom = method === "C1" ? baseline : baseline + 2;
    const lagTo = method === "C1" ? 1 : 3;
    for (let t = start; t <= end; t++) {
      const { mean, sd } = meanAndSd(referenceWindow(observed, t, lagFrom, lagTo));
      upperbound.push(mean + z * Math.max(sd, minSigma));
    }
  } else {
    // C2 statistics from two weeks before the range start, with the baseline sd of each week.
    const c2: number[] = [];
    const sigma: number[] = [];
    for (let t = start - 2; t <= end; t++) {
      const { mean, sd } = meanAndSd(referenceWindow(observed, t, baseline + 2, 3));
      const s = Math.max(sd, minSigma);
      sigma.push(s);
      c2.push((observed[t - 1] - mean) / s);
    }
    for (let t = start; t <= end; t++) {
      const i = t - start + 2;
      // Math.max propagates NaN as R's pmax does.
      const lag2 = Math.max(0, c2[i - 2] - 1);
      const lag1 = Math.max(0, c2[i - 1] - 1);
      const bound = observed[t - 1] + sigma[i] * (z - (lag2 + lag1));
      upperbound.push(Math.max(0, bound));
    }
  }
  return {
    upperbound: upperbound.map((u) => (Number.isNaN(u) ? null : u)),
    alarm: upperbound.map((u, i) => (Number.isNaN(u) ? null : observed[start - 1 + i] > u)),
  };
}
