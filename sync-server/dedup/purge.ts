// Deletes linkage tokens older than the window, wherever they are: the link_tokens table, and the `link` field of
// stored records of submissions that were never approved (pending or returned), which keep it until then.
import { inTransaction, type Db } from "../db/database";
import { deleteLinkTokensBefore, stripLinksBefore } from "../stores/duplicates";
import { linkWindowStart } from "./window";

export interface PurgeResult {
  tokens: number;
  records: number;
}

export function purgeLinkTokens(db: Db, now: Date): PurgeResult {
  const start = linkWindowStart(now);
  return { tokens: deleteLinkTokensBefore(db, start), records: stripLinksBefore(db, start) };
}

/** The periodic purge (the server's scheduler runs it every tick), in its own transaction. */
export function purgeExpiredLinkTokens(db: Db, now: Date): PurgeResult {
  return inTransaction(db, () => purgeLinkTokens(db, now));
}
