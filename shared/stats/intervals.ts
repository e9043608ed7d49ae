// Confidence intervals and change tests for published cells (issue 15 §1): exact Poisson (Garwood) for counts and
// rates, Wilson and Clopper–Pearson for shares, and exact conditional tests for a change between two periods.
// Pure functions of published numbers; they never see a suppressed cell.
import { incompleteBeta, lgamma, lowerRegularisedGamma, qnorm, upperRegularisedGamma } from "../alerts/stats";

export type Interval = { low: number; high: number };

/** The default confidence level everywhere (95 %). */
export const DEFAULT_LEVEL = 0.95;

function checkLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return (1 - level) / 2;
}

function checkCount(x: number, name: string): void {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${x}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Regularised incomplete gamma (in shared/alerts/stats.ts beside lgamma, where the normal tail uses it too) and its
// inverse

export { lowerRegularisedGamma, upperRegularisedGamma };

/**
 * Root of a monotone increasing function f on (lo, hi) with f(lo) < 0 < f(hi): Newton steps on the derivative,
 * falling back to bisection whenever a step leaves the bracket. Stops at a relative step of 1e-14.
 */
function monotoneRoot(f: (x: number) => number, df: (x: number) => number, lo: number, hi: number, start: number): number {
  let x = Math.min(Math.max(start, lo), hi);
  if (!(x > lo && x < hi)) x = Number.isFinite(hi) ? (lo + hi) / 2 : lo + 1;
  for (let i = 0; i < 400; i++) {
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0) lo = x;
    else hi = x;
    const d = df(x);
    let next = d > 0 && Number.isFinite(d) ? x - fx / d : NaN;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : x * 2 + 1;
    if (Math.abs(next - x) <= 1e-14 * Math.max(Math.abs(x), 1e-300)) return next;
    x = next;
  }
  return x;
}

/** Quantile of the gamma distribution with the given shape and scale 1 (R: `qgamma(p, shape)`). */
export function gammaQuantile(p: number, shape: number): number {
  if (Number.isNaN(p) || Number.isNaN(shape) || p < 0 || p > 1 || shape <= 0) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const logNorm = lgamma(shape);
  const density = (x: number) => Math.exp((shape - 1) * Math.log(x) - x - logNorm);
  // Start from Wilson–Hilferty; for small p and small shape, from the leading term of the series P ≈ x^a/Γ(a+1).
  const z = qnorm(p);
  const c = 1 / (9 * shape);
  const wh = shape * Math.pow(Math.max(1 - c + z * Math.sqrt(c), 1e-3), 3);
  const small = Math.exp((Math.log(p) + lgamma(shape + 1)) / shape);
  const start = shape < 1 || wh <= 1e-3 * shape ? small : wh;
  // Work on whichever tail is smaller, so that the root keeps its relative precision.
  const f = p < 0.5 ? (x: number) => lowerRegularisedGamma(shape, x) - p : (x: number) => (1 - p) - upperRegularisedGamma(shape, x);
  return monotoneRoot(f, density, 0, Infinity, start);
}

/** Quantile of the beta distribution (R: `qbeta(p, a, b)`). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a > 0) || !(b > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logNorm = lgamma(a) + lgamma(b) - lgamma(a + b);
  const density = (x: number) => Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logNorm);
  const f = p < 0.5 ? (x: number) => incompleteBeta(x, a, b) - p : (x: number) => (1 - p) - incompleteBeta(1 - x, b, a);
  return monotoneRoot(f, density, 0, 1, a / (a + b));
}

// ---------------------------------------------------------------------------------------------------------------
// Intervals

/**
 * Exact (Garwood) interval for the mean of a Poisson count: [χ²(α/2; 2x)/2, χ²(1−α/2; 2x+2)/2], i.e. gamma quantiles
 * with shapes x and x + 1 (R: `poisson.test(x)$conf.int`). The lower bound of 0 is 0.
 */
export function poissonInterval(count: number, level = DEFAULT_LEVEL): Interval {
  const alpha2 = checkLevel(level);
  checkCount(count, "count");
  return {
    low: count === 0 ? 0 : gammaQuantile(alpha2, count),
    high: gammaQuantile(1 - alpha2, count + 1),
  };
}

/**
 * A rate per `per` (default 1,000) inhabitants with its Garwood interval: the count's interval scaled by per/population.
 * The population is treated as known (a public register figure), so all uncertainty is the count's.
 */
export function rateInterval(count: number, population: number, per = 1000, level = DEFAULT_LEVEL): { rate: number } & Interval {
  if (!(population > 0) || !Number.isFinite(population)) throw new RangeError(`population must be > 0, got ${population}`);
  const ci = poissonInterval(count, level);
  const k = per / population;
  return { rate: count * k, low: ci.low * k, high: ci.high * k };
}

function checkShare(x: number, n: number): void {
  checkCount(x, "x");
  checkCount(n, "n");
  if (x > n) throw new RangeError(`x (${x}) must not exceed n (${n})`);
  if (n === 0) throw new RangeError("n must be > 0");
}

/** Wilson score interval for a proportion x/n, as a proportion in [0, 1] (R: `prop.test(x, n, correct = FALSE)`). */
export function wilsonInterval(x: number, n: number, level = DEFAULT_LEVEL): Interval {
  const alpha2 = checkLevel(level);
  checkShare(x, n);
  const z = qnorm(1 - alpha2);
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + z2n);
  return { low: x === 0 ? 0 : Math.max(0, centre - half), high: x === n ? 1 : Math.min(1, centre + half) };
}

