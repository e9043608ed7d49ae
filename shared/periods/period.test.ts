import { describe, it, expect } from "vitest";
import {
  formatPeriod,
  isValidPeriod,
  isoWeekOf,
  isoWeeksInYear,
  parsePeriod,
  periodContainsDate,
  periodEnd,
  periodEndExclusive,
  periodOfDate,
  periodStart,
  periodTypeOf,
} from "./period";

describe("periodOfDate", () => {
  it("puts the 1st–15th in H1 and the 16th–end in H2", () => {
    expect(periodOfDate("halfmonth", "2026-03-01")).toBe("2026-03-H1");
    expect(periodOfDate("halfmonth", "2026-03-15")).toBe("2026-03-H1");
    expect(periodOfDate("halfmonth", "2026-03-16")).toBe("2026-03-H2");
    expect(periodOfDate("halfmonth", "2026-03-31")).toBe("2026-03-H2");
    expect(periodOfDate("halfmonth", "2024-02-29")).toBe("2024-02-H2");
  });
  it("gives month, quarter, year", () => {
    expect(periodOfDate("month", "2026-03-31")).toBe("2026-03");
    expect(periodOfDate("quarter", "2026-03-31")).toBe("2026-Q1");
    expect(periodOfDate("quarter", "2026-04-01")).toBe("2026-Q2");
    expect(periodOfDate("quarter", "2026-12-31")).toBe("2026-Q4");
    expect(periodOfDate("year", "2026-12-31")).toBe("2026");
  });
  it("starts the school year on 1 July", () => {
    expect(periodOfDate("schoolyear", "2026-06-30")).toBe("2025/26");
    expect(periodOfDate("schoolyear", "2026-07-01")).toBe("2026/27");
    expect(periodOfDate("schoolyear", "1999-12-31")).toBe("1999/00");
  });
  it("computes ISO weeks, including weeks that belong to the neighbouring year", () => {
    expect(isoWeekOf("2026-02-23")).toBe("2026-W09");
    expect(isoWeekOf("2026-03-01")).toBe("2026-W09"); // a Sunday
    expect(isoWeekOf("2026-01-01")).toBe("2026-W01"); // Thursday
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
  });
  it("rejects non-dates", () => {
    expect(() => periodOfDate("month", "2026-02-30")).toThrow();
  });
});

describe("parse, format, validate", () => {
  const samples: [string, string][] = [
    ["2026-03-H1", "halfmonth"],
    ["2026-03-H2", "halfmonth"],
    ["2026-03", "month"],
    ["2026-Q1", "quarter"],
    ["2026", "year"],
    ["2025/26", "schoolyear"],
    ["1999/00", "schoolyear"],
    ["2026-W09", "week"],
  ];
  it.each(samples)("round-trips %s as %s", (text, type) => {
    const r = parsePeriod(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.type).toBe(type);
    expect(formatPeriod(r.value)).toBe(text);
    expect(periodTypeOf(text)).toBe(type);
  });
  it("refuses malformed periods with Swedish messages", () => {
    for (const bad of ["2026-13", "2026-03-H3", "2026-Q5", "2025/27", "2025-W54", "2025-W53", "26", "2026-3", ""]) {
      const r = parsePeriod(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.issues[0].length).toBeGreaterThan(0);
    }
    expect(isValidPeriod("2026-W53")).toBe(true);
  });
  it("checks the expected type", () => {
    expect(isValidPeriod("2026-03", "month")).toBe(true);
    expect(isValidPeriod("2026-03", "quarter")).toBe(false);
  });
});

describe("bounds", () => {
  it("gives first and last day of each type", () => {
    expect([periodStart("2026-02-H1"), periodEnd("2026-02-H1")]).toEqual(["2026-02-01", "2026-02-15"]);
    expect([periodStart("2026-02-H2"), periodEnd("2026-02-H2")]).toEqual(["2026-02-16", "2026-02-28"]);
    expect(periodEnd("2024-02-H2")).toBe("2024-02-29");
    expect([periodStart("2026-Q2"), periodEnd("2026-Q2")]).toEqual(["2026-04-01", "2026-06-30"]);
    expect([periodStart("2026"), periodEnd("2026")]).toEqual(["2026-01-01", "2026-12-31"]);
    expect([periodStart("2025/26"), periodEnd("2025/26")]).toEqual(["2025-07-01", "2026-06-30"]);
    expect([periodStart("2026-W09"), periodEnd("2026-W09")]).toEqual(["2026-02-23", "2026-03-01"]);
    expect([periodStart("2020-W53"), periodEnd("2020-W53")]).toEqual(["2020-12-28", "2021-01-03"]);
    expect(periodEndExclusive("2026-12-H2")).toBe("2027-01-01");
  });
  it("agrees with periodOfDate on every day of two years", () => {
    const types = ["halfmonth", "month", "quarter", "year", "schoolyear", "week"] as const;
    for (let t = Date.UTC(2025, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      for (const type of types) {
        const p = periodOfDate(type, date);
        expect(periodContainsDate(p, date)).toBe(true);
      }
    }
  });
});
