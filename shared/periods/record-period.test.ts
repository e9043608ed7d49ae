import { describe, it, expect } from "vitest";
import { halfMonthsOf, recordPeriod } from "./record-period";

describe("record periods", () => {
  it("places event rows by date and aggregate rows by their period field", () => {
    expect(recordPeriod({ date: "2026-03-16", period: null })).toEqual({ type: "halfmonth", period: "2026-03-H2" });
    expect(recordPeriod({ date: null, period: "2025-03" })).toEqual({ type: "month", period: "2025-03" });
    expect(recordPeriod({ date: null, period: "2024/25" })).toEqual({ type: "schoolyear", period: "2024/25" });
    expect(recordPeriod({ date: null, period: "2024/26" })).toBeNull();
    expect(recordPeriod({ date: null, period: null })).toBeNull();
  });
  it("lists the half-months records cover, a month row covering both halves", () => {
    const rows = [
      { date: "2026-03-02", period: null },
      { date: "2026-03-14", period: null },
      { date: "2026-01-31", period: null },
      { date: null, period: "2026-02" },
    ];
    expect(halfMonthsOf(rows)).toEqual(["2026-01-H2", "2026-02-H1", "2026-02-H2", "2026-03-H1"]);
    expect(halfMonthsOf([])).toEqual([]);
  });
});
