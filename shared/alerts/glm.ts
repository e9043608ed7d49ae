// Quasi-Poisson GLM with log link, fitted by iteratively reweighted least
// squares exactly as R's glm.fit does (start mu = y + 0.1, convergence on the
// relative change of the deviance, epsilon 1e-8, at most 25 iterations), with
// the quantities summary.glm, predict.glm and hatvalues derive from the fit.

import {
  qrCoefficients,
  qrDecompose,
  qrHatValues,
  qrUnscaledCovariance,
  type QrDecomposition,
} from "./qr";
import { pt } from "./stats";

export interface GlmFit {
  converged: boolean;
  /** Coefficients in column order; NaN for aliased columns. */
  coefficients: number[];
  /** Fitted means. */
  mu: number[];
  y: number[];
  /** Working weights of the last iteration (R's `model$weights`). */
  workingWeights: number[];
  /** QR of the last weighted least-squares step (R's `model$qr`). */
  qr: QrDecomposition;
  rank: number;
  dfResidual: number;
  /** Pearson estimate of the dispersion, as summary.glm for a quasi family. */
  dispersion: number;
}

const EPS = Number.EPSILON;

/** Poisson log-link inverse, floored as R's poisson()$linkinv. */
function linkinv(eta: number): number {
  return Math.max(Math.exp(eta), EPS);
}

function deviance(y: readonly number[], mu: readonly number[], wt: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    d += y[i] > 0 ? wt[i] * (y[i] * Math.log(y[i] / mu[i]) - (y[i] - mu[i])) : mu[i] * wt[i];
  }
  return 2 * d;
}

function linearPredictor(x: readonly (readonly number[])[], coef: readonly number[]): number[] {
  return x.map((row) => row.reduce((s, v, j) => s + v * coef[j], 0));
}

export interface GlmOptions {
  /** Prior weights (default all one). */
  weights?: readonly number[];
  epsilon?: number;
  maxit?: number;
}

/**
 * Fits log E[y] = X β by IRLS. `x` holds one row per observation (include
 * the intercept column yourself).
 */
export function fitQuasiPoisson(x: readonly (readonly number[])[], y: readonly number[], options: GlmOptions = {}): GlmFit {
  const n = y.length;
  const p = n > 0 ? x[0].length : 0;
  const prior = options.weights ?? new Array<number>(n).fill(1);
  const epsilon = options.epsilon ?? 1e-8;
  const maxit = options.maxit ?? 25;
  const tol = Math.min(1e-7, epsilon / 1000);

  let eta = y.map((v) => Math.log(v + 0.1));
  let mu = eta.map(linkinv);
  let devold = deviance(y, mu, prior);
  let coefold: number[] | null = null;
  let coef: number[] = new Array<number>(p).fill(0);
  let converged = false;
  let w: number[] = [];
  let qr: QrDecomposition | null = null;

  for (let iter = 1; iter <= maxit; iter++) {
    // Working response and weights: for the log link mu.eta = mu and var = mu.
    const muEta = eta.map(linkinv);
    const z = eta.map((e, i) => e + (y[i] - mu[i]) / muEta[i]);
    w = muEta.map((m, i) => Math.sqrt((prior[i] * m * m) / mu[i]));
    const xw = x.map((row, i) => row.map((v) => v * w[i]));
    const zw = z.map((v, i) => v * w[i]);
    qr = qrDecompose(xw, tol);
    let start = qrCoefficients(qr, zw);
    eta = linearPredictor(x, start);
    mu = eta.map(linkinv);
    let dev = deviance(y, mu, prior);
    if (!Number.isFinite(dev)) {
      if (coefold === null) throw new Error("glm: no valid set of coefficients has been found");
      // Step halving towards the previous coefficients, as glm.fit does.
      let ii = 1;
      while (!Number.isFinite(dev)) {
        if (ii > maxit) throw new Error("glm: inner loop 1; cannot correct step size");
        ii++;
        const old = coefold;
        start = start.map((s, j) => (s + old[j]) / 2);
        eta = linearPredictor(x, start);
        mu = eta.map(linkinv);
        dev = deviance(y, mu, prior);
      }
    }
    coef = start;
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
    coefold = start;
  }
  if (qr === null) throw new Error("glm: no observations");

  const coefficients = coef.map((c) => c);
  for (let i = qr.rank; i < p; i++) coefficients[qr.pivot[i]] = NaN;
  const workingWeights = w.map((v) => v * v);
  // Pearson dispersion from R's stored working weights and working residuals.
  const residuals = y.map((v, i) => (v - mu[i]) / linkinv(eta[i]));
  let pearson = 0;
  let nGood = 0;
  for (let i = 0; i < n; i++) {
    if (workingWeights[i] > 0) {
      pearson += workingWeights[i] * residuals[i] * residuals[i];
      nGood++;
    }
  }
  const dfResidual = nGood - qr.rank;
  const dispersion = dfResidual > 0 ? pearson / dfResidual : NaN;
  return {
    converged,
    coefficients,
    mu,
    y: [...y],
    workingWeights,
    qr,
    rank: qr.rank,
    dfResidual,
    dispersion,
  };
}

