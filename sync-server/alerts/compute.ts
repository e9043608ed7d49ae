// The huvudman's alert table: shared/alerts' alertsForSeries over each weekly series (EARS C1–C3 while the history
// is shorter than two years, Farrington once two years exist).
//
// minSigma: R's default 0 makes EARS alarm on any single case after a run of zero weeks (the baseline's standard
// deviation is 0), which in small areas means an alarm for almost every isolated incident. The product uses
// minSigma = 1: the bound is at least mean + z·1, so after zeros it takes about three cases in a week to alarm.
import { alertsForSeries } from "../../shared/alerts/series";
import type { AlertRow } from "../../shared/protocol/duplicates-api";
import type { WeeklyTable } from "./weekly";

export const PRODUCT_EARS_MIN_SIGMA = 1;

export interface ComputeOptions {
  minSigma?: number;
  /** Only weeks from this index (0-based in table.weeks) on are reported; earlier weeks still serve as history. */
  fromIndex?: number;
}

function methodOf(a: { method: string; ears?: Record<string, { alarm: boolean | null } | undefined> }): AlertRow["method"] {
  if (a.method === "farrington") return "farrington";
  const hit = (["C3", "C2", "C1"] as const).find((m) => a.ears?.[m]?.alarm);
  if (hit) return hit;
  return (["C3", "C2", "C1"] as const).find((m) => a.ears?.[m] !== undefined) ?? "C1";
}

export function computeAlerts(table: WeeklyTable, options: ComputeOptions = {}): AlertRow[] {
  const minSigma = options.minSigma ?? PRODUCT_EARS_MIN_SIGMA;
  const start = Math.max(1, (options.fromIndex ?? 0) + 1);
  const out: AlertRow[] = [];
  if (table.weeks.length < start) return out;
  for (const s of table.series) {
    for (const a of alertsForSeries(s.counts, { earsMinSigma: minSigma, range: [start, table.weeks.length] })) {
      if (a.method === "none" || a.alarm === null) continue;
      out.push({
        indicator: s.indicator, nyko: s.nyko, level: s.level, week: table.weeks[a.week - 1], observed: s.counts[a.week - 1],
        upperbound: a.upperbound, method: methodOf(a), alarm: a.alarm,
      });
    }
  }
  return out;
}
