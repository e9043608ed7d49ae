import { describe, expect, it } from "vitest";
import { coefficientPValue, fitQuasiPoisson, hatValues, predictResponse } from "./glm";
import { qrCoefficients, qrDecompose } from "./qr";

describe("qrDecompose", () => {
  it("solves least squares like the normal equations", () => {
    const x = [
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
    ];
    const y = [1, 3, 2, 5];
    // Normal equations by hand: slope = Sxy/Sxx = 5.5/5 = 1.1, intercept = 2.75 − 1.1·1.5 = 1.1
    const coef = qrCoefficients(qrDecompose(x), y);
    expect(coef[0]).toBeCloseTo(1.1, 12);
    expect(coef[1]).toBeCloseTo(1.1, 12);
  });
  it("moves an aliased column to the end and reduces the rank", () => {
    const x = [
      [1, 2, 0],
      [1, 2, 1],
      [1, 2, 2],
    ];
    const qr = qrDecompose(x);
    expect(qr.rank).toBe(2);
    expect(qr.pivot).toEqual([0, 2, 1]);
  });
});

describe("fitQuasiPoisson", () => {
  const y = [2, 5, 3, 0, 4, 7, 1, 2];
  it("intercept only: exp(coef) is the mean and the dispersion is Pearson's", () => {
    const fit = fitQuasiPoisson(
      y.map(() => [1]),
      y,
    );
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    expect(fit.converged).toBe(true);
    expect(Math.exp(fit.coefficients[0])).toBeCloseTo(mean, 8);
    const pearson = y.reduce((s, v) => s + ((v - mean) * (v - mean)) / mean, 0) / (y.length - 1);
    // R weights it with the working weights of the last iteration, hence only close.
    expect(fit.dispersion).toBeCloseTo(pearson, 5);
    // Hat values of an intercept-only model are 1/n.
    hatValues(fit).forEach((h) => expect(h).toBeCloseTo(1 / y.length, 10));
    // se of the mean on the response scale: sqrt(dispersion · mean / n)
    const p = predictResponse(fit, [1]);
    expect(p.fit).toBeCloseTo(mean, 8);
    expect(p.seFit).toBeCloseTo(Math.sqrt((fit.dispersion * mean) / y.length), 6);
  });
  it("a factor model fits the group means", () => {
    const groups = [0, 0, 0, 0, 1, 1, 1, 1];
    const fit = fitQuasiPoisson(
      groups.map((g) => [1, g]),
      y,
    );
    expect(fit.mu[0]).toBeCloseTo(10 / 4, 8);
    expect(fit.mu[4]).toBeCloseTo(14 / 4, 8);
  });
  it("a time trend on a growing series is significant", () => {
    const t = Array.from({ length: 30 }, (_, i) => i + 1);
    const counts = t.map((v) => Math.round(3 * Math.exp(0.08 * v)));
    const fit = fitQuasiPoisson(
      t.map((v) => [1, v]),
      counts,
    );
    expect(fit.coefficients[1]).toBeGreaterThan(0.07);
    expect(coefficientPValue(fit, 1)).toBeLessThan(1e-6);
  });
  it("honours prior weights", () => {
    const weighted = fitQuasiPoisson(
      [[1], [1]],
      [2, 6],
      { weights: [3, 1] },
    );
    expect(weighted.mu[0]).toBeCloseTo(3, 8);
  });
});
