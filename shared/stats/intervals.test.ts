import { describe, expect, it } from "vitest";
import reference from "../../test/fixtures/stats/intervals.json";
import {
  betaQuantile,
  changeTest,
  clopperPearsonInterval,
  gammaQuantile,
  isUncertain,
  lowerRegularisedGamma,
  poissonInterval,
  rateInterval,
  upperRegularisedGamma,
  wilsonInterval,
} from "./intervals";

// Reference values from R (test/fixtures/stats/intervals.R → intervals.json).
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("incomplete gamma and its inverse (R: pgamma, qgamma)", () => {
  for (const g of reference.gamma) {
    it(`qgamma(${g.p}, ${g.shape}) and pgamma(${g.shape}, ${g.shape})`, () => {
      expect(rel(gammaQuantile(g.p, g.shape), g.q)).toBeLessThan(1e-9);
      expect(Math.abs(lowerRegularisedGamma(g.shape, g.shape) - g.P)).toBeLessThan(1e-10);
      expect(Math.abs(upperRegularisedGamma(g.shape, g.shape) - (1 - g.P))).toBeLessThan(1e-10);
    });
  }
  it("inverts the distribution function and knows its ends", () => {
    for (const a of [0.3, 1, 4.5, 80]) for (const p of [1e-6, 0.05, 0.5, 0.9, 0.999999]) {
      expect(lowerRegularisedGamma(a, gammaQuantile(p, a))).toBeCloseTo(p, 10);
    }
    expect(gammaQuantile(0, 2)).toBe(0);
    expect(gammaQuantile(1, 2)).toBe(Infinity);
    expect(gammaQuantile(0.5, 0)).toBeNaN();
    // Exponential: P(1, x) = 1 − e^−x
    expect(lowerRegularisedGamma(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
  });
  it("betaQuantile inverts the incomplete beta", () => {
    expect(betaQuantile(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(betaQuantile(0.09, 2, 1)).toBeCloseTo(0.3, 12);
  });
});

describe("poissonInterval (Garwood; R: poisson.test(x)$conf.int)", () => {
  for (const r of reference.poisson) {
    it(`count ${r.count} at ${r.level}`, () => {
      const ci = poissonInterval(r.count, r.level);
      if (r.low === 0) expect(ci.low).toBe(0);
      else expect(rel(ci.low, r.low)).toBeLessThan(1e-9);
      expect(rel(ci.high, r.high)).toBeLessThan(1e-9);
    });
  }
  it("matches the textbook values for 0 and 1 (Garwood 1936)", () => {
    expect(poissonInterval(0).high).toBeCloseTo(3.689, 3);
    expect(poissonInterval(1).low).toBeCloseTo(0.0253, 4);
    expect(poissonInterval(1).high).toBeCloseTo(5.5716, 4);
  });
  it("refuses negative counts and levels outside (0, 1)", () => {
    expect(() => poissonInterval(-1)).toThrow(RangeError);
    expect(() => poissonInterval(3, 1)).toThrow(RangeError);
  });
});

describe("rateInterval (per 1,000)", () => {
  for (const r of reference.rate) {
    it(`${r.count} in ${r.population}`, () => {
      const ci = rateInterval(r.count, r.population);
      expect(ci.rate).toBeCloseTo((1000 * r.count) / r.population, 12);
      if (r.low === 0) expect(ci.low).toBe(0);
      else expect(rel(ci.low, r.low)).toBeLessThan(1e-9);
      expect(rel(ci.high, r.high)).toBeLessThan(1e-9);
    });
  }
  it("refuses a population of 0", () => {
    expect(() => rateInterval(1, 0)).toThrow(RangeError);
  });
});

describe("shares (R: binom.test and prop.test without continuity correction)", () => {
  for (const s of reference.shares) {
    it(`${s.x}/${s.n} at ${s.level}`, () => {
      const cp = clopperPearsonInterval(s.x, s.n, s.level);
      const w = wilsonInterval(s.x, s.n, s.level);
      expect(Math.abs(cp.low - s.cpLow)).toBeLessThan(1e-10);
      expect(Math.abs(cp.high - s.cpHigh)).toBeLessThan(1e-10);
      expect(Math.abs(w.low - s.wilsonLow)).toBeLessThan(1e-10);
      expect(Math.abs(w.high - s.wilsonHigh)).toBeLessThan(1e-10);
    });
  }
  it("refuses x > n and n = 0", () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(0, 0)).toThrow(RangeError);
  });
});

describe("changeTest", () => {
  for (const c of reference.countChange) {
    it(`counts ${c.before} → ${c.after} over exposures ${c.exposureBefore}, ${c.exposureAfter} (R: poisson.test)`, () => {
      const r = changeTest({ kind: "count", before: c.before, after: c.after, exposureBefore: c.exposureBefore, exposureAfter: c.exposureAfter });
      expect(Math.abs(r.p - c.p)).toBeLessThan(1e-10);
      expect(r.significant).toBe(c.p < 0.05);
      expect(r.test).toBe("poisson-conditional-binomial");
    });
  }
  for (const c of reference.shareChange) {
    it(`shares ${c.beforeX}/${c.beforeN} → ${c.afterX}/${c.afterN} (R: fisher.test)`, () => {
      const r = changeTest({ kind: "share", before: { x: c.beforeX, n: c.beforeN }, after: { x: c.afterX, n: c.afterN } });
      expect(Math.abs(r.p - c.p)).toBeLessThan(1e-10);
      expect(r.significant).toBe(c.p < 0.05);
    });
  }
  it("gives direction and ratio of the rates", () => {
    const r = changeTest({ kind: "count", before: 100, after: 150, exposureBefore: 1000, exposureAfter: 1500 });
    expect(r.direction).toBe("none");
    expect(r.ratio).toBeCloseTo(1, 12);
    expect(r.significant).toBe(false);
    const up = changeTest({ kind: "count", before: 0, after: 9 });
    expect(up.direction).toBe("up");
    expect(up.ratio).toBeNull();
    expect(up.significant).toBe(true);
  });
});

describe("isUncertain", () => {
  it("marks an interval wider than the value, or a base under the threshold", () => {
    expect(isUncertain(4, poissonInterval(4), 4)).toBe(true);
    expect(isUncertain(40, poissonInterval(40), 40)).toBe(false);
    expect(isUncertain(40, poissonInterval(40), 40, 50)).toBe(true);
    expect(isUncertain(0, poissonInterval(0), 0, 0)).toBe(true);
  });
});