/** Exact Clopper–Pearson interval for a proportion x/n, in [0, 1] (R: `binom.test(x, n)$conf.int`). */
export function clopperPearsonInterval(x: number, n: number, level = DEFAULT_LEVEL): Interval {
  const alpha2 = checkLevel(level);
  checkShare(x, n);
  return {
    low: x === 0 ? 0 : betaQuantile(alpha2, x, n - x + 1),
    high: x === n ? 1 : betaQuantile(1 - alpha2, x + 1, n - x),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Change tests

/** Relative tolerance R uses when summing the outcomes "at most as likely as the one observed". */
const RELATIVE_ERROR = 1 + 1e-7;

function logChoose(n: number, k: number): number {
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/** Two-sided exact binomial test of x successes in n with probability p (R: `binom.test(x, n, p)$p.value`). */
export function binomialTestP(x: number, n: number, p: number): number {
  if (n === 0) return 1;
  if (p <= 0) return x === 0 ? 1 : 0;
  if (p >= 1) return x === n ? 1 : 0;
  const logPmf = (k: number) => logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
  const d = logPmf(x) + Math.log(RELATIVE_ERROR);
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    const lp = logPmf(k);
    if (lp <= d) sum += Math.exp(lp);
  }
  // Sum of all outcomes as (or less) likely than the one observed, the observed one included.
  return Math.min(1, sum);
}

/** Two-sided Fisher exact test of a 2 × 2 table [[a, b], [c, d]] (R: `fisher.test(m)$p.value`). */
export function fisherExactP(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  if (n === 0) return 1;
  const lo = Math.max(0, col1 - (n - row1));
  const hi = Math.min(row1, col1);
  const logPmf = (k: number) => logChoose(row1, k) + logChoose(n - row1, col1 - k) - logChoose(n, col1);
  const dObs = logPmf(a) + Math.log(RELATIVE_ERROR);
  let sum = 0;
  for (let k = lo; k <= hi; k++) {
    const lp = logPmf(k);
    if (lp <= dObs) sum += Math.exp(lp);
  }
  return Math.min(1, sum);
}

export type ChangeInput =
  /** Two counts (or rates), each over its exposure (population × time; equal exposures when omitted). */
  | { kind: "count"; before: number; after: number; exposureBefore?: number; exposureAfter?: number }
  /** Two shares as numerator over denominator. */
  | { kind: "share"; before: { x: number; n: number }; after: { x: number; n: number } };

export type ChangeResult = {
  /** Two-sided p-value of the exact test. */
  p: number;
  /** Whether the change is statistically clear at the level (p < 1 − level). */
  significant: boolean;
  /** Direction of the estimate (up, down or none), whatever its significance. */
  direction: "up" | "down" | "none";
  /** Ratio after/before of the rates (counts per exposure) or shares; null when the before value is 0. */
  ratio: number | null;
  test: "poisson-conditional-binomial" | "fisher-exact";
};

/**
 * Whether the change between two periods is statistically clear.
 * - Counts and rates: the exact conditional test for two Poisson counts. Given the total x₁ + x₂, the later count is
 *   binomial with p = E₂/(E₁ + E₂) under no change in the rate (R: `poisson.test(c(x2, x1), c(E2, E1))`).
 * - Shares: Fisher's exact test of the 2 × 2 table (x, n − x) before and after, conditional on its margins.
 */
export function changeTest(input: ChangeInput, level = DEFAULT_LEVEL): ChangeResult {
  checkLevel(level);
  if (input.kind === "count") {
    const { before, after } = input;
    checkCount(before, "before");
    checkCount(after, "after");
    if (!Number.isInteger(before) || !Number.isInteger(after)) throw new RangeError("counts must be integers");
    const e1 = input.exposureBefore ?? 1;
    const e2 = input.exposureAfter ?? 1;
    if (!(e1 > 0 && e2 > 0)) throw new RangeError("exposures must be > 0");
    const p = binomialTestP(after, before + after, e2 / (e1 + e2));
    const r1 = before / e1;
    const r2 = after / e2;
    return {
      p,
      significant: p < 1 - level,
      direction: r2 > r1 ? "up" : r2 < r1 ? "down" : "none",
      ratio: before === 0 ? null : r2 / r1,
      test: "poisson-conditional-binomial",
    };
  }
  const { before, after } = input;
  checkShare(before.x, before.n);
  checkShare(after.x, after.n);
  if (![before.x, before.n, after.x, after.n].every(Number.isInteger)) throw new RangeError("shares need integer counts");
  const p = fisherExactP(after.x, after.n - after.x, before.x, before.n - before.x);
  const s1 = before.x / before.n;
  const s2 = after.x / after.n;
  return {
    p,
    significant: p < 1 - level,
    direction: s2 > s1 ? "up" : s2 < s1 ? "down" : "none",
    ratio: before.x === 0 ? null : s2 / s1,
    test: "fisher-exact",
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Uncertainty mark

/** The default base under which a cell is "osäker" whatever its interval (the huvudman can change it). */
export const DEFAULT_UNCERTAIN_BASE = 10;

/**
 * Whether a value is "osäker": its interval is wider than the value itself, or its base (the count, or the share's
 * denominator) is under the huvudman's threshold.
 */
export function isUncertain(value: number, interval: Interval, base: number, minBase = DEFAULT_UNCERTAIN_BASE): boolean {
  return interval.high - interval.low > Math.abs(value) || base < minBase;
}
