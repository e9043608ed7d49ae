// Which periods an indicator's cube covers: its leaf periods, and the coarser periods made wholly of them.
import type { PeriodType } from "../protocol/delivery";
import type { AnyPeriodType } from "../periods/period";
import { containingPeriod, periodsBetween, periodsWithin } from "../periods/tree";
import { periodEnd, periodStart } from "../periods/period";
import type { PreparedRecords, SourceKind } from "./prepare";

/**
 * The leaf periods of an indicator: those overlapping `range` when given; otherwise the span of the input's records
 * of the indicator's kind. Event data share one span (a sparse indicator still covers every half-month of the
 * data); aggregate data span the months or school years submitted. Without matching rows, the kind is guessed
 * from the leaf type.
 */
export function leafPeriodsFor(prepared: PreparedRecords, kind: SourceKind | null, leafType: AnyPeriodType, range?: { from: string; to: string }): string[] {
  if (range) return periodsBetween(leafType, range.from, range.to);
  const guess: SourceKind[] =
    leafType === "schoolyear"
      ? ["schoolyear"]
      : leafType === "halfmonth" || leafType === "slice"
        ? ["halfmonth"]
        : leafType === "year"
          ? ["year", "month", "halfmonth"]
          : ["month", "halfmonth"];
  for (const k of kind ? [kind] : guess) {
    const span = prepared.span.get(k);
    if (span) return periodsBetween(leafType, periodStart(span.first), periodEnd(span.last));
  }
  return [];
}

export interface PeriodLayout {
  /** Per type: its periods in order (a coarser period only when all its leaf periods are covered). */
  periods: Map<PeriodType, string[]>;
  /** Per type: for each leaf period, the index of its period of that type, or -1 when that period is not covered. */
  leafToPeriod: Map<PeriodType, Int32Array>;
  /** Per type: the number of leaf periods in each period (for averages over time). */
  leavesPerPeriod: Map<PeriodType, number[]>;
}

export function periodLayout(types: readonly PeriodType[], leafType: AnyPeriodType, leafPeriods: readonly string[]): PeriodLayout {
  const leafIndex = new Set(leafPeriods);
  const periods = new Map<PeriodType, string[]>();
  const leafToPeriod = new Map<PeriodType, Int32Array>();
  const leavesPerPeriod = new Map<PeriodType, number[]>();
  for (const t of types) {
    const list: string[] = [];
    const map = new Int32Array(leafPeriods.length).fill(-1);
    const index = new Map<string, number>();
    const counts: number[] = [];
    for (let l = 0; l < leafPeriods.length; l++) {
      const p = t === leafType ? leafPeriods[l] : containingPeriod(leafPeriods[l], t);
      if (p === null) continue;
      let k = index.get(p);
      if (k === undefined) {
        const whole = t === leafType || periodsWithin(p, leafType).every((lp) => leafIndex.has(lp));
        k = whole ? list.length : -1;
        index.set(p, k);
        if (whole) {
          list.push(p);
          counts.push(0);
        }
      }
      if (k < 0) continue;
      map[l] = k;
      counts[k]++;
    }
    periods.set(t, list);
    leafToPeriod.set(t, map);
    leavesPerPeriod.set(t, counts);
  }
  return { periods, leafToPeriod, leavesPerPeriod };
}
