// The improved Farrington method (Noufaily et al. 2013) with the names and
// semantics of R's surveillance::farringtonFlexible (version 1.20.3), for a
// weekly series indexed by week number, with the "delta" threshold method.
//
// For each week k of the range:
// 1. the reference data: b years back, windows of ±w weeks, optionally the
//    noPeriods-level period factor, leaving out the last pastWeeksNotIncluded weeks;
// 2. a quasi-Poisson GLM with log link (intercept, time trend if requested,
//    period factor); if it does not converge with the trend, it is refitted
//    without; if it still does not converge there is no result for week k;
// 3. dispersion phi = max(Pearson dispersion, 1); reweighting of past
//    outbreaks by standardised Anscombe residuals above weightsThreshold and a refit;
// 4. the trend is kept only if its t test is significant at pThresholdTrend,
//    b ≥ 3 and the prediction does not exceed the largest reference count;
//    otherwise steps 2–3 are redone without the trend;
// 5. the upper bound from the prediction mu0 and its variance by the delta
//    method on the power-transformed scale (2/3 by default):
//    U = (mu0^e + z(1−alpha)·sqrt(e²·mu0^(2e−1)·(phi + se²/mu0)))^(1/e);
// 6. limit54: no alarm (and no bound) unless at least limit54[0] cases were
//    reported in the last limit54[1] weeks, the current one included.
// An alarm: enough cases, y > U (score (y − mu0)/(U − mu0) > 1) and y ≠ 0.
//
// Reproduced R quirk: after reweighting, the trend test and the standard
// error of the prediction use the dispersion R reports for the stored model
// (see FlexibleFit.reportedDispersion), not the Pearson estimate; phi does
// use the Pearson estimate. Without this the bounds differ by several per cent
// and the trend decisions differ from R's.

import { farringtonData, type FarringtonData } from "./blocks";
import {
  anscombeResiduals,
  coefficientPValue,
  dispersionWithWeights,
  fitQuasiPoisson,
  predictResponse,
  type GlmFit,
} from "./glm";
import { qnorm } from "./stats";

export type PowerTransformation = "none" | "1/2" | "2/3";

export interface FarringtonOptions {
  /** Number of years to go back, default 5. */
  b?: number;
  /** Half-window length, default 3. */
  w?: number;
  /** Reweight past outbreaks, default true. */
  reweight?: boolean;
  /** Anscombe residual threshold for reweighting, default 2.58. */
  weightsThreshold?: number;
  /** One-sided level of the prediction interval, default 0.05. */
  alpha?: number;
  /** Try a time trend, default true. */
  trend?: boolean;
  /** Significance level of the trend test, default 0.05. */
  pThresholdTrend?: number;
  /** [cases, weeks]: no alarm unless at least `cases` in the last `weeks` weeks; default [5, 4]. */
  limit54?: readonly [number, number];
  powertrans?: PowerTransformation;
  /** Number of levels of the period factor; 1 means none (original Farrington), default 1. */
  noPeriods?: number;
  /** Recent weeks left out of the fit, default w. */
  pastWeeksNotIncluded?: number;
  thresholdMethod?: "delta";
  /** 1-based, inclusive week indices to evaluate; default (frequency·b + w + 1) to the last week. */
  range?: readonly [number, number];
  /** Weeks per year, default 52. */
  frequency?: number;
  /**
   * The first day (YYYY-MM-DD) of each week, for a dated weekly series (R's sts with epochAsDate): the reference
   * weeks are then chosen by date. Absent: indexed by week number.
   */
  epochs?: readonly string[];
  /**
   * Not an R option: skip the model for weeks that fail limit54 (their bound
   * and expected value are null and there is no alarm anyway). Faster for
   * sparse series; differs from R only where R's model would not converge
   * (R then reports alarm NA and expected 0). Default false.
   */
  skipWeeksWithoutEnoughCases?: boolean;
}

export interface FarringtonResult {
  /** Predicted count; null where R gives NA (too few recent cases); 0 where no model converged (as R). */
  expected: (number | null)[];
  /** Upper bound; null where R gives NA (too few recent cases, or no model). */
  upperbound: (number | null)[];
  /** Alarm; null where no model converged (R's NA). */
  alarm: (boolean | null)[];
}