/**
 * The dispersion summary.glm reports once a fit's working weights have been
 * replaced by `weights` (as surveillance's farringtonFlexible does after
 * reweighting): Σ weights·(working residual)² over positive weights / residual df.
 */
export function dispersionWithWeights(fit: GlmFit, weights: readonly number[]): number {
  let sum = 0;
  fit.y.forEach((y, i) => {
    if (weights[i] > 0) {
      const r = (y - fit.mu[i]) / fit.mu[i];
      sum += weights[i] * r * r;
    }
  });
  return fit.dfResidual > 0 ? sum / fit.dfResidual : NaN;
}

/** Unscaled covariance in original column order (NaN rows/columns for aliased columns). */
export function unscaledCovariance(fit: GlmFit): number[][] {
  const p = fit.coefficients.length;
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(NaN));
  const c = qrUnscaledCovariance(fit.qr);
  for (let i = 0; i < fit.rank; i++)
    for (let j = 0; j < fit.rank; j++) cov[fit.qr.pivot[i]][fit.qr.pivot[j]] = c[i][j];
  return cov;
}

/**
 * Two-sided p-value of coefficient `index` (t test, as summary.glm for a
 * quasi family); `dispersion` defaults to the fit's Pearson estimate.
 */
export function coefficientPValue(fit: GlmFit, index: number, dispersion = fit.dispersion): number {
  const cov = unscaledCovariance(fit);
  const se = Math.sqrt(cov[index][index] * dispersion);
  const t = fit.coefficients[index] / se;
  return 2 * pt(-Math.abs(t), fit.dfResidual);
}

/** Hat values of the final weighted fit (R's hatvalues). */
export function hatValues(fit: GlmFit): number[] {
  return qrHatValues(fit.qr);
}

/**
 * Prediction at a new design row on the response scale with its standard
 * error, as predict.glm(type = "response", se.fit = TRUE); `dispersion`
 * defaults to the fit's Pearson estimate (summary.glm's).
 */
export function predictResponse(
  fit: GlmFit,
  x0: readonly number[],
  dispersion = fit.dispersion,
): { fit: number; seFit: number } {
  const cov = unscaledCovariance(fit);
  const used = fit.qr.pivot.slice(0, fit.rank);
  let eta = 0;
  for (const j of used) eta += x0[j] * fit.coefficients[j];
  let v = 0;
  for (const i of used) for (const j of used) v += x0[i] * cov[i][j] * x0[j];
  const mu = linkinv(eta);
  const seLink = Math.sqrt(v * dispersion);
  return { fit: mu, seFit: seLink * mu };
}

/**
 * Standardised Anscombe residuals of a Poisson fit with dispersion `phi`
 * (surveillance's anscombe.residuals).
 */
export function anscombeResiduals(fit: GlmFit, phi: number): number[] {
  const hat = hatValues(fit);
  return fit.y.map((y, i) => {
    const mu = fit.mu[i];
    const raw = 1.5 * (Math.pow(y, 2 / 3) * Math.pow(mu, -1 / 6) - Math.sqrt(mu));
    return raw / Math.sqrt(phi * (1 - hat[i]));
  });
}
