import { describe, expect, it } from "vitest";
import { incompleteBeta, lgamma, pnorm, pt, qnorm } from "./stats";

describe("qnorm", () => {
  // Values of R's qnorm.
  const known: [number, number][] = [
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.001, -3.090232306167813],
    [0.3, -0.5244005127080409],
    [1e-10, -6.361340902404056],
    [0.9999999, 5.199337582290661],
    [1e-300, -37.0470962993612],
  ];
  for (const [p, q] of known) {
    it(`qnorm(${p}) = ${q}`, () => {
      expect(Math.abs(qnorm(p) - q)).toBeLessThan(1e-13 * Math.max(1, Math.abs(q)));
    });
  }
  it("handles the ends and invalid input", () => {
    expect(qnorm(0)).toBe(-Infinity);
    expect(qnorm(1)).toBe(Infinity);
    expect(qnorm(-0.1)).toBeNaN();
    expect(qnorm(1.1)).toBeNaN();
  });
  it("inverts pnorm", () => {
    for (const p of [0.001, 0.02, 0.2, 0.5, 0.7, 0.95, 0.9999]) expect(pnorm(qnorm(p))).toBeCloseTo(p, 12);
  });
});

describe("pt", () => {
  // Values of R's pt.
  const known: [number, number, number][] = [
    [2.1, 5, 0.9551233750577006],
    [-1.3, 130, 0.09795060623593109],
    [0.5, 1, 0.6475836176504333],
    [-4, 10, 0.0012591663123683473],
    [3, 2.5, 0.9637119522254841],
    [-0.2, 1000, 0.42076062216198806],
    [0, 7, 0.5],
  ];
  for (const [t, df, p] of known) {
    it(`pt(${t}, ${df}) = ${p}`, () => {
      expect(Math.abs(pt(t, df) - p)).toBeLessThan(1e-12);
    });
  }
  it("is symmetric and tends to the normal", () => {
    expect(pt(1.7, 12) + pt(-1.7, 12)).toBeCloseTo(1, 14);
    expect(pt(1.96, 1e7)).toBeCloseTo(pnorm(1.96), 6);
    expect(pt(Infinity, 3)).toBe(1);
    expect(pt(-Infinity, 3)).toBe(0);
  });
});

describe("special functions", () => {
  it("lgamma matches known values", () => {
    expect(lgamma(0.5)).toBeCloseTo(0.5723649429247001, 13);
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lgamma(65.5)).toBeCloseTo(207.2534700596299, 10);
  });
  it("incompleteBeta matches closed forms", () => {
    // I_x(1, 1) = x; I_x(2, 1) = x²; I_x(1, 2) = 1 − (1 − x)²
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(incompleteBeta(0.3, 2, 1)).toBeCloseTo(0.09, 14);
    expect(incompleteBeta(0.3, 1, 2)).toBeCloseTo(1 - 0.49, 14);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });
});
