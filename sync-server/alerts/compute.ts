// The huvudman's alert table: the product's alarm rule (shared/alerts/rule.ts) over each weekly series, dated by
// the Monday of each ISO week so that Farrington's reference weeks are chosen by date.
import { alarmVerdicts } from "../../shared/alerts/rule";
import { periodStart } from "../../shared/periods/period";
import type { AlertRow } from "../../shared/protocol/duplicates-api";
import type { WeeklyTable } from "./weekly";

/**
 * The EARS minSigma the alert list reports (its `minSigma` field, kept for older panes). The count-based rule needs
 * no floor of the standard deviation: a count's variance is at least its mean, and fewer than three cases never
 * alarm, so R's default 0 no longer alarms on a single case after zero weeks.
 */
export const PRODUCT_EARS_MIN_SIGMA = 1;

export interface ComputeOptions {  /** Only weeks from this index (0-based in table.weeks) on are reported; earlier weeks still serve as history. */
  fromIndex?: number;
}

export function computeAlerts(table: WeeklyTable, options: ComputeOptions = {}): AlertRow[] {
  const start = Math.max(1, (options.fromIndex ?? 0) + 1);
  const out: AlertRow[] = [];
  if (table.weeks.length < start) return out;
  const dates = table.weeks.map(periodStart);
  for (const s of table.series) {
    for (const v of alarmVerdicts(s.counts, { frequency: 52, dates, range: [start, table.weeks.length] })) {
      out.push({
        indicator: s.indicator, nyko: s.nyko, level: s.level, week: table.weeks[v.index - 1], observed: v.observed,
        upperbound: v.threshold - 1, method: v.method, alarm: v.alarm, expected: v.expected,
        pValue: v.reason === "persistent" ? v.persistencePValue : v.pValue, reason: v.reason,
        weeksTogether: v.reason === "persistent" ? v.persistenceWindow : null,
      });
    }
  }
  return out;
}