interface ResolvedOptions {
  b: number;
  w: number;
  reweight: boolean;
  weightsThreshold: number;
  alpha: number;
  trend: boolean;
  pThresholdTrend: number;
  limit54: readonly [number, number];
  powertrans: PowerTransformation;
  noPeriods: number;
  pastWeeksNotIncluded: number;
  frequency: number;
}

/** Design matrix rows: intercept, optional wtime, dummies for the factor levels after the first. */
function designRow(wtime: number, group: number | null, withTime: boolean, levels: readonly number[] | null): number[] {
  const row = [1];
  if (withTime) row.push(wtime);
  if (levels) for (const level of levels.slice(1)) row.push(group === level ? 1 : 0);
  return row;
}

interface FlexibleFit {
  fit: GlmFit;
  phi: number;
  /**
   * The dispersion R's predict.glm and summary.glm see for this model. After
   * reweighting, surveillance stores the reweighting weights in the model's
   * `weights` slot (where glm keeps the working weights), so they compute
   * Σ ω·((y − μ)/μ)² / df instead of the Pearson estimate. This affects the
   * standard error of the prediction and the trend test, not phi.
   */
  reportedDispersion: number;
  withTime: boolean;
  levels: number[] | null;
}

/** algo.farrington.fitGLM.flexible: fit, fall back without trend, reweight and refit. */
function fitFlexible(data: FarringtonData, timeTrend: boolean, o: ResolvedOptions): FlexibleFit | null {
  const levels = o.noPeriods !== 1 ? [...new Set(data.seasgroups)].sort((a, b) => a - b) : null;
  const design = (withTime: boolean): number[][] =>
    data.wtime.map((t, i) => designRow(t, data.seasgroups[i], withTime, levels));
  let withTime = timeTrend;
  let fit = fitQuasiPoisson(design(withTime), data.response);
  if (!fit.converged) {
    if (withTime) {
      withTime = false;
      fit = fitQuasiPoisson(design(withTime), data.response);
    }
    if (!fit.converged) return null;
  }
  let phi = Math.max(fit.dispersion, 1);
  let reportedDispersion = fit.dispersion;
  if (o.reweight) {
    const omega = reweightingWeights(anscombeResiduals(fit, phi), o.weightsThreshold);
    fit = fitQuasiPoisson(design(withTime), data.response, { weights: omega });
    phi = Math.max(fit.dispersion, 1);
    reportedDispersion = dispersionWithWeights(fit, omega);
  }
  return { fit, phi, reportedDispersion, withTime, levels };
}

/** algo.farrington.assign.weights: γ·s⁻² above the threshold, γ below, with γ making the weights average one. */
export function reweightingWeights(s: readonly number[], threshold: number): number[] {
  const above = s.map((v) => v > threshold);
  const sum = s.reduce((acc, v, i) => acc + (above[i] ? Math.pow(v, -2) : 1), 0);
  const gamma = s.length / sum;
  return s.map((v, i) => (above[i] ? gamma * Math.pow(v, -2) : gamma));
}

function predictAt(model: FlexibleFit, k: number, noPeriods: number): { fit: number; seFit: number } {
  return predictResponse(model.fit, designRow(k, noPeriods, model.withTime, model.levels), model.reportedDispersion);
}

/** Upper bound by the delta method on the power-transformed scale (algo.farrington.threshold.farrington). */
export function deltaUpperBound(mu0: number, seFit: number, phi: number, alpha: number, powertrans: PowerTransformation): number {
  const tau = phi + (seFit * seFit) / mu0;
  let se: number;
  let exponent: number;
  if (powertrans === "none") {
    se = Math.sqrt(mu0 * tau);
    exponent = 1;
  } else if (powertrans === "1/2") {
    se = Math.sqrt(0.25 * tau);
    exponent = 0.5;
  } else {
    se = Math.sqrt((4 / 9) * Math.pow(mu0, 1 / 3) * tau);
    exponent = 2 / 3;
  }
  const z = qnorm(1 - alpha);
  const candidates = [-1, 1].map((sign) => Math.pow(Math.pow(mu0, exponent) + sign * z * se, 1 / exponent));
  // R: sort(…, na.last = FALSE), then the second element.
  const defined = candidates.filter((c) => !Number.isNaN(c)).sort((a, b) => a - b);
  const sorted = [...new Array<number>(2 - defined.length).fill(NaN), ...defined];
  return sorted[1];
}

