// Staged parts of a chunked upload, kept until the last part arrives and everything is committed at once.
import type { Db } from "../db/database";

export interface UploadPartRow {
  upload_id: string;
  org_id: string;
  idempotency_key: string;
  template_id: string;
  template_version: number;
  part_index: number;
  part_count: number;
  records: string;
  received_at: string;
  content_hash: string | null;
  bytes: number;
}

export function putPart(db: Db, p: Omit<UploadPartRow, "records" | "bytes"> & { records: unknown[] }): void {
  const json = JSON.stringify(p.records);
  db.prepare(
    `INSERT OR REPLACE INTO upload_parts (upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, records, received_at, content_hash, bytes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.upload_id, p.org_id, p.idempotency_key, p.template_id, p.template_version, p.part_index, p.part_count, json, p.received_at, p.content_hash, Buffer.byteLength(json));
}

/** The staged uploads of an organisation: how many, and how many bytes they hold. */
export function stagedTotals(db: Db, org: string): { uploads: number; bytes: number } {
  const r = db.prepare("SELECT COUNT(DISTINCT upload_id) AS uploads, COALESCE(SUM(bytes), 0) AS bytes FROM upload_parts WHERE org_id = ?").get(org) as { uploads: number; bytes: number };
  return r;
}

/** Removes every staged part received before `before` (ISO instant); returns how many. */
export function expireParts(db: Db, before: string): number {
  return db.prepare("DELETE FROM upload_parts WHERE received_at < ?").run(before).changes;
}

export function partsMeta(db: Db, org: string, uploadId: string): Omit<UploadPartRow, "records">[] {
  return db
    .prepare(
      "SELECT upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, received_at, content_hash, bytes FROM upload_parts WHERE org_id = ? AND upload_id = ? ORDER BY part_index",
    )
    .all(org, uploadId) as Omit<UploadPartRow, "records">[];
}

export function* partRecords(db: Db, org: string, uploadId: string): Generator<unknown[]> {
  const rows = db.prepare("SELECT records FROM upload_parts WHERE org_id = ? AND upload_id = ? ORDER BY part_index").iterate(org, uploadId) as IterableIterator<{ records: string }>;
  for (const r of rows) yield JSON.parse(r.records) as unknown[];
}

/** Staging rows are scratch space, not history: removed once committed. */
export function dropParts(db: Db, org: string, uploadId: string): void {
  db.prepare("DELETE FROM upload_parts WHERE org_id = ? AND upload_id = ?").run(org, uploadId);
}
