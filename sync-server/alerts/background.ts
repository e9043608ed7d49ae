// The huvudman's alert table off the request path: computed as the "alert-table" job (one at a time, within its
// time budget; a request while it is being computed joins it), in a worker thread when the database is a file (an
// in-memory database, as in tests, is computed inline). The table is cached per data version and ISO week: it
// changes when a submission is approved or superseded or a duplicate pair is decided, and each Monday.
import type { Db } from "../db/database";
import type { JobRunner } from "../jobs/runner";
import { callInWorker } from "../jobs/worker";
import { alertDataVersion } from "../stores/alerts";
import { computeAlertTable, lastCompleteIsoWeek, type AlertTable } from "./table";
import type { AlertTableInput } from "./table-worker";

export const ALERT_JOB = "alert-table";
/** Default time budget of the alert table (seconds on the demo; minutes only if something is wrong). */
export const DEFAULT_ALERT_BUDGET_MS = 2 * 60_000;

/** Computes the table at `now`, stopping early when `signal` aborts where it can. */
export type AlertCompute = (db: Db, now: Date, signal: AbortSignal) => Promise<AlertTable>;

/** In a worker thread for a database file; inline (on the event loop) for an in-memory one. */
export const workerOrInline: AlertCompute = async (db, now, signal) => {
  if (db.memory) return computeAlertTable(db, now);
  const input: AlertTableInput = { dbPath: db.name, now: now.toISOString() };
  return callInWorker<AlertTableInput, AlertTable>(new URL("./table-worker.ts", import.meta.url).href, "alertTableFromFile", input, signal);
};

export interface AlertCache {
  get(db: Db, now: Date): Promise<AlertTable>;
}

export interface AlertCacheOptions {
  jobs: JobRunner;
  budgetMs?: number;
  compute?: AlertCompute;
}

export function createAlertCache(options: AlertCacheOptions): AlertCache {
  const compute = options.compute ?? workerOrInline;
  let key = "";
  let cached: AlertTable | null = null;
  return {
    async get(db, now) {
      const k = `${alertDataVersion(db)}|${lastCompleteIsoWeek(now)}`;
      if (cached && k === key) return cached;
      const job = options.jobs.start(ALERT_JOB, options.budgetMs ?? DEFAULT_ALERT_BUDGET_MS, async (control) => {
        control.step("beräknar larmtabellen");
        const table = await compute(db, now, control.signal);
        control.step("klar");
        cached = table;
        key = k;
        return table;
      });
      return job.result;
    },
  };
}
