// Deletes linkage tokens older than the window, wherever they are: the link_tokens table, and the `link` field of
// stored records of submissions that were never approved (pending or returned), which keep it until then.
import type { Db } from "../db/database";
import { linkWindowStart } from "./window";

export interface PurgeResult {
  tokens: number;
  records: number;
}

export function purgeLinkTokens(db: Db, now: Date): PurgeResult {
  const start = linkWindowStart(now);
  const tokens = db.prepare("DELETE FROM link_tokens WHERE event_date < ?").run(start).changes;
  const records = db
    .prepare(
      `UPDATE submission_records SET record = json_remove(record, '$.link')
       WHERE json_type(record, '$.link') IS NOT NULL AND (json_extract(record, '$.date') IS NULL OR json_extract(record, '$.date') < ?)`,
    )
    .run(start).changes;
  return { tokens: Number(tokens), records: Number(records) };
}
