import { describe, it, expect } from "vitest";
import { stockholmDate, stockholmInstant, stockholmOffsetMs, stockholmTime, toStockholm } from "./stockholm";

const at = (iso: string) => new Date(iso);

describe("Stockholm civil time", () => {
  it("is UTC+1 in winter and UTC+2 in summer", () => {
    expect(stockholmOffsetMs(at("2026-01-15T12:00:00Z"))).toBe(3_600_000);
    expect(stockholmOffsetMs(at("2026-07-15T12:00:00Z"))).toBe(7_200_000);
  });
  it("springs forward on 29 March 2026 at 02:00", () => {
    expect(toStockholm(at("2026-03-29T00:59:59Z"))).toEqual({ date: "2026-03-29", hour: 1, minute: 59, second: 59 });
    expect(toStockholm(at("2026-03-29T01:00:00Z"))).toEqual({ date: "2026-03-29", hour: 3, minute: 0, second: 0 });
  });
  it("falls back on 25 October 2026 at 03:00", () => {
    expect(toStockholm(at("2026-10-25T00:59:00Z"))).toMatchObject({ date: "2026-10-25", hour: 2, minute: 59 });
    expect(toStockholm(at("2026-10-25T01:00:00Z"))).toMatchObject({ date: "2026-10-25", hour: 2, minute: 0 });
  });
  it("turns the date at Stockholm midnight, not UTC midnight", () => {
    expect(stockholmDate(at("2026-06-30T21:59:59Z"))).toBe("2026-06-30");
    expect(stockholmDate(at("2026-06-30T22:00:00Z"))).toBe("2026-07-01");
    expect(stockholmDate(at("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(stockholmDate(at("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
  });
  it("converts wall time back to an instant on both sides of each change", () => {
    expect(stockholmInstant("2026-03-28", 6).toISOString()).toBe("2026-03-28T05:00:00.000Z");
    expect(stockholmInstant("2026-03-29", 0).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(stockholmInstant("2026-03-29", 3).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(stockholmInstant("2026-03-29", 6).toISOString()).toBe("2026-03-29T04:00:00.000Z");
    expect(stockholmInstant("2026-10-25", 0).toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(stockholmInstant("2026-10-25", 6).toISOString()).toBe("2026-10-25T05:00:00.000Z");
  });
  it("resolves the skipped spring hour forward and the repeated autumn hour to its first occurrence", () => {
    expect(stockholmInstant("2026-03-29", 2, 30).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(stockholmInstant("2026-10-25", 2, 30).toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });
  it("round-trips every hour of a year", () => {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      const wall = toStockholm(new Date(t));
      const back = stockholmInstant(wall.date, wall.hour, wall.minute).getTime();
      // Only the repeated autumn hour maps back to its earlier occurrence.
      expect(back === t || back === t - 3_600_000).toBe(true);
    }
  });
});

describe("stockholmTime", () => {
  it("shows an instant as Stockholm's wall-clock time, in winter and summer", () => {
    expect(stockholmTime("2026-03-19T07:15:00.000Z")).toBe("2026-03-19 08:15");
    expect(stockholmTime("2026-07-01T07:15:00.000Z")).toBe("2026-07-01 09:15");
    expect(stockholmTime("2026-12-31T23:30:00.000Z")).toBe("2027-01-01 00:30");
    expect(stockholmTime(null)).toBe("");
    expect(stockholmTime(new Date("2026-07-01T07:15:00.000Z"))).toBe("2026-07-01 09:15");
    expect(stockholmTime(new Date(Number.NaN))).toBe("");
    expect(stockholmTime("inte ett datum")).toBe("inte ett datum");
  });
});
