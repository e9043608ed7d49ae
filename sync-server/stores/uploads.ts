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
}

export function putPart(db: Db, p: Omit<UploadPartRow, "records"> & { records: unknown[] }): void {
  db.prepare(
    `INSERT OR REPLACE INTO upload_parts (upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, records, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.upload_id, p.org_id, p.idempotency_key, p.template_id, p.template_version, p.part_index, p.part_count, JSON.stringify(p.records), p.received_at);
}

export function partsMeta(db: Db, org: string, uploadId: string): Omit<UploadPartRow, "records">[] {
  return db
    .prepare("SELECT upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, received_at FROM upload_parts WHERE org_id = ? AND upload_id = ? ORDER BY part_index")
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
