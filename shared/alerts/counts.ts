// Upper tail probabilities of count distributions: P(Y ≥ y) for a Poisson or a negative binomial with a given mean
// and variance. Exact for small counts (no normal approximation).

import { incompleteBeta } from "./stats";

/** P(Y ≥ y) for Y ~ Poisson(mean), by summing the lower terms (counts here are small). */
export function poissonUpperTail(y: number, mean: number): number {
  if (y <= 0) return 1;
  if (mean <= 0) return 0;
  // log pmf(0) = −mean; pmf(k+1) = pmf(k)·mean/(k+1). Sum in log space relative to the largest term.
  const logs: number[] = [];
  let lp = -mean;
  for (let k = 0; k < y; k++) {
    logs.push(lp);
    lp += Math.log(mean) - Math.log(k + 1);
  }
  const max = Math.max(...logs);
  let s = 0;
  for (const l of logs) s += Math.exp(l - max);
  const lower = Math.exp(max) * s;
  return Math.min(1, Math.max(0, 1 - lower));
}

/**
 * P(Y ≥ y) for a count with the given mean and variance: a negative binomial with size mean²/(variance − mean)
 * when the variance exceeds the mean, otherwise Poisson.
 */
export function countUpperTail(y: number, mean: number, variance: number): number {
  if (y <= 0) return 1;
  if (mean <= 0) return 0;
  if (variance <= mean * (1 + 1e-9)) return poissonUpperTail(y, mean);
  const size = (mean * mean) / (variance - mean);
  const prob = size / (size + mean);
  // P(Y ≤ y − 1) = I_prob(size, y), so P(Y ≥ y) = 1 − I_prob(size, y) = I_{1−prob}(y, size).
  return Math.min(1, Math.max(0, incompleteBeta(1 - prob, y, size)));
}

/** The smallest count c with P(Y ≥ c) < alpha: the count from which a period alarms. */
export function countThreshold(alpha: number, mean: number, variance: number): number {
  let lo = 0;
  let hi = Math.max(1, Math.ceil(mean + 20 * Math.sqrt(Math.max(variance, mean, 1))));
  while (countUpperTail(hi, mean, variance) >= alpha) hi *= 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (countUpperTail(mid, mean, variance) < alpha) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
