// A year's value from published cells (the one rule of the yearly analysis and the sheet "Trygghet och händelser"):
// the year cell, else the published quarters, months and half-months mixed as the delivery has them; a sum is `..`
// or `saknas` only when every month of the span is covered by a cell.
import { describe, expect, it } from "vitest";
import type { DeliveryCell } from "../protocol/delivery";
import { monthValue, PublishedCells, yearValue } from "./year-values";

const cell = (periodType: DeliveryCell["periodType"], period: string, value: number | null, status: "value" | "suppressed" | "missing" = "value"): DeliveryCell => ({
  indicator: "x", nyko: "11", level: 2, periodType, period, value: status === "value" ? value : null, suppressed: status === "suppressed", status,
});
const whole = { year: 2025, lastMonth: 12 };
const months = (from: number, to: number, value = 1) => Array.from({ length: to - from + 1 }, (_, i) => cell("month", `2025-${String(from + i).padStart(2, "0")}`, value));
const value = (cells: DeliveryCell[], window = whole, summable = true) => yearValue(new PublishedCells(cells), "x", "11", window, summable);

describe("yearValue", () => {
  it("takes the year cell, with its interval, before any parts", () => {
    expect(value([cell("year", "2025", 40), ...months(1, 12)])).toEqual({ status: "value", value: 40, parts: 1 });
    expect(value([{ ...cell("year", "2025", 40), low: 28.6, high: 54.5 }])).toEqual({ status: "value", value: 40, parts: 1, low: 28.6, high: 54.5 });
  });

  it("sums quarters, months and half-months mixed, each month counted once", () => {
    const cells = [
      cell("quarter", "2025-Q1", 30), // January–March
      ...months(4, 6, 5), // April–June by month
      cell("quarter", "2025-Q3", 9),
      cell("month", "2025-10", 2),
      cell("halfmonth", "2025-11-H1", 1), cell("halfmonth", "2025-11-H2", 1),
      // December's own cell is taken; its half-months are not added again.
      cell("month", "2025-12", 4), cell("halfmonth", "2025-12-H1", 50), cell("halfmonth", "2025-12-H2", 50),
    ];
    expect(value(cells)).toEqual({ status: "value", value: 30 + 15 + 9 + 2 + 2 + 4, parts: 1 + 3 + 1 + 1 + 2 + 1 });
    expect(monthValue(new PublishedCells(cells), "x", "11", 2025, 11)).toEqual({ status: "value", value: 2, parts: 2 });
  });

  it("is `..` or `saknas` when a covered part is, `saknas` first", () => {
    expect(value([...months(1, 11), cell("month", "2025-12", null, "suppressed")])).toEqual({ status: "suppressed" });
    expect(value([cell("month", "2025-01", null, "missing"), ...months(2, 11), cell("month", "2025-12", null, "suppressed")])).toEqual({ status: "missing" });
    // A suppressed quarter whose months are published: the months give the value.
    expect(value([cell("quarter", "2025-Q1", null, "suppressed"), ...months(1, 12)])).toEqual({ status: "value", value: 12, parts: 12 });
  });

  it("is none when a month of the span has no cell at all, whatever the other parts say", () => {
    // A delivery that starts in November: the year is not covered, even though December is suppressed.
    expect(value([cell("month", "2025-11", 3), cell("month", "2025-12", null, "suppressed")])).toEqual({ status: "none" });
    expect(value([...months(1, 10), cell("month", "2025-11", null, "missing")])).toEqual({ status: "none" });
    expect(value([])).toEqual({ status: "none" });
    // January–October needs only those months.
    expect(value([...months(1, 10)], { year: 2025, lastMonth: 10 })).toEqual({ status: "value", value: 10, parts: 10 });
  });

  it("gives a rate or share only from its year cell", () => {
    expect(value(months(1, 12), whole, false)).toEqual({ status: "none" });
    expect(value([cell("year", "2025", null, "suppressed"), ...months(1, 12)], whole, false)).toEqual({ status: "suppressed" });
  });
});