function resolve(observed: readonly number[], options: FarringtonOptions): ResolvedOptions & { range: [number, number] } {
  const b = options.b ?? 5;
  const w = options.w ?? 3;
  const frequency = options.frequency ?? 52;
  const limit54 = options.limit54 ?? [5, 4];
  if (!(limit54[0] >= 0 && limit54[1] > 0)) {
    throw new Error("The limit54 arguments are out of bounds: cases >= 0 and period > 0");
  }
  if ((options.thresholdMethod ?? "delta") !== "delta") throw new Error("Only thresholdMethod 'delta' is implemented");
  const range: [number, number] = options.range
    ? [options.range[0], options.range[1]]
    : [frequency * b + w + 1, observed.length];
  if (!Number.isInteger(range[0]) || !Number.isInteger(range[1]) || range[0] > range[1] || range[1] > observed.length) {
    throw new Error(`Invalid range [${range[0]}, ${range[1]}] for ${observed.length} observations`);
  }
  return {
    b,
    w,
    reweight: options.reweight ?? true,
    weightsThreshold: options.weightsThreshold ?? 2.58,
    alpha: options.alpha ?? 0.05,
    trend: options.trend ?? true,
    pThresholdTrend: options.pThresholdTrend ?? 0.05,
    limit54,
    powertrans: options.powertrans ?? "2/3",
    noPeriods: options.noPeriods ?? 1,
    pastWeeksNotIncluded: options.pastWeeksNotIncluded ?? w,
    frequency,
    range,
  };
}

/** algo.farrington.glm: the final model for week k, with the trend decision; null if none converged. */
function finalModel(data: FarringtonData, k: number, o: ResolvedOptions): FlexibleFit | null {
  let model = fitFlexible(data, o.trend, o);
  if (model === null) return null;
  if (model.withTime) {
    const pred = predictAt(model, k, o.noPeriods);
    const pValue = coefficientPValue(model.fit, 1, model.reportedDispersion);
    const significant = pValue < o.pThresholdTrend;
    const atLeastThreeYears = o.b >= 3;
    const noExtrapolation = pred.fit <= Math.max(...data.response);
    if (!(atLeastThreeYears && significant && noExtrapolation)) {
      model = fitFlexible(data, false, o);
    }
  }
  return model;
}

export function farringtonFlexible(observed: readonly number[], options: FarringtonOptions = {}): FarringtonResult {
  const o = resolve(observed, options);
  const result: FarringtonResult = { expected: [], upperbound: [], alarm: [] };
  for (let k = o.range[0]; k <= o.range[1]; k++) {
    const data = farringtonData(observed, k, {
      b: o.b,
      w: o.w,
      noPeriods: o.noPeriods,
      pastWeeksNotIncluded: o.pastWeeksNotIncluded,
      freq: o.frequency,
      epochs: options.epochs,
    });
    let recent = 0;
    for (let t = k - o.limit54[1] + 1; t <= k; t++) recent += observed[t - 1];
    const enoughCases = recent >= o.limit54[0];
    if (!enoughCases && options.skipWeeksWithoutEnoughCases) {
      result.alarm.push(false);
      result.upperbound.push(null);
      result.expected.push(null);
      continue;
    }
    const model = finalModel(data, k, o);
    if (model === null) {
      result.alarm.push(null);
      result.upperbound.push(null);
      result.expected.push(0);
      continue;
    }
    const pred = predictAt(model, k, o.noPeriods);
    const y = observed[k - 1];
    const upper = deltaUpperBound(pred.fit, pred.seFit, model.phi, o.alpha, o.powertrans);
    const score = Number.isNaN(upper) ? NaN : (y - pred.fit) / (upper - pred.fit);
    result.alarm.push(enoughCases && !Number.isNaN(score) && score > 1 && y !== 0);
    result.upperbound.push(enoughCases && !Number.isNaN(upper) ? upper : null);
    result.expected.push(enoughCases && !Number.isNaN(upper) ? pred.fit : null);
  }
  return result;
}
