import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deltaUpperBound, farringtonFlexible, reweightingWeights, type PowerTransformation } from "./farrington";
import { qnorm } from "./stats";

interface FarringtonReference {
  control: {
    range_start: number;
    range_end: number;
    b: number;
    w: number;
    noPeriods: number;
    weightsThreshold: number;
    pastWeeksNotIncluded: number;
    pThresholdTrend: number;
    trend: boolean;
    thresholdMethod: "delta";
    alpha: number;
    powertrans: PowerTransformation;
    limit54: [number, number];
  };
  expected: (number | null)[];
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
}
type Reference = Record<string, { observed: number[]; frequency: number; farringtonFlexible: FarringtonReference }>;

const reference = JSON.parse(
  readFileSync(new URL("../../../shared/reference/alerts-reference.json", import.meta.url), "utf8"),
) as Reference;
const seriesNames = Object.keys(reference).filter((k) => !k.startsWith("_"));

function expectClose(actual: (number | null)[], expected: (number | null)[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (e === null) {
      expect(actual[i]).toBeNull();
    } else {
      const a = actual[i];
      expect(a).not.toBeNull();
      expect(Math.abs((a as number) - e) / Math.abs(e)).toBeLessThan(tolerance);
    }
  });
}

describe("farringtonFlexible reproduces surveillance::farringtonFlexible", () => {
  it("has reference series to check", () => {
    expect(seriesNames.length).toBeGreaterThanOrEqual(2);
  });
  for (const name of seriesNames) {
    it(name, () => {
      const { observed, frequency, farringtonFlexible: ref } = reference[name];
      const c = ref.control;
      const result = farringtonFlexible(observed, {
        b: c.b,
        w: c.w,
        noPeriods: c.noPeriods,
        weightsThreshold: c.weightsThreshold,
        pastWeeksNotIncluded: c.pastWeeksNotIncluded,
        pThresholdTrend: c.pThresholdTrend,
        trend: c.trend,
        thresholdMethod: c.thresholdMethod,
        alpha: c.alpha,
        powertrans: c.powertrans,
        limit54: c.limit54,
        range: [c.range_start, c.range_end],
        frequency,
      });
      expect(result.alarm).toEqual(ref.alarm);
      expectClose(result.upperbound, ref.upperbound, 1e-3);
      expectClose(result.expected, ref.expected, 1e-3);
    });
  }
});

describe("farringtonFlexible building blocks", () => {
  it("deltaUpperBound applies the 2/3 power transformation", () => {
    const mu0 = 4;
    const se = 0.5;
    const phi = 1.5;
    const tau = phi + (se * se) / mu0;
    const expected = Math.pow(
      Math.pow(mu0, 2 / 3) + qnorm(0.99) * Math.sqrt((4 / 9) * Math.pow(mu0, 1 / 3) * tau),
      3 / 2,
    );
    expect(deltaUpperBound(mu0, se, phi, 0.01, "2/3")).toBeCloseTo(expected, 12);
    expect(deltaUpperBound(mu0, se, phi, 0.01, "none")).toBeCloseTo(mu0 + qnorm(0.99) * Math.sqrt(mu0 * tau), 12);
  });
  it("reweightingWeights down-weights large residuals and averages one", () => {
    const s = [0.5, -1, 3, 4, 1];
    const omega = reweightingWeights(s, 2.58);
    expect(omega.reduce((a, b) => a + b, 0) / omega.length).toBeCloseTo(1, 12);
    expect(omega[0]).toBe(omega[1]);
    expect(omega[2]).toBeCloseTo(omega[0] / 9, 12);
    expect(omega[3]).toBeCloseTo(omega[0] / 16, 12);
  });
  it("skipping weeks that fail limit54 changes nothing where the models converge", () => {
    const { observed, farringtonFlexible: ref } = reference.salmonella_agona ?? reference[seriesNames[0]];
    const c = ref.control;
    const options = {
      b: c.b,
      w: c.w,
      noPeriods: c.noPeriods,
      pastWeeksNotIncluded: c.pastWeeksNotIncluded,
      alpha: c.alpha,
      range: [c.range_start, c.range_start + 15] as [number, number],
    };
    const full = farringtonFlexible(observed, options);
    expect(full.upperbound.some((u) => u === null)).toBe(true);
    expect(farringtonFlexible(observed, { ...options, skipWeeksWithoutEnoughCases: true })).toEqual(full);
  });
  it("needs b years of history before the range", () => {
    const observed = new Array<number>(150).fill(3);
    expect(() => farringtonFlexible(observed, { b: 3, w: 3, range: [150, 150] })).toThrow();
  });
  it("flags a clear outbreak on a seasonal series and respects limit54", () => {
    const weeks = 4 * 52;
    const observed = Array.from({ length: weeks }, (_, i) => Math.round(6 + 3 * Math.sin((2 * Math.PI * i) / 52) + ((i * 7) % 3)));
    observed[weeks - 1] = 40;
    const options = {
      b: 3,
      w: 3,
      noPeriods: 10,
      pastWeeksNotIncluded: 26,
      alpha: 0.01,
      range: [weeks - 4, weeks] as [number, number],
    };
    const r = farringtonFlexible(observed, options);
    expect(r.alarm[4]).toBe(true);
    expect(r.alarm.slice(0, 4)).toEqual([false, false, false, false]);
    // With a limit the series cannot reach, there are no bounds and no alarms.
    const limited = farringtonFlexible(observed, { ...options, limit54: [1000, 4] });
    expect(limited.alarm).toEqual([false, false, false, false, false]);
    expect(limited.upperbound).toEqual([null, null, null, null, null]);
    expect(limited.expected).toEqual([null, null, null, null, null]);
  });
});
