// Staged parts of a chunked upload, kept until the last part arrives and everything is committed at once. A part's
// metadata is a row of upload_parts; its checked records are rows of upload_records (migration 017), each the JSON
// it will be stored as, so committing copies them in SQL.
import type { Db } from "../db/database";

export interface UploadPartRow {
  upload_id: string;
  org_id: string;
  idempotency_key: string;
  template_id: string;
  template_version: number;
  part_index: number;
  part_count: number;
  received_at: string;
  content_hash: string | null;
  bytes: number;
  /** JSON of the part's rows summary; null for a part staged before migration 017. */
  summary: string | null;
}

/** A part's checked records: each record's JSON and its first half-month, same order. */
export interface StagedRows {
  json: readonly string[];
  halfMonths: readonly (string | null)[];
}

/** Stages a part (replacing one staged under the same index). */
export function putPart(db: Db, p: Omit<UploadPartRow, "bytes">, rows: StagedRows, bytes: number): void {
  db.prepare("DELETE FROM upload_records WHERE org_id = ? AND upload_id = ? AND part_index = ?").run(p.org_id, p.upload_id, p.part_index);
  db.prepare(
    `INSERT OR REPLACE INTO upload_parts (upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, records, received_at, content_hash, bytes, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
  ).run(p.upload_id, p.org_id, p.idempotency_key, p.template_id, p.template_version, p.part_index, p.part_count, p.received_at, p.content_hash, bytes, p.summary);
  const row = db.prepare("INSERT INTO upload_records (org_id, upload_id, part_index, row_index, halfmonth, record) VALUES (?, ?, ?, ?, ?, ?)");
  for (let i = 0; i < rows.json.length; i++) row.run(p.org_id, p.upload_id, p.part_index, i, rows.halfMonths[i], rows.json[i]);
}

/** The staged uploads of an organisation: how many, and how many bytes they hold. */
export function stagedTotals(db: Db, org: string): { uploads: number; bytes: number } {
  const r = db.prepare("SELECT COUNT(DISTINCT upload_id) AS uploads, COALESCE(SUM(bytes), 0) AS bytes FROM upload_parts WHERE org_id = ?").get(org) as { uploads: number; bytes: number };
  return r;
}

/** Removes every staged part received before `before` (ISO instant), with its records; returns how many parts. */
export function expireParts(db: Db, before: string): number {
  db.prepare(
    `DELETE FROM upload_records WHERE (org_id, upload_id, part_index) IN (SELECT org_id, upload_id, part_index FROM upload_parts WHERE received_at < ?)`,
  ).run(before);
  return db.prepare("DELETE FROM upload_parts WHERE received_at < ?").run(before).changes;
}

export function partsMeta(db: Db, org: string, uploadId: string): UploadPartRow[] {
  return db
    .prepare(
      "SELECT upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, received_at, content_hash, bytes, summary FROM upload_parts WHERE org_id = ? AND upload_id = ? ORDER BY part_index",
    )
    .all(org, uploadId) as UploadPartRow[];
}

/** A staged part's records as JSON, in order (for a part whose summary must be worked out again). */
export function partRecordJson(db: Db, org: string, uploadId: string, part: number): string[] {
  const rows = db.prepare("SELECT record FROM upload_records WHERE org_id = ? AND upload_id = ? AND part_index = ? ORDER BY row_index").pluck().all(org, uploadId, part);
  return rows as string[];
}

/** Sets the half-month of each record of a staged part (worked out again at commit). */
export function setPartHalfMonths(db: Db, org: string, uploadId: string, part: number, halfMonths: readonly string[]): void {
  const set = db.prepare("UPDATE upload_records SET halfmonth = ? WHERE org_id = ? AND upload_id = ? AND part_index = ? AND row_index = ?");
  halfMonths.forEach((h, i) => set.run(h, org, uploadId, part, i));
}

/** Copies a staged part's records into `submission`, its rows numbered from `first`. Call inside a transaction. */
export function copyPartRecords(db: Db, org: string, uploadId: string, part: number, submission: string, first: number): number {
  return db
    .prepare(
      `INSERT INTO submission_records (submission_id, row_index, halfmonth, record)
       SELECT ?, ? + row_index, halfmonth, record FROM upload_records WHERE org_id = ? AND upload_id = ? AND part_index = ? ORDER BY row_index`,
    )
    .run(submission, first, org, uploadId, part).changes;
}

/**
 * Removes an upload's staged parts. Their records go with them unless `keepRecords`: then `dropRecords` removes
 * them later (a committed upload answers first). Records left behind are never read again: a part staged later
 * under the same index replaces its own, and only the parts in upload_parts are committed.
 */
export function dropParts(db: Db, org: string, uploadId: string, keepRecords = false): void {
  if (!keepRecords) dropRecords(db, org, uploadId);
  db.prepare("DELETE FROM upload_parts WHERE org_id = ? AND upload_id = ?").run(org, uploadId);
}

/** Removes the records of an upload none of whose parts is staged any more (left by `dropParts`). */
export function dropRecords(db: Db, org: string, uploadId: string): void {
  db.prepare("DELETE FROM upload_records WHERE org_id = ? AND upload_id = ? AND NOT EXISTS (SELECT 1 FROM upload_parts WHERE org_id = ? AND upload_id = ?)").run(org, uploadId, org, uploadId);
}

/** Removes records whose upload has no staged part (left behind by a stop between a commit and its clean-up). */
export function dropStrayRecords(db: Db): number {
  return db.prepare("DELETE FROM upload_records WHERE (org_id, upload_id) NOT IN (SELECT org_id, upload_id FROM upload_parts)").run().changes;
}
