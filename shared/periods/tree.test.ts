import { describe, it, expect } from "vitest";
import {
  ancestorPeriods,
  assertNestingPeriodTypes,
  checkNestingPeriodTypes,
  childPeriods,
  containingPeriod,
  halfMonthsBetween,
  nests,
  parentPeriod,
  periodsBetween,
  periodsWithin,
} from "./tree";
import { isValidPeriod, periodContainsDate, periodEnd, periodOfDate, periodStart } from "./period";
import { addDays } from "./civil-date";
import fc from "fast-check";

describe("the publication tree", () => {
  it("goes half-month → month → quarter → year", () => {
    expect(parentPeriod("2026-03-H2")).toBe("2026-03");
    expect(parentPeriod("2026-03")).toBe("2026-Q1");
    expect(parentPeriod("2026-Q1")).toBe("2026");
    expect(parentPeriod("2026")).toBeNull();
    expect(parentPeriod("2025/26")).toBeNull();
    expect(parentPeriod("2026-W09")).toBeNull();
    expect(ancestorPeriods("2026-11-H1")).toEqual(["2026-11", "2026-Q4", "2026"]);
  });
  it("lists children", () => {
    expect(childPeriods("2026")).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(childPeriods("2026-Q3")).toEqual(["2026-07", "2026-08", "2026-09"]);
    expect(childPeriods("2026-02")).toEqual(["2026-02-H1", "2026-02-H2"]);
    expect(childPeriods("2025/26")).toHaveLength(12);
    expect(childPeriods("2025/26")[0]).toBe("2025-07");
    expect(childPeriods("2025/26")[11]).toBe("2026-06");
    expect(childPeriods("2026-03-H1")).toEqual([]);
    expect(periodsWithin("2026", "halfmonth")).toHaveLength(24);
    expect(periodsWithin("2025/26", "quarter")).toEqual(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(periodsWithin("2026-03", "week")).toEqual([]);
  });
  it("children tile the parent exactly", () => {
    for (const parent of ["2026", "2026-Q1", "2026-02", "2024-02", "2025/26"]) {
      const kids = childPeriods(parent);
      expect(periodStart(kids[0])).toBe(periodStart(parent));
      expect(periodEnd(kids[kids.length - 1])).toBe(periodEnd(parent));
      for (let i = 1; i < kids.length; i++) {
        const prevEnd = new Date(periodEnd(kids[i - 1]) + "T00:00:00Z").getTime();
        expect(new Date(periodStart(kids[i]) + "T00:00:00Z").getTime() - prevEnd).toBe(86_400_000);
      }
    }
  });
  it("finds the containing period only for types that nest", () => {
    expect(containingPeriod("2025-09", "schoolyear")).toBe("2025/26");
    expect(containingPeriod("2026-03-H1", "year")).toBe("2026");
    expect(containingPeriod("2026-Q3", "schoolyear")).toBe("2026/27");
    expect(containingPeriod("2026", "schoolyear")).toBeNull();
    expect(containingPeriod("2026-W09", "month")).toBeNull();
    expect(containingPeriod("2026-03", "halfmonth")).toBeNull();
  });
  it("lists the half-months a date range covers", () => {
    expect(halfMonthsBetween("2026-01-10", "2026-02-16")).toEqual(["2026-01-H1", "2026-01-H2", "2026-02-H1", "2026-02-H2"]);
    expect(halfMonthsBetween("2026-01-16", "2026-01-31")).toEqual(["2026-01-H2"]);
    expect(halfMonthsBetween("2026-02-01", "2026-01-31")).toEqual([]);
    expect(halfMonthsBetween("2025-01-01", "2026-10-31")).toHaveLength(44);
    expect(periodsBetween("quarter", "2025-12-31", "2026-01-01")).toEqual(["2025-Q4", "2026-Q1"]);
    expect(periodsBetween("week", "2026-02-23", "2026-03-02")).toEqual(["2026-W09", "2026-W10"]);
  });
});

describe("nesting", () => {
  it("knows which types nest", () => {
    expect(nests("halfmonth", "month")).toBe(true);
    expect(nests("month", "halfmonth")).toBe(false);
    expect(nests("quarter", "schoolyear")).toBe(true);
    expect(nests("year", "schoolyear")).toBe(false);
    expect(nests("week", "month")).toBe(false);
    expect(nests("week", "year")).toBe(false);
  });
  it("accepts sets that nest and orders them finest first", () => {
    const r = checkNestingPeriodTypes(["year", "halfmonth", "quarter", "month"]);
    expect(r).toEqual({ ok: true, value: ["halfmonth", "month", "quarter", "year"] });
    expect(checkNestingPeriodTypes(["month", "schoolyear"]).ok).toBe(true);
    expect(() => assertNestingPeriodTypes(["halfmonth", "month", "quarter", "year"])).not.toThrow();
  });
  it("accepts weeks with the calendar tree (the cube then keeps slices), orders weeks first; refuses weeks with school years", () => {
    expect(checkNestingPeriodTypes(["month", "week", "halfmonth"])).toEqual({ ok: true, value: ["week", "halfmonth", "month"] });
    const r = checkNestingPeriodTypes(["week", "schoolyear"]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toContain("nästlar inte");
  });
  it("refuses years with school years", () => {
    expect(() => assertNestingPeriodTypes(["year", "schoolyear"])).toThrow(/nästlar inte/);
    expect(() => assertNestingPeriodTypes(["halfmonth", "month", "year", "schoolyear"])).toThrow();
  });
});

describe("slices (a week cut at the half-month boundaries)", () => {
  it("cuts a straddling week in two and nests in both its week and its half-month", () => {
    // 2026-W49 is Monday 30 November – Sunday 6 December.
    expect(periodsWithin("2026-W49", "slice")).toEqual(["2026-11-30/2026-11-30", "2026-12-01/2026-12-06"]);
    expect(periodsWithin("2026-12-H1", "slice")).toEqual(["2026-12-01/2026-12-06", "2026-12-07/2026-12-13", "2026-12-14/2026-12-15"]);
    expect(containingPeriod("2026-12-14/2026-12-15", "week")).toBe("2026-W51");
    expect(containingPeriod("2026-12-14/2026-12-15", "halfmonth")).toBe("2026-12-H1");
    expect(containingPeriod("2026-W51", "halfmonth")).toBeNull();
  });
  it("every date lies in one slice, inside its week and its half-month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (n) => {
        const date = addDays("2024-01-01", n);
        const s = periodOfDate("slice", date);
        expect(periodContainsDate(s, date)).toBe(true);
        expect(periodContainsDate(periodOfDate("week", date), periodStart(s)) && periodContainsDate(periodOfDate("week", date), periodEnd(s))).toBe(true);
        expect(periodOfDate("halfmonth", periodStart(s))).toBe(periodOfDate("halfmonth", periodEnd(s)));
        expect(isValidPeriod(s, "slice")).toBe(true);
      }),
    );
  });
});

describe("tree properties", () => {
  it("every date's period chain nests: each period contains the date and lies inside its parent", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 60 }), (n) => {
        const date = new Date(Date.UTC(1990, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const half = periodOfDate("halfmonth", date);
        const chain = [half, ...ancestorPeriods(half)];
        expect(chain).toEqual([half, periodOfDate("month", date), periodOfDate("quarter", date), periodOfDate("year", date)]);
        for (const p of chain) expect(periodContainsDate(p, date)).toBe(true);
        for (let k = 1; k < chain.length; k++) {
          expect(periodStart(chain[k]) <= periodStart(chain[k - 1])).toBe(true);
          expect(periodEnd(chain[k - 1]) <= periodEnd(chain[k])).toBe(true);
          expect(childPeriods(chain[k])).toContain(chain[k - 1]);
        }
        expect(containingPeriod(periodOfDate("month", date), "schoolyear")).toBe(periodOfDate("schoolyear", date));
      }),
      { numRuns: 300 },
    );
  });
});
