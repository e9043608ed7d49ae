import { describe, it, expect } from "vitest";
import { completePeriods, deadlineDate, deadlineInstant, hasEnded, isComplete, isOnTime, lastCompleteHalfMonth, periodEndInstant } from "./complete";

const at = (iso: string) => new Date(iso);

describe("completeness", () => {
  it("makes a half-month complete four days after it ends, at Stockholm midnight (winter)", () => {
    expect(deadlineDate("2026-02-H1")).toBe("2026-02-20");
    expect(deadlineInstant("2026-02-H1").toISOString()).toBe("2026-02-19T23:00:00.000Z");
    expect(isComplete("2026-02-H1", at("2026-02-19T22:59:59Z"))).toBe(false);
    expect(isComplete("2026-02-H1", at("2026-02-19T23:00:00Z"))).toBe(true);
  });
  it("uses summer time for a deadline after the spring change", () => {
    // 2026-03-H2 ends at 1 April 00:00; deadline 5 April 00:00 CEST = 4 April 22:00 UTC.
    expect(deadlineInstant("2026-03-H2").toISOString()).toBe("2026-04-04T22:00:00.000Z");
    expect(isComplete("2026-03-H2", at("2026-04-04T21:59:59Z"))).toBe(false);
    expect(isComplete("2026-03-H2", at("2026-04-04T22:00:00Z"))).toBe(true);
  });
  it("handles a deadline on the day of the spring change (still winter time at midnight)", () => {
    // 16 March + 13 days = 29 March 00:00 CET = 28 March 23:00 UTC.
    expect(deadlineInstant("2026-03-H1", 13).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(isComplete("2026-03-H1", at("2026-03-28T22:59:00Z"), 13)).toBe(false);
    expect(isComplete("2026-03-H1", at("2026-03-28T23:00:00Z"), 13)).toBe(true);
  });
  it("handles deadlines around the autumn change", () => {
    // 16 October + 9 days = 25 October 00:00, still CEST = 24 October 22:00 UTC.
    expect(deadlineInstant("2026-10-H1", 9).toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(isComplete("2026-10-H1", at("2026-10-24T21:59:59Z"), 9)).toBe(false);
    expect(isComplete("2026-10-H1", at("2026-10-24T22:00:00Z"), 9)).toBe(true);
    // 2026-10-H2: deadline 5 November 00:00 CET = 4 November 23:00 UTC.
    expect(deadlineInstant("2026-10-H2").toISOString()).toBe("2026-11-04T23:00:00.000Z");
    expect(isComplete("2026-10-H2", at("2026-11-04T22:59:59Z"))).toBe(false);
    expect(isComplete("2026-10-H2", at("2026-11-04T23:00:00Z"))).toBe(true);
  });
  it("distinguishes ended from complete", () => {
    expect(periodEndInstant("2026-03-H1").toISOString()).toBe("2026-03-15T23:00:00.000Z");
    const now = at("2026-03-17T08:00:00Z");
    expect(hasEnded("2026-03-H1", now)).toBe(true);
    expect(isComplete("2026-03-H1", now)).toBe(false);
    expect(isComplete("2026-03-H1", now, 0)).toBe(true);
    expect(hasEnded("2026-03-H2", now)).toBe(false);
  });
  it("applies to every period type, with the deadline counted from the period's end", () => {
    expect(deadlineDate("2026-03")).toBe("2026-04-05");
    expect(deadlineDate("2026-Q1")).toBe("2026-04-05");
    expect(deadlineDate("2026")).toBe("2027-01-05");
    expect(deadlineDate("2025/26")).toBe("2026-07-05");
    expect(deadlineDate("2026-W09")).toBe("2026-03-06");
    expect(isComplete("2026", at("2026-12-31T12:00:00Z"))).toBe(false);
  });
  it("judges a submission on time before the deadline instant", () => {
    expect(isOnTime("2026-03-H2", at("2026-04-04T21:59:59Z"))).toBe(true);
    expect(isOnTime("2026-03-H2", at("2026-04-04T22:00:00Z"))).toBe(false);
    expect(() => deadlineDate("2026-03-H2", -1)).toThrow();
  });
});

describe("complete periods at a moment", () => {
  it("finds the latest complete half-month around each deadline", () => {
    expect(lastCompleteHalfMonth(at("2026-03-19T22:59:59Z"))).toBe("2026-02-H2");
    expect(lastCompleteHalfMonth(at("2026-03-19T23:00:00Z"))).toBe("2026-03-H1");
    expect(lastCompleteHalfMonth(at("2026-04-04T21:59:59Z"))).toBe("2026-03-H1");
    expect(lastCompleteHalfMonth(at("2026-04-04T22:00:00Z"))).toBe("2026-03-H2");
    expect(lastCompleteHalfMonth(at("2026-04-05T04:00:00Z"))).toBe("2026-03-H2"); // the 06:00 delivery on the 5th
    expect(lastCompleteHalfMonth(at("2026-01-04T12:00:00Z"))).toBe("2025-12-H1");
    expect(lastCompleteHalfMonth(at("2026-01-04T12:00:00Z"), 0)).toBe("2025-12-H2");
  });
  it("agrees with isComplete for every hour of a year", () => {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 * 5) {
      const now = new Date(t);
      const p = lastCompleteHalfMonth(now);
      expect(isComplete(p, now)).toBe(true);
      const next = p.endsWith("H1") ? p.replace("H1", "H2") : null;
      if (next) expect(isComplete(next, now)).toBe(false);
    }
  });
  it("lists the complete periods of a type", () => {
    const now = at("2026-04-05T04:00:00Z");
    expect(completePeriods("month", "2026-01-01", now)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(completePeriods("quarter", "2025-10-01", now)).toEqual(["2025-Q4", "2026-Q1"]);
    expect(completePeriods("halfmonth", "2026-03-01", now)).toEqual(["2026-03-H1", "2026-03-H2"]);
    expect(completePeriods("year", "2025-01-01", now)).toEqual(["2025"]);
  });
});
