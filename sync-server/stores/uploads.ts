// Chunked uploads. Each part's checked records go straight into submission_records, under a submission row in
// status 'uploading' that no reader sees (migration 019); a part's row in upload_parts holds its metadata and where
// its rows are. The last part commits the upload by updating that submission row (`commitUpload` in
// stores/submissions.ts); an upload never completed is removed with its rows when it expires.
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
  /** JSON of the part's rows summary (every part has one: migration 019 dropped the parts staged before). */
  summary: string;
  /** The submission (status 'uploading' until the upload is committed) the part's rows are in. */
  submission_id: string;
  /** The part's first row in the submission, and how many rows it has. */
  first_row: number;
  row_count: number;
}

/** The idempotency key an uploading submission holds until its last part brings the real one (never a key's shape). */
function uploadingKey(uploadId: string): string {
  return `upload/${uploadId}`;
}

/** A new submission row for an upload's parts, seen by no reader until the upload is committed. */
export function insertUploading(db: Db, s: { id: string; org: string; templateId: string; templateVersion: number; uploadId: string; createdAt: string; createdBy: string }): void {
  db.prepare(
    `INSERT INTO submissions (id, org_id, template_id, template_version, idempotency_key, status, row_count, located_count, unlocated_count, warnings, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, 'uploading', 0, 0, 0, '[]', ?, ?)`,
  ).run(s.id, s.org, s.templateId, s.templateVersion, uploadingKey(s.uploadId), s.createdAt, s.createdBy);
}

/** Records a staged part's metadata (replacing one staged under the same index). Its rows are written beside it. */
export function putPart(db: Db, p: Omit<UploadPartRow, "bytes">, bytes: number): void {
  db.prepare(
    `INSERT OR REPLACE INTO upload_parts (upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, received_at, content_hash, bytes, summary, submission_id, first_row, row_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.upload_id, p.org_id, p.idempotency_key, p.template_id, p.template_version, p.part_index, p.part_count, p.received_at, p.content_hash, bytes, p.summary, p.submission_id, p.first_row, p.row_count);
}

/** The staged uploads of an organisation: how many, and how many bytes they hold. */
export function stagedTotals(db: Db, org: string): { uploads: number; bytes: number } {
  const r = db.prepare("SELECT COUNT(DISTINCT upload_id) AS uploads, COALESCE(SUM(bytes), 0) AS bytes FROM upload_parts WHERE org_id = ?").get(org) as { uploads: number; bytes: number };
  return r;
}

/** Removes an uploading submission: its rows, then its row. */
export function dropUploading(db: Db, submission: string): void {
  db.prepare("DELETE FROM submission_records WHERE submission_id = ?").run(submission);
  db.prepare("DELETE FROM submissions WHERE id = ? AND status = 'uploading'").run(submission);
}

/** Removes every upload whose newest part was received before `before` (ISO instant), with its rows; returns how many parts. */
export function expireParts(db: Db, before: string): number {
  const expired = db
    .prepare("SELECT org_id, upload_id, submission_id FROM upload_parts GROUP BY org_id, upload_id HAVING max(received_at) < ?")
    .all(before) as { org_id: string; upload_id: string; submission_id: string }[];
  let parts = 0;
  for (const u of expired) {
    parts += db.prepare("DELETE FROM upload_parts WHERE org_id = ? AND upload_id = ?").run(u.org_id, u.upload_id).changes;
    dropUploading(db, u.submission_id);
  }
  return parts;
}

export function partsMeta(db: Db, org: string, uploadId: string): UploadPartRow[] {
  return db
    .prepare(
      `SELECT upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, received_at, content_hash, bytes, summary, submission_id, first_row, row_count
       FROM upload_parts WHERE org_id = ? AND upload_id = ? ORDER BY part_index`,
    )
    .all(org, uploadId) as UploadPartRow[];
}

/** A staged part's records as JSON, in order (for a part whose summary must be worked out again). */
export function partRecordJson(db: Db, part: Pick<UploadPartRow, "submission_id" | "first_row" | "row_count">): string[] {
  return db
    .prepare("SELECT record FROM submission_records WHERE submission_id = ? AND row_index >= ? AND row_index < ? ORDER BY row_index")
    .pluck()
    .all(part.submission_id, part.first_row, part.first_row + part.row_count) as string[];
}

/** Sets the half-month of each record of a staged part (worked out again at commit). */
export function setPartHalfMonths(db: Db, part: Pick<UploadPartRow, "submission_id" | "first_row">, halfMonths: readonly string[]): void {
  const set = db.prepare("UPDATE submission_records SET halfmonth = ? WHERE submission_id = ? AND row_index = ?");
  halfMonths.forEach((h, i) => set.run(h, part.submission_id, part.first_row + i));
}

/** Moves `count` rows of an uploading submission from `from` on to `to` on (a part placed for now, put in its place). */
export function moveRows(db: Db, submission: string, from: number, count: number, to: number): void {
  db.prepare("UPDATE submission_records SET row_index = row_index + ? WHERE submission_id = ? AND row_index >= ? AND row_index < ?").run(to - from, submission, from, from + count);
}

/** Removes an upload's staged parts (their rows stay: committed, or removed with `dropUploading`). */
export function dropParts(db: Db, org: string, uploadId: string): void {
  db.prepare("DELETE FROM upload_parts WHERE org_id = ? AND upload_id = ?").run(org, uploadId);
}

/** Uploading submissions no staged part refers to (left by a stop between a replayed upload's answer and its clean-up). */
export function strayUploading(db: Db): string[] {
  return db
    .prepare("SELECT id FROM submissions WHERE status = 'uploading' AND id NOT IN (SELECT submission_id FROM upload_parts WHERE submission_id IS NOT NULL)")
    .pluck()
    .all() as string[];
}
