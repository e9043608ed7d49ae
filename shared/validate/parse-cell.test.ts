import { describe, expect, it } from "vitest";
import { parseDate, parseNumber, parsePeriod, parseTime } from "./parse-cell";

describe("parseDate", () => {
  it("reads Excel serials, Date objects and ISO text", () => {
    expect(parseDate(45658)).toEqual({ ok: true, value: "2025-01-01" });
    expect(parseDate(new Date("2025-03-04T00:00:00.000Z"))).toEqual({ ok: true, value: "2025-03-04" });
    expect(parseDate("2025-03-04")).toEqual({ ok: true, value: "2025-03-04" });
    expect(parseDate(" 2025-3-4 ")).toEqual({ ok: true, value: "2025-03-04" });
    expect(parseDate("20250304")).toEqual({ ok: true, value: "2025-03-04" });
  });
  it("refuses an ambiguous date instead of guessing", () => {
    const r = parseDate("04/03/2025");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("date-ambiguous");
  });
  it("refuses impossible dates and nonsense", () => {
    expect(parseDate("2025-02-30").ok).toBe(false);
    expect(parseDate("igår").ok).toBe(false);
    expect(parseDate(-5).ok).toBe(false);
    expect(parseDate(true).ok).toBe(false);
  });
});

describe("parseTime", () => {
  it("reads HH:MM, HHMM, fractions of a day and Date times", () => {
    expect(parseTime("00:24")).toEqual({ ok: true, value: 24 });
    expect(parseTime("2359")).toEqual({ ok: true, value: 23 * 60 + 59 });
    expect(parseTime("7:05")).toEqual({ ok: true, value: 7 * 60 + 5 });
    expect(parseTime(0.5)).toEqual({ ok: true, value: 720 });
    expect(parseTime(new Date(Date.UTC(1899, 11, 30, 13, 45)))).toEqual({ ok: true, value: 13 * 60 + 45 });
  });
  it("refuses times that are not times", () => {
    expect(parseTime("25:00").ok).toBe(false);
    expect(parseTime("12:60").ok).toBe(false);
    expect(parseTime("kväll").ok).toBe(false);
  });
});

describe("parseNumber and parsePeriod", () => {
  it("reads Swedish number text", () => {
    expect(parseNumber("1 234,5", false)).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber("12", true)).toEqual({ ok: true, value: 12 });
    expect(parseNumber("1,5", true).ok).toBe(false);
    expect(parseNumber("tolv", true).ok).toBe(false);
  });
  it("reads months and school years", () => {
    expect(parsePeriod("2025-3", "month")).toEqual({ ok: true, value: "2025-03" });
    expect(parsePeriod("2024/25", "schoolyear")).toEqual({ ok: true, value: "2024/25" });
    expect(parsePeriod("2024/2025", "schoolyear")).toEqual({ ok: true, value: "2024/25" });
    expect(parsePeriod("1999/00", "schoolyear")).toEqual({ ok: true, value: "1999/00" });
    expect(parsePeriod("2024/26", "schoolyear").ok).toBe(false);
    expect(parsePeriod("2025-13", "month").ok).toBe(false);
  });
});
