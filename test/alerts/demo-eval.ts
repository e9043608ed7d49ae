// The product's weekly alert table on the demo data (real pipeline, double reporting counted once), and how it
// fares against the planted escalation of truth.json. Shared by the alerts benchmark and test.
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { periodOfDate } from "../../shared/periods/period";
import type { AlertRow } from "../../shared/protocol/duplicates-api";
import { computeAlerts } from "../../sync-server/alerts/compute";
import { weeklySeries, type WeeklyTable } from "../../sync-server/alerts/weekly";
import { loadRegistersFromDir } from "../../sync-server/cli/registers-dir";
import { countOnceHook } from "../../sync-server/dedup/count-once";
import { findDuplicatePairs, linkedRecords, loadDemoRecords, randomKey, readTruth, type DemoTruth } from "../dedup/demo-eval";

/** Truth's escalation kinds → the built-in indicators that follow them. */
export const ESCALATION_INDICATORS: Record<string, string> = { skadegörelse: "skadegorelse-klotter", "anlagd brand": "anlagda-brander" };

export interface DemoAlerts {
  table: WeeklyTable;
  alerts: AlertRow[];
  truth: DemoTruth;
}

export async function demoAlerts(): Promise<DemoAlerts> {
  const truth = readTruth();
  const registers = loadRegistersFromDir();
  const demo = await loadDemoRecords(randomKey(), undefined, registers);
  const byId = new Map(demo.map((r) => [r.id, r.record]));
  const pairs = findDuplicatePairs(linkedRecords(demo)).map((p) => ({ a: byId.get(p.a)!, b: byId.get(p.b)! }));
  const table = weeklySeries(demo.map((r) => r.record), BUILTIN_INDICATORS, registers.nyko, { countOnce: countOnceHook(pairs) });
  return { table, alerts: computeAlerts(table), truth };
}

export interface EscalationVerdict {
  indicator: string;
  startWeek: string;
  /** The first alarm week at the escalation's NYKO-3 from its start, or null. */
  firstAlarm: string | null;
  /** Weeks from the start week to the first alarm (0 = the start week). */
  weeksAfterStart: number | null;
  withinFourWeeks: boolean;
}

export function escalationVerdicts(d: DemoAlerts): EscalationVerdict[] {
  const e = d.truth.escalation;
  const startWeek = periodOfDate("week", e.from);
  const start = d.table.weeks.indexOf(startWeek);
  return e.kinds.map((kind) => {
    const indicator = ESCALATION_INDICATORS[kind];
    const hits = d.alerts.filter((a) => a.alarm && a.indicator === indicator && a.level === 3 && a.nyko === e.nyko && a.week >= startWeek).map((a) => a.week).sort();
    const first = hits[0] ?? null;
    const after = first === null ? null : d.table.weeks.indexOf(first) - start;
    return { indicator, startWeek, firstAlarm: first, weeksAfterStart: after, withinFourWeeks: after !== null && after <= 3 };
  });
}

/** Alarms at NYKO-3 outside the escalation (every indicator, every other area) per area-year of evaluated weeks. */
export function alarmsElsewhere(d: DemoAlerts): { alarms: number; areaYears: number; perAreaYear: number; byIndicator: Record<string, number> } {
  const e = d.truth.escalation;
  const level3 = d.table.series.filter((s) => s.level === 3 && s.nyko !== e.nyko);
  const areas = new Set(level3.map((s) => s.nyko)).size;
  const evaluatedWeeks = new Set(d.alerts.map((a) => a.week)).size;
  const areaYears = (areas * evaluatedWeeks) / 52;
  const byIndicator: Record<string, number> = {};
  let alarms = 0;
  for (const a of d.alerts) {
    if (!a.alarm || a.level !== 3 || a.nyko === e.nyko) continue;
    alarms++;
    byIndicator[a.indicator] = (byIndicator[a.indicator] ?? 0) + 1;
  }
  return { alarms, areaYears, perAreaYear: alarms / areaYears, byIndicator };
}
