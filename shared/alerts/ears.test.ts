import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { earsC, meanAndSd, type EarsMethod } from "./ears";

interface EarsReference {
  control: { range_start: number; range_end: number; method: EarsMethod; baseline: number; minSigma: number; alpha: number };
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
}
type Reference = Record<string, { observed: number[] } & Record<string, EarsReference>>;

const reference = JSON.parse(
  readFileSync(new URL("../../../shared/reference/alerts-reference.json", import.meta.url), "utf8"),
) as Reference;
const seriesNames = Object.keys(reference).filter((k) => !k.startsWith("_"));

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe("earsC reproduces surveillance::earsC", () => {
  it("has reference series to check", () => {
    expect(seriesNames.length).toBeGreaterThanOrEqual(2);
  });
  for (const name of seriesNames) {
    for (const key of ["ears_C1", "ears_C2", "ears_C3"]) {
      it(`${name} ${key}`, () => {
        const ref = reference[name][key];
        const c = ref.control;
        const result = earsC(reference[name].observed, {
          method: c.method,
          baseline: c.baseline,
          minSigma: c.minSigma,
          range: [c.range_start, c.range_end],
        });
        expect(result.alarm).toEqual(ref.alarm);
        expect(result.upperbound.length).toBe(ref.upperbound.length);
        ref.upperbound.forEach((u, i) => {
          if (u === null) expect(result.upperbound[i]).toBeNull();
          else expect(relativeError(result.upperbound[i] as number, u)).toBeLessThan(1e-6);
        });
      });
    }
  }
  it("uses the R default alpha when none is given and honours an explicit one", () => {
    const { observed, ears_C1: ref } = reference[seriesNames[0]];
    const range: [number, number] = [ref.control.range_start, ref.control.range_end];
    const byDefault = earsC(observed, { method: "C1", range });
    const explicit = earsC(observed, { method: "C1", range, alpha: 0.001 });
    const looser = earsC(observed, { method: "C1", range, alpha: 0.05 });
    expect(byDefault).toEqual(explicit);
    looser.upperbound.forEach((u, i) => expect(u as number).toBeLessThan(byDefault.upperbound[i] as number));
  });
});

describe("earsC edge cases", () => {
  it("C1 uses the mean plus z·sd of the seven previous weeks", () => {
    const observed = [1, 2, 3, 4, 5, 6, 7, 100];
    const { mean, sd } = meanAndSd([1, 2, 3, 4, 5, 6, 7]);
    const r = earsC(observed, { method: "C1", range: [8, 8] });
    expect(r.upperbound[0]).toBeCloseTo(mean + 3.090232306167813 * sd, 12);
    expect(r.alarm).toEqual([true]);
  });
  it("C2 skips the two weeks just before the current one", () => {
    const observed = [1, 2, 3, 4, 5, 6, 7, 1000, 1000, 5];
    const r = earsC(observed, { method: "C2", range: [10, 10] });
    const { mean, sd } = meanAndSd([1, 2, 3, 4, 5, 6, 7]);
    expect(r.upperbound[0]).toBeCloseTo(mean + 3.090232306167813 * sd, 12);
  });
  it("applies minSigma to a flat baseline", () => {
    const observed = new Array<number>(9).fill(2).concat([3]);
    const flat = earsC(observed, { method: "C1", range: [10, 10] });
    expect(flat.upperbound).toEqual([2]);
    expect(flat.alarm).toEqual([true]);
    const floored = earsC(observed, { method: "C1", range: [10, 10], minSigma: 1 });
    expect(floored.upperbound[0]).toBeCloseTo(2 + 3.090232306167813, 12);
    expect(floored.alarm).toEqual([false]);
  });
  it("C3 gives no bound (R's NaN) when the baseline is flat and minSigma is 0", () => {
    const observed = new Array<number>(14).fill(0);
    const r = earsC(observed, { method: "C3", range: [14, 14] });
    expect(r.upperbound).toEqual([null]);
    expect(r.alarm).toEqual([null]);
  });
  it("rejects a range that needs data before week 1", () => {
    expect(() => earsC([1, 2, 3, 4, 5, 6, 7], { method: "C1", range: [7, 7] })).toThrow();
    expect(() => earsC(new Array<number>(10).fill(1), { method: "C3", range: [10, 10] })).toThrow();
  });
});
