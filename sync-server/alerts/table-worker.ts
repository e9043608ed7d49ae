// The alert table computed in a worker thread (`jobs/worker.ts`): the worker opens its own read-only connection
// to the database file and runs the same computeAlertTable the server would run inline.
import { openReader } from "../db/database";
import { computeAlertTable, type AlertTable } from "./table";

export interface AlertTableInput {
  dbPath: string;
  /** The instant the table is computed at, as ISO 8601. */
  now: string;
}

export function alertTableFromFile(input: AlertTableInput): AlertTable {
  const db = openReader(input.dbPath);
  try {
    return computeAlertTable(db, new Date(input.now));
  } finally {
    db.close();
  }
}
