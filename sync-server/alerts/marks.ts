// Alarm marks for subscribers: a mark on a published half-month cell, computed with the product's alarm rule
// (shared/alerts/rule.ts) from that cell's own published half-month series only (the same indicator, area and
// level), never from weekly or suppressed data. A suppressed value (or a missing half-month, or a rate without a
// value) breaks the series: no mark is computed on it, and the half-months after it start a new history (the EARS
// baseline needs 7 published half-months before a cell; the seasonal Farrington baseline a year of them plus its
// half-window, frequency 24).
import { alarmVerdicts } from "../../shared/alerts/rule";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import { periodEnd, periodStart } from "../../shared/periods/period";
import { periodsBetween } from "../../shared/periods/tree";

export const HALF_MONTHS_PER_YEAR = 24;

/** Marks for one series of published values (null = suppressed or no value): true/false, or null where none. */
export function alarmMarksForSeries(values: readonly (number | null)[]): (boolean | null)[] {
  const out: (boolean | null)[] = values.map(() => null);
  let i = 0;
  while (i < values.length) {
    if (values[i] === null) {
      i++;
      continue;
    }
    let j = i;
    while (j < values.length && values[j] !== null) j++;
    const run = values.slice(i, j) as number[];
    for (const v of alarmVerdicts(run, { frequency: HALF_MONTHS_PER_YEAR })) out[i + v.index - 1] = v.alarm;
    i = j;
  }
  return out;
}

/**
 * Returns the cells with `alarm` set on every published half-month cell that has a verdict; other cells (coarser
 * periods, suppressed cells, cells without enough published history) are returned unchanged, without `alarm`.
 */
export function alarmMarks(publishedSeries: readonly DeliveryCell[]): DeliveryCell[] {
  const groups = new Map<string, number[]>();
  publishedSeries.forEach((c, i) => {
    if (c.periodType !== "halfmonth") return;
    const k = `${c.indicator}|${c.level}|${c.nyko ?? ""}`;
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  });
  const out = publishedSeries.map((c) => {
    const { alarm: _ignored, ...rest } = c;
    return rest as DeliveryCell;
  });
  for (const idx of groups.values()) {
    const byPeriod = new Map(idx.map((i) => [publishedSeries[i].period, i]));
    const sorted = [...byPeriod.keys()].sort();
    const periods = periodsBetween("halfmonth", periodStart(sorted[0]), periodEnd(sorted[sorted.length - 1]));
    const values = periods.map((p) => {
      const i = byPeriod.get(p);
      if (i === undefined) return null;
      const c = publishedSeries[i];
      return c.suppressed ? null : c.value;
    });
    const marks = alarmMarksForSeries(values);
    periods.forEach((p, k) => {
      const i = byPeriod.get(p);
      if (i !== undefined && marks[k] !== null) out[i] = { ...out[i], alarm: marks[k] };
    });
  }
  return out;
}
