// The alert table is derived data: computed from the records that count, cached per data version and week, never
// stored (it holds nothing that the records do not). The version changes when a submission is approved or
// superseded, or a duplicate pair is found, overruled or restored.
import type { Db } from "../db/database";
import { duplicatesVersion } from "./duplicates";

export function alertDataVersion(db: Db): string {
  const s = db
    .prepare(
      `SELECT count(*) AS n, coalesce(max(reviewed_at), '') AS last,
         (SELECT count(*) FROM submission_periods WHERE superseded_by IS NOT NULL) AS sup
       FROM submissions WHERE status IN ('approved', 'superseded')`,
    )
    .get() as { n: number; last: string; sup: number };
  return `${s.n}|${s.last}|${s.sup}|${duplicatesVersion(db)}`;
}
