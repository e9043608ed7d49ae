// Deletes linkage tokens older than the window, wherever they are: the link_tokens table, and the `link` field of
// stored records of submissions that were never approved (pending or returned), which keep it until then.
import { inTransaction, type Db } from "../db/database";
import { deleteLinkTokensBefore, linkedRecordsBefore, recordExpiredCoverage, stripLinksBefore } from "../stores/duplicates";
import { linkClassResolver } from "./link-class";
import { linkTokensExpireAt, linkWindowStart } from "./window";

export interface PurgeResult {
  tokens: number;
  records: number;
}

/**
 * Counts, per submission, half-month and link class, the rows whose keys are deleted before any match (coverage);
 * returns how many stored records still carry a key from before `start`.
 */
function recordExpired(db: Db, start: string): number {
  const rows = linkedRecordsBefore(db, start);
  if (rows.length === 0) return 0;
  const classOf = linkClassResolver(db);
  const tally = new Map<string, { submission: string; org: string; halfMonth: string; linkClass: string; rows: number; keptUntil: string }>();
  for (const r of rows) {
    const linkClass = classOf(r.record);
    const k = `${r.submission}|${r.halfMonth}|${linkClass}`;
    const t = tally.get(k) ?? { submission: r.submission, org: r.org, halfMonth: r.halfMonth, linkClass, rows: 0, keptUntil: linkTokensExpireAt(r.receivedAt) };
    t.rows++;
    tally.set(k, t);
  }
  for (const t of tally.values()) recordExpiredCoverage(db, t);
  return rows.length;
}

export function purgeLinkTokens(db: Db, now: Date): PurgeResult {
  const start = linkWindowStart(now);
  // The records to strip are exactly those just counted: the update runs only when there are any.
  const linked = recordExpired(db, start);
  return { tokens: deleteLinkTokensBefore(db, start), records: linked > 0 ? stripLinksBefore(db, start) : 0 };
}

/** The periodic purge (the server's scheduler runs it every tick), in its own transaction. */
export function purgeExpiredLinkTokens(db: Db, now: Date): PurgeResult {
  return inTransaction(db, () => purgeLinkTokens(db, now));
}
