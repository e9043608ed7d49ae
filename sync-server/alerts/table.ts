// The huvudman's alert table from the database: weekly series up to the last complete ISO week, alerts per week.
import type { IndicatorDefinition } from "../../shared/indicators/schema";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { addDays } from "../../shared/periods/civil-date";
import { periodOfDate } from "../../shared/periods/period";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { AlertRow } from "../../shared/protocol/duplicates-api";
import type { Db } from "../db/database";
import { duplicateAwareCubeInput } from "../dedup/count-once";
import { nykoRegisterAt } from "../registers/current";
import { alertDataVersion } from "../stores/alerts";
import { computeAlerts, PRODUCT_EARS_MIN_SIGMA } from "./compute";
import { weeklySeries } from "./weekly";

export interface AlertTable {
  alerts: AlertRow[];
  computedAt: string;
  minSigma: number;
  lastWeek: string;
}

/** The last ISO week that has ended before `now` (Europe/Stockholm). */
export function lastCompleteIsoWeek(now: Date): string {
  return periodOfDate("isoweek", addDays(mondayOf(stockholmDate(now)), -1));
}

function mondayOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // 0 = Monday
  return addDays(date, -weekday);
}

export function computeAlertTable(db: Db, now: Date, definitions: readonly IndicatorDefinition[] = BUILTIN_INDICATORS): AlertTable {
  const { records, countOnce } = duplicateAwareCubeInput(db);
  const register = nykoRegisterAt(db, stockholmDate(now));
  const lastWeek = lastCompleteIsoWeek(now);
  const dated = records.filter((r) => r.date !== null && r.date <= stockholmDate(now));
  let first: string | null = null;
  for (const r of dated) if (first === null || r.date! < first) first = r.date!;
  if (first === null) return { alerts: [], computedAt: now.toISOString(), minSigma: PRODUCT_EARS_MIN_SIGMA, lastWeek };
  const table = weeklySeries(dated, definitions, register, { from: periodOfDate("isoweek", first), to: lastWeek, countOnce });
  return { alerts: computeAlerts(table), computedAt: now.toISOString(), minSigma: PRODUCT_EARS_MIN_SIGMA, lastWeek };
}

export interface AlertCache {
  get(db: Db, now: Date): AlertTable;
}

export function createAlertCache(definitions?: readonly IndicatorDefinition[]): AlertCache {
  let key = "";
  let cached: AlertTable | null = null;
  return {
    get(db, now) {
      const k = `${alertDataVersion(db)}|${lastCompleteIsoWeek(now)}`;
      if (!cached || k !== key) {
        cached = computeAlertTable(db, now, definitions);
        key = k;
      }
      return cached;
    },
  };
}
