// The huvudman's alert table from the database: weekly series up to the last complete ISO week, alerts per week.
// Bounded whatever the records' dates: the last ALERT_TABLE_WEEKS weeks are judged, and only the ALERT_HISTORY_YEARS
// before them serve as history (Farrington looks at most three years back); older records are left out, so one
// record dated 1800 costs nothing.
import type { AreaHierarchy } from "../../shared/indicators/hierarchy";
import type { IndicatorDefinition } from "../../shared/indicators/schema";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { addDays } from "../../shared/periods/civil-date";
import { periodOfDate, periodStart } from "../../shared/periods/period";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { AlertRow } from "../../shared/protocol/duplicates-api";
import type { Db } from "../db/database";
import { duplicateAwareCubeInput } from "../dedup/count-once";
import { nykoRegisterAt } from "../registers/current";
import { computeAlerts, PRODUCT_EARS_MIN_SIGMA } from "./compute";
import { weeklySeries, type WeeklyTable } from "./weekly";

export interface AlertTable {
  alerts: AlertRow[];
  computedAt: string;
  minSigma: number;
  lastWeek: string;
}

/** Weeks judged (the widest the pane can ask for). */
export const ALERT_TABLE_WEEKS = 52;
/** Years of history before the judged weeks (Farrington's three years back plus its half-window). */
export const ALERT_HISTORY_YEARS = 3;

/** The first ISO week the table reads: history and judged weeks together, counted back from the last complete week. */
export function alertHistoryStart(lastWeek: string): string {
  const weeksBack = ALERT_HISTORY_YEARS * 53 + ALERT_TABLE_WEEKS;
  return periodOfDate("week", addDays(periodStart(lastWeek), -7 * (weeksBack - 1)));
}

/** The ISO week `weeks` − 1 weeks before `lastWeek`: the first of the last `weeks` weeks. */
export function firstOfLastWeeks(lastWeek: string, weeks: number): string {
  return periodOfDate("week", addDays(periodStart(lastWeek), -7 * (weeks - 1)));
}

/** The last ISO week that has ended before `now` (Europe/Stockholm). */
export function lastCompleteIsoWeek(now: Date): string {
  return periodOfDate("week", addDays(mondayOf(stockholmDate(now)), -1));
}

function mondayOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // 0 = Monday
  return addDays(date, -weekday);
}

/**
 * The weekly series the table judges: from the first record within the bound (alertHistoryStart) to `lastWeek`.
 * Records before the bound or after `today` are left out, so the table's length never depends on the oldest date.
 */
export function boundedWeeklySeries(
  records: readonly DeidentifiedRecord[], definitions: readonly IndicatorDefinition[], areas: AreaHierarchy, lastWeek: string, today: string,
  countOnce?: (rows: readonly DeidentifiedRecord[]) => readonly DeidentifiedRecord[],
): WeeklyTable | null {
  const bound = periodStart(alertHistoryStart(lastWeek));
  const dated = records.filter((r) => r.date !== null && r.date >= bound && r.date <= today);
  let first: string | null = null;
  for (const r of dated) if (first === null || r.date! < first) first = r.date!;
  if (first === null) return null;
  return weeklySeries(dated, definitions, areas, { from: periodOfDate("week", first), to: lastWeek, countOnce });
}

export function computeAlertTable(db: Db, now: Date, definitions: readonly IndicatorDefinition[] = BUILTIN_INDICATORS): AlertTable {
  const { records, countOnce } = duplicateAwareCubeInput(db);
  const register = nykoRegisterAt(db, stockholmDate(now));
  const lastWeek = lastCompleteIsoWeek(now);
  const table = boundedWeeklySeries(records, definitions, register, lastWeek, stockholmDate(now), countOnce);
  if (table === null) return { alerts: [], computedAt: now.toISOString(), minSigma: PRODUCT_EARS_MIN_SIGMA, lastWeek };
  const fromIndex = Math.max(0, table.weeks.indexOf(firstOfLastWeeks(lastWeek, ALERT_TABLE_WEEKS)));
  return { alerts: computeAlerts(table, { fromIndex }), computedAt: now.toISOString(), minSigma: PRODUCT_EARS_MIN_SIGMA, lastWeek };
}
