import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, isoDateSchema, parseIsoDate } from "./iso-date";

describe("the one ISO date parser", () => {
  it("accepts real calendar days and refuses the rest", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("2000-02-29")).not.toBeNull();
    expect(parseIsoDate("0000-02-29")).not.toBeNull(); // year 0 is a leap year in the proleptic calendar
    for (const bad of ["2026-02-31", "2026-13-45", "0000-00-00", "1900-02-29", "2025-02-29", "2026-04-31", "2026-1-05", "2026-01-05T00:00", " 2026-01-05", "20260105", ""])
      expect({ bad, parsed: parseIsoDate(bad) }).toEqual({ bad, parsed: null });
  });

  it("agrees with the calendar of Date for every day of years 1–9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const d = new Date(0);
        d.setUTCFullYear(year, month - 1, day);
        const real = d.getUTCDate() === day;
        const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
        expect(parseIsoDate(text) !== null).toBe(real);
        expect(day <= daysInMonth(year, month)).toBe(real);
      }),
      { numRuns: 2000 },
    );
  });

  it("the contract schema says in Swedish what is wrong", () => {
    const r = isoDateSchema.safeParse("2026-02-31");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/giltigt datum/);
  });
});
