// Weekly (ISO week) counts per indicator and NYKO area (levels 3, 2, 1 and 0 = the whole municipality) from the
// records that count, for the huvudman's alert table. Count indicators over event data only. Cross-partner
// indicators count each incident once through the same `countOnce` hook the cube uses.
import type { AreaHierarchy } from "../../shared/indicators/hierarchy";
import { ancestorAtLevel } from "../../shared/indicators/hierarchy";
import { compileMatcher } from "../../shared/indicators/match";
import type { IndicatorDefinition } from "../../shared/indicators/schema";
import { periodEnd, periodOfDate, periodStart } from "../../shared/periods/period";
import { periodsBetween } from "../../shared/periods/tree";
import type { DeidentifiedRecord } from "../../shared/protocol/record";

export interface WeeklySeries {
  indicator: string;
  level: 0 | 1 | 2 | 3;
  /** NYKO code, null for level 0. */
  nyko: string | null;
  /** Counts per week, same order as `weeks`. */
  counts: number[];
}

export interface WeeklyTable {
  /** Consecutive ISO weeks, oldest first. */
  weeks: string[];
  series: WeeklySeries[];
}

export interface WeeklyOptions {
  /** First and last ISO week (inclusive); default from the first event week to the last. */
  from?: string;
  to?: string;
  countOnce?: (rows: readonly DeidentifiedRecord[]) => readonly DeidentifiedRecord[];
}

/** Indicators that can be alerted on weekly: counts of event rows. */
export function weeklyIndicators(definitions: readonly IndicatorDefinition[]): IndicatorDefinition[] {
  return definitions.filter((d) => d.numerator.kind === "count" && d.periodTypes.includes("halfmonth"));
}

export function weeklySeries(records: readonly DeidentifiedRecord[], definitions: readonly IndicatorDefinition[], areas: AreaHierarchy, options: WeeklyOptions = {}): WeeklyTable {
  const dated = records.filter((r) => r.date !== null);
  let from = options.from;
  let to = options.to;
  if (!from || !to) {
    let min = "9999-99-99", max = "0000-00-00";
    for (const r of dated) {
      if (r.date! < min) min = r.date!;
      if (r.date! > max) max = r.date!;
    }
    if (dated.length === 0) return { weeks: [], series: [] };
    from ??= periodOfDate("week", min);
    to ??= periodOfDate("week", max);
  }
  const weeks = periodsBetween("week", periodStart(from), periodEnd(to));
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  const weekOfDate = new Map<string, number>();
  const indexOf = (date: string) => {
    let i = weekOfDate.get(date);
    if (i === undefined) {
      i = weekIndex.get(periodOfDate("week", date)) ?? -1;
      weekOfDate.set(date, i);
    }
    return i;
  };
  const series: WeeklySeries[] = [];
  for (const def of weeklyIndicators(definitions)) {
    const matcher = compileMatcher(def.numerator.match);
    let rows = dated.filter((r) => matcher.match(r) >= 0);
    if (def.crossPartner && options.countOnce) rows = [...options.countOnce(rows)];
    const byArea = new Map<string, number[]>(); // `${level}|${code}`
    const add = (level: number, code: string | null, w: number) => {
      const k = `${level}|${code ?? ""}`;
      let c = byArea.get(k);
      if (!c) byArea.set(k, (c = new Array<number>(weeks.length).fill(0)));
      c[w]++;
    };
    for (const r of rows) {
      const w = indexOf(r.date!);
      if (w < 0) continue;
      add(0, null, w);
      if (r.nyko === null) continue;
      for (const level of [1, 2, 3]) {
        const code = ancestorAtLevel(areas, r.nyko, level);
        if (code) add(level, code, w);
      }
    }
    // Every area of the register gets a series, zeros included.
    series.push({ indicator: def.id, level: 0, nyko: null, counts: byArea.get("0|") ?? new Array<number>(weeks.length).fill(0) });
    for (const level of [1, 2, 3] as const)
      for (const code of areas.codesAtLevel(level))
        series.push({ indicator: def.id, level, nyko: code, counts: byArea.get(`${level}|${code}`) ?? new Array<number>(weeks.length).fill(0) });
  }
  return { weeks, series };
}
