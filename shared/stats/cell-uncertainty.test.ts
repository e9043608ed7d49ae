import { describe, expect, it } from "vitest";
import { cellUncertainty, changeMark, countOf, valueInterval } from "./cell-uncertainty";
import { changeTest, clopperPearsonInterval, poissonInterval } from "./intervals";

describe("cell intervals from the published value and its public base", () => {
  it("a count: Garwood on the value", () => {
    expect(valueInterval(12, { kind: "count" })).toEqual(poissonInterval(12));
  });
  it("a rate per 1,000: Garwood on the count recovered from value × population / 1000, scaled back", () => {
    const base = { kind: "rate" as const, exposure: 2345, factor: 1000 };
    const value = (17 / 2345) * 1000;
    expect(countOf(value, base)).toBe(17);
    const ci = valueInterval(value, base)!;
    const g = poissonInterval(17);
    expect(ci.low).toBeCloseTo((g.low * 1000) / 2345, 12);
    expect(ci.high).toBeCloseTo((g.high * 1000) / 2345, 12);
  });
  it("a share in percent: Clopper–Pearson on x of n, in percent", () => {
    const base = { kind: "share" as const, n: 80, factor: 100 };
    const ci = valueInterval(25, base)!;
    const cp = clopperPearsonInterval(20, 80);
    expect(ci.low).toBeCloseTo(cp.low * 100, 12);
    expect(ci.high).toBeCloseTo(cp.high * 100, 12);
    expect(valueInterval(120, base)).toBeNull();
  });
  it("marks osäker when the interval is wider than the value or the base is under the threshold", () => {
    expect(cellUncertainty(5, { kind: "count" })!.uncertain).toBe(true);
    expect(cellUncertainty(30, { kind: "count" })!.uncertain).toBe(false);
    expect(cellUncertainty(30, { kind: "count" }, { minBase: 31, level: 0.95 })!.uncertain).toBe(true);
    // A share of 40 % of 8 respondents: base under 10.
    expect(cellUncertainty(50, { kind: "share", n: 8, factor: 100 })!.uncertain).toBe(true);
    expect(cellUncertainty(50, { kind: "share", n: 800, factor: 100 })!.uncertain).toBe(false);
  });
  it("calls a change only when the exact test does", () => {
    expect(changeMark({ value: 30, base: { kind: "count" } }, { value: 9, base: { kind: "count" } })).toBe("down");
    expect(changeMark({ value: 10, base: { kind: "count" } }, { value: 16, base: { kind: "count" } })).toBe("unclear");
    expect(changeTest({ kind: "count", before: 10, after: 16 }).significant).toBe(false);
    // Rates with their populations: 40 in 10,000 → 80 in 10,500.
    const r = (x: number, pop: number) => ({ value: (x / pop) * 1000, base: { kind: "rate" as const, exposure: pop, factor: 1000 } });
    expect(changeMark(r(40, 10000), r(80, 10500))).toBe("up");
    const sh = (x: number, n: number) => ({ value: (x / n) * 100, base: { kind: "share" as const, n, factor: 100 } });
    expect(changeMark(sh(10, 50), sh(30, 50))).toBe("up");
    expect(changeMark(sh(10, 50), sh(12, 50))).toBe("unclear");
    expect(changeMark(sh(10, 50), { value: 3, base: { kind: "count" } })).toBeNull();
  });
});
