import { describe, expect, it } from "vitest";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import { periodsBetween } from "../../shared/periods/tree";
import { earsC } from "../../shared/alerts/ears";
import { alarmMarks, alarmMarksForSeries } from "./marks";

const HALVES = periodsBetween("halfmonth", "2025-01-01", "2025-12-31");

function cells(values: (number | "..")[], over: Partial<DeliveryCell> = {}): DeliveryCell[] {
  return values.map((v, i) => ({
    indicator: "skadegorelse-klotter", nyko: "111", level: 3, periodType: "halfmonth", period: HALVES[i],
    value: v === ".." ? null : v, suppressed: v === "..", ...over,
  }));
}

describe("alarmMarksForSeries", () => {
  it("marks a jump after a steady published history and nothing before the baseline exists", () => {
    const values = [4, 5, 4, 6, 5, 4, 5, 5, 4, 5, 6, 5, 15];
    const marks = alarmMarksForSeries(values);
    expect(marks.slice(0, 7)).toEqual(new Array(7).fill(null));
    expect(marks[12]).toBe(true);
    expect(marks.slice(7, 12).every((m) => m === false)).toBe(true);
  });

  it("computes no mark over a suppressed value: the history restarts after it", () => {
    const values = [4, 5, 4, 6, 5, 4, 5, 5, null, 5, 6, 5, 15];
    const marks = alarmMarksForSeries(values);
    expect(marks[8]).toBeNull();
    // Only 4 published values since the break: too short for any EARS baseline.
    expect(marks.slice(9)).toEqual([null, null, null, null]);
  });

  it("a single case after zeros does not alarm (R's EARS with minSigma 0 would); three or more far above the history do", () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(alarmMarksForSeries(values)[8]).toBe(false);
    expect(earsC(values, { method: "C1", minSigma: 0, range: [9, 9] }).alarm[0]).toBe(true);
    expect(alarmMarksForSeries([0, 0, 0, 0, 0, 0, 0, 0, 2])[8]).toBe(false);
    expect(alarmMarksForSeries([0, 0, 0, 0, 0, 0, 0, 0, 4])[8]).toBe(true);
  });

  it("uses a seasonal baseline once a year of half-months exists: last summer's level does not alarm this summer", () => {
    // Two years of half-months with a summer peak (12–14 in June–August, 4–5 otherwise).
    const year = [4, 5, 4, 5, 4, 5, 5, 4, 5, 12, 13, 14, 12, 13, 14, 12, 5, 4, 5, 4, 5, 4, 5, 4];
    const values = [...year, ...year];
    const marks = alarmMarksForSeries(values);
    expect(marks.slice(24 + 9, 24 + 16).every((m) => m === false)).toBe(true);
    // The same jump in winter does alarm.
    const winter = [...year, ...year.slice(0, 3), 14];
    expect(alarmMarksForSeries(winter).at(-1)).toBe(true);
  });
});

describe("alarmMarks on delivery cells", () => {
  it("sets alarm only on published half-month cells of each cell's own series", () => {
    const a = cells([4, 5, 4, 6, 5, 4, 5, 5, 4, 5, 6, 5, 15]);
    const b = cells([4, 5, 4, 6, 5, 4, 5, 5, 4, 5, 6, 5, ".."], { nyko: "112" });
    const month: DeliveryCell = { indicator: "skadegorelse-klotter", nyko: "111", level: 3, periodType: "month", period: "2025-07", value: 20, suppressed: false };
    const out = alarmMarks([...a, ...b, month]);
    expect(out[12].alarm).toBe(true);
    expect(out[11].alarm).toBe(false);
    expect(out[0].alarm).toBeUndefined();
    expect(out[13 + 12].alarm).toBeUndefined(); // suppressed: no mark
    expect(out[13 + 11].alarm).toBe(false);
    expect(out[26].alarm).toBeUndefined(); // a month cell
  });

  it("never lets another area's or a suppressed value leak into a mark", () => {
    const quiet = cells([4, 5, 4, 6, 5, 4, 5, 5, 4, 5, 6, 5, 5]);
    const loud = cells([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50], { nyko: "112" });
    const out = alarmMarks([...quiet, ...loud]);
    expect(out[12].alarm).toBe(false);
    expect(out[25].alarm).toBe(true);
  });

  it("treats a missing half-month as a break", () => {
    const a = cells([4, 5, 4, 6, 5, 4, 5, 5, 4, 5, 6, 5, 15]).filter((_, i) => i !== 9);
    const out = alarmMarks(a);
    expect(out.every((c) => c.alarm === undefined || c.period < HALVES[9])).toBe(true);
  });
});
