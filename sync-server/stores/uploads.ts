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
  /** The key of the part's records in upload_records. */
  stage: number;
}

/** A part's checked records: each record's JSON and its first half-month, same order. */
export interface StagedRows {
  json: readonly string[];
  halfMonths: readonly (string | null)[];
}

/** Stages a part (replacing one staged under the same index) under a stage number no part or record has yet. */
export function putPart(db: Db, p: Omit<UploadPartRow, "bytes" | "stage">, rows: StagedRows, bytes: number): void {
  const earlier = db.prepare("SELECT stage FROM upload_parts WHERE org_id = ? AND upload_id = ? AND part_index = ?").pluck().get(p.org_id, p.upload_id, p.part_index) as number | undefined;
  if (earlier !== undefined) db.prepare("DELETE FROM upload_records WHERE stage = ?").run(earlier);
  const stage = (db.prepare("SELECT max(COALESCE((SELECT max(stage) FROM upload_records), 0), COALESCE((SELECT max(stage) FROM upload_parts), 0)) + 1").pluck().get() as number);
  db.prepare(
    `INSERT OR REPLACE INTO upload_parts (upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, records, received_at, content_hash, bytes, summary, stage)
     VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
  ).run(p.upload_id, p.org_id, p.idempotency_key, p.template_id, p.template_version, p.part_index, p.part_count, p.received_at, p.content_hash, bytes, p.summary, stage);
  const row = db.prepare("INSERT INTO upload_records (stage, row_index, halfmonth, record) VALUES (?, ?, ?, ?)");
  for (let i = 0; i < rows.json.length; i++) row.run(stage, i, rows.halfMonths[i], rows.json[i]);
}

/** The staged uploads of an organisation: how many, and how many bytes they hold. */
export function stagedTotals(db: Db, org: string): { uploads: number; bytes: number } {
  const r = db.prepare("SELECT COUNT(DISTINCT upload_id) AS uploads, COALESCE(SUM(bytes), 0) AS bytes FROM upload_parts WHERE org_id = ?").get(org) as { uploads: number; bytes: number };
  return r;
}

/** Removes every staged part received before `before` (ISO instant), with its records; returns how many parts. */
export function expireParts(db: Db, before: string): number {
  db.prepare("DELETE FROM upload_records WHERE stage IN (SELECT stage FROM upload_parts WHERE received_at < ?)").run(before);
  return db.prepare("DELETE FROM upload_parts WHERE received_at < ?").run(before).changes;
}

export function partsMeta(db: Db, org: string, uploadId: string): UploadPartRow[] {
  return db
    .prepare(
      "SELECT upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, received_at, content_hash, bytes, summary, stage FROM upload_parts WHERE org_id = ? AND upload_id = ? ORDER BY part_index",
    )
    .all(org, uploadId) as UploadPartRow[];
}

/** A staged part's records as JSON, in order (for a part whose summary must be worked out again). */
export function partRecordJson(db: Db, stage: number): string[] {
  return db.prepare("SELECT record FROM upload_records WHERE stage = ? ORDER BY row_index").pluck().all(stage) as string[];
}

/** Sets the half-month of each record of a staged part (worked out again at commit). */
export function setPartHalfMonths(db: Db, stage: number, halfMonths: readonly string[]): void {
  const set = db.prepare("UPDATE upload_records SET halfmonth = ? WHERE stage = ? AND row_index = ?");
  halfMonths.forEach((h, i) => set.run(h, stage, i));
}

/** Copies a staged part's records into `submission`, its rows numbered from `first`. Call inside a transaction. */
export function copyPartRecords(db: Db, stage: number, submission: string, first: number): number {
  return db
    .prepare("INSERT INTO submission_records (submission_id, row_index, halfmonth, record) SELECT ?, ? + row_index, halfmonth, record FROM upload_records WHERE stage = ? ORDER BY row_index")
    .run(submission, first, stage).changes;
}

/**
 * Removes an upload's staged parts. Their records go with them unless `keepRecords`: the caller then removes them
 * later with `dropRecords` (a committed upload answers first). Records left behind are never read: only parts in
 * upload_parts are committed, and a new part's stage number is above every stage still held.
 */
export function dropParts(db: Db, org: string, uploadId: string, keepRecords = false): number[] {
  const stages = db.prepare("SELECT stage FROM upload_parts WHERE org_id = ? AND upload_id = ?").pluck().all(org, uploadId) as number[];
  if (!keepRecords) dropRecords(db, stages);
  db.prepare("DELETE FROM upload_parts WHERE org_id = ? AND upload_id = ?").run(org, uploadId);
  return stages;
}

/** Removes the records of the stages given (of parts already dropped). */
export function dropRecords(db: Db, stages: readonly number[]): void {
  const drop = db.prepare("DELETE FROM upload_records WHERE stage = ?");
  for (const s of stages) drop.run(s);
}

/** Removes records whose part is not staged (left behind by a stop between a commit and its clean-up). */
export function dropStrayRecords(db: Db): number {
  return db.prepare("DELETE FROM upload_records WHERE stage NOT IN (SELECT stage FROM upload_parts WHERE stage IS NOT NULL)").run().changes;
}
