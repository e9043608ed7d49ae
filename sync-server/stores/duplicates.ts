// Linkage tokens (short-lived) and duplicate pairs: raw rows, the one function to domain objects, and queries.
// A record is (submission_id, row_index); only records that count (the effective_records view) take part.
import type { Db } from "../db/database";
import type { Duplicate, DuplicateListQuery, DuplicateStatus } from "../../shared/protocol/duplicates-api";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { countingRows } from "./submissions";

export interface RecordRef {
  submission: string;
  row: number;
}

export const refKey = (r: RecordRef): string => `${r.submission}#${r.row}`;

export interface DuplicateRow {
  id: number;
  a_submission: string;
  a_row: number;
  b_submission: string;
  b_row: number;
  status: DuplicateStatus;
  found_at: string;
  decided_by: string;
  decided_at: string;
  comment: string | null;
}

export function insertLinkTokens(db: Db, ref: RecordRef, org: string, eventDate: string, tokens: readonly string[]): void {
  const ins = db.prepare("INSERT OR IGNORE INTO link_tokens (token, submission_id, row_index, org_id, event_date) VALUES (?, ?, ?, ?, ?)");
  for (const t of tokens) ins.run(t, ref.submission, ref.row, org, eventDate);
}

export function tokensOf(db: Db, ref: RecordRef): string[] {
  return (db.prepare("SELECT token FROM link_tokens WHERE submission_id = ? AND row_index = ? ORDER BY token").all(ref.submission, ref.row) as { token: string }[]).map((r) => r.token);
}

/** Effective records of other organisations sharing a token with a record of `submission`. */
export function candidatesSharingTokens(db: Db, submission: string): { submission: string; row: number; org: string }[] {
  return db
    .prepare(
      `SELECT DISTINCT t2.submission_id AS submission, t2.row_index AS row, t2.org_id AS org
       FROM link_tokens t1
       JOIN link_tokens t2 ON t2.token = t1.token AND t2.org_id <> t1.org_id
       JOIN effective_records e ON e.submission_id = t2.submission_id AND e.row_index = t2.row_index
       WHERE t1.submission_id = ?
       ORDER BY t2.submission_id, t2.row_index`,
    )
    .all(submission) as { submission: string; row: number; org: string }[];
}

/** True when `ref` already has a merged pair, with both records counting, with a record of `org`. */
export function hasMergedPartnerIn(db: Db, ref: RecordRef, org: string): boolean {
  const hit = db
    .prepare(
      `SELECT 1 FROM duplicates d
       JOIN effective_records ea ON ea.submission_id = d.a_submission AND ea.row_index = d.a_row
       JOIN effective_records eb ON eb.submission_id = d.b_submission AND eb.row_index = d.b_row
       WHERE d.status = 'merged' AND (
         (d.a_submission = @s AND d.a_row = @r AND eb.org_id = @org) OR (d.b_submission = @s AND d.b_row = @r AND ea.org_id = @org))
       LIMIT 1`,
    )
    .get({ s: ref.submission, r: ref.row, org });
  return hit !== undefined;
}

export function insertDuplicate(db: Db, a: RecordRef, b: RecordRef, at: string): number {
  const r = db
    .prepare(
      `INSERT OR IGNORE INTO duplicates (a_submission, a_row, b_submission, b_row, status, found_at, decided_by, decided_at)
       VALUES (?, ?, ?, ?, 'merged', ?, 'system', ?)`,
    )
    .run(a.submission, a.row, b.submission, b.row, at, at);
  return Number(r.changes);
}

export function getDuplicateRow(db: Db, id: number): DuplicateRow | undefined {
  return db.prepare("SELECT * FROM duplicates WHERE id = ?").get(id) as DuplicateRow | undefined;
}

export function setDuplicateStatus(db: Db, id: number, status: DuplicateStatus, by: string, at: string, comment: string | null): void {
  db.prepare("UPDATE duplicates SET status = ?, decided_by = ?, decided_at = ?, comment = ? WHERE id = ?").run(status, by, at, comment, id);
}

const ACTIVE = `FROM duplicates d
  JOIN effective_records ea ON ea.submission_id = d.a_submission AND ea.row_index = d.a_row
  JOIN effective_records eb ON eb.submission_id = d.b_submission AND eb.row_index = d.b_row
  WHERE (@status IS NULL OR d.status = @status)`;

function side(submission: string, row: number, org: string, json: string): Duplicate["a"] {
  const r = JSON.parse(json) as DeidentifiedRecord;
  return { submission, row, org, templateId: r.templateId, date: r.date, hour: r.hour, nyko: r.nyko, categories: r.categories };
}

/** Pairs whose two records both count, newest first, with the records' de-identified fields (never tokens). */
export function listDuplicates(db: Db, q: DuplicateListQuery): { duplicates: Duplicate[]; total: number } {
  const status = q.status ?? null;
  const total = (db.prepare(`SELECT count(*) AS n ${ACTIVE}`).get({ status }) as { n: number }).n;
  const rows = db
    .prepare(`SELECT d.*, ea.org_id AS a_org, ea.record AS a_record, eb.org_id AS b_org, eb.record AS b_record ${ACTIVE} ORDER BY d.id DESC LIMIT @limit OFFSET @offset`)
    .all({ status, limit: q.limit, offset: q.offset }) as (DuplicateRow & { a_org: string; a_record: string; b_org: string; b_record: string })[];
  return {
    total,
    duplicates: rows.map((r) => ({
      id: r.id, status: r.status, foundAt: r.found_at, decidedBy: r.decided_by, decidedAt: r.decided_at, comment: r.comment,
      a: side(r.a_submission, r.a_row, r.a_org, r.a_record),
      b: side(r.b_submission, r.b_row, r.b_org, r.b_record),
    })),
  };
}

/** Merged pairs whose two records both count. */
export function activeMergedPairs(db: Db): { a: RecordRef; b: RecordRef }[] {
  return (db.prepare(`SELECT d.a_submission, d.a_row, d.b_submission, d.b_row ${ACTIVE}`).all({ status: "merged" }) as DuplicateRow[]).map((r) => ({
    a: { submission: r.a_submission, row: r.a_row },
    b: { submission: r.b_submission, row: r.b_row },
  }));
}

/** Changes whenever a pair is found, overruled or restored (for cube caches). */
export function duplicatesVersion(db: Db): string {
  const r = db.prepare("SELECT count(*) AS n, coalesce(max(decided_at), '') AS last, coalesce(sum(status = 'merged'), 0) AS merged FROM duplicates").get() as { n: number; last: string; merged: number };
  return `${r.n}|${r.merged}|${r.last}`;
}

/** The effective records with their references, in the order effectiveRecords yields them. */
export function* effectiveRecordsWithRefs(db: Db): Generator<{ ref: RecordRef; org: string; record: DeidentifiedRecord }> {
  for (const r of countingRows(db)) yield { ref: { submission: r.submission, row: r.row }, org: r.org, record: r.record };
}

/** The stored records of `submission` that still carry linkage tokens (`link`), by row. */
export function recordsWithLinks(db: Db, submission: string): { row: number; record: DeidentifiedRecord }[] {
  const rows = db
    .prepare("SELECT row_index, record FROM submission_records WHERE submission_id = ? AND json_type(record, '$.link') IS NOT NULL ORDER BY row_index")
    .all(submission) as { row_index: number; record: string }[];
  return rows.map((r) => ({ row: r.row_index, record: JSON.parse(r.record) as DeidentifiedRecord }));
}

/** Removes the `link` field from every stored record of `submission`. */
export function stripLinks(db: Db, submission: string): void {
  db.prepare("UPDATE submission_records SET record = json_remove(record, '$.link') WHERE submission_id = ? AND json_type(record, '$.link') IS NOT NULL").run(submission);
}

/** Deletes the tokens in link_tokens of submissions received before `start` (ISO instant); returns how many. */
export function deleteLinkTokensBefore(db: Db, start: string): number {
  return Number(db.prepare("DELETE FROM link_tokens WHERE submission_id IN (SELECT id FROM submissions WHERE created_at < ?)").run(start).changes);
}

/** Removes `link` from every stored record of submissions received before `start` (ISO instant); returns how many. */
export function stripLinksBefore(db: Db, start: string): number {
  const r = db
    .prepare(
      `UPDATE submission_records SET record = json_remove(record, '$.link')
       WHERE json_type(record, '$.link') IS NOT NULL AND submission_id IN (SELECT id FROM submissions WHERE created_at < ? AND status <> 'uploading')`,
    )
    .run(start);
  return Number(r.changes);
}

// ---- coverage: which half-months were matched (migration 009) ----
export interface CoverageRow {
  submission_id: string;
  halfmonth: string;
  link_class: string;
  org_id: string;
  linked_rows: number;
  expired_rows: number;
  kept_until: string;
  matched_at: string | null;
}

/** Records that a submission's rows of a half-month and class were matched at approval (`linked_rows` of them). */
export function recordLinkedCoverage(db: Db, c: { submission: string; halfMonth: string; linkClass: string; org: string; rows: number; keptUntil: string; matchedAt: string }): void {
  db.prepare(
    `INSERT INTO link_coverage (submission_id, halfmonth, link_class, org_id, linked_rows, kept_until, matched_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (submission_id, halfmonth, link_class) DO UPDATE SET linked_rows = excluded.linked_rows, matched_at = excluded.matched_at`,
  ).run(c.submission, c.halfMonth, c.linkClass, c.org, c.rows, c.keptUntil, c.matchedAt);
}

/** Adds rows whose keys were deleted unused (the window passed before the submission was approved). */
export function recordExpiredCoverage(db: Db, c: { submission: string; halfMonth: string; linkClass: string; org: string; rows: number; keptUntil: string }): void {
  db.prepare(
    `INSERT INTO link_coverage (submission_id, halfmonth, link_class, org_id, expired_rows, kept_until) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (submission_id, halfmonth, link_class) DO UPDATE SET expired_rows = expired_rows + excluded.expired_rows`,
  ).run(c.submission, c.halfMonth, c.linkClass, c.org, c.rows, c.keptUntil);
}

/** Stored records still carrying keys, of submissions received before `start` (those the purge will strip). */
export function linkedRecordsBefore(db: Db, start: string): { submission: string; org: string; receivedAt: string; halfMonth: string; record: DeidentifiedRecord }[] {
  const rows = db
    .prepare(
      `SELECT r.submission_id, r.halfmonth, r.record, s.org_id, s.created_at FROM submission_records r JOIN submissions s ON s.id = r.submission_id
       WHERE json_type(r.record, '$.link') IS NOT NULL AND s.created_at < ? AND s.status <> 'uploading'`,
    )
    .all(start) as { submission_id: string; halfmonth: string; record: string; org_id: string; created_at: string }[];
  return rows.map((r) => ({ submission: r.submission_id, org: r.org_id, receivedAt: r.created_at, halfMonth: r.halfmonth, record: JSON.parse(r.record) as DeidentifiedRecord }));
}

/** Coverage rows of the half-months that count (approved, not superseded). */
export function countingCoverage(db: Db): CoverageRow[] {
  return db
    .prepare(
      `SELECT c.* FROM link_coverage c
       JOIN submissions s ON s.id = c.submission_id
       JOIN submission_periods p ON p.submission_id = c.submission_id AND p.period = c.halfmonth
       WHERE s.status IN ('approved', 'superseded') AND p.superseded_by IS NULL
       ORDER BY c.halfmonth, c.link_class, c.org_id, c.submission_id`,
    )
    .all() as CoverageRow[];
}

/** Pairs whose two records both count, with the half-month and both records (for their link class). */
export function countingPairsWithRecords(db: Db): { halfMonth: string; orgA: string; orgB: string; a: DeidentifiedRecord }[] {
  const rows = db
    .prepare(
      `SELECT ra.halfmonth, ea.org_id AS a_org, eb.org_id AS b_org, ea.record AS a_record
       FROM duplicates d
       JOIN effective_records ea ON ea.submission_id = d.a_submission AND ea.row_index = d.a_row
       JOIN effective_records eb ON eb.submission_id = d.b_submission AND eb.row_index = d.b_row
       JOIN submission_records ra ON ra.submission_id = d.a_submission AND ra.row_index = d.a_row`,
    )
    .all() as { halfmonth: string; a_org: string; b_org: string; a_record: string }[];
  return rows.map((r) => ({ halfMonth: r.halfmonth, orgA: r.a_org, orgB: r.b_org, a: JSON.parse(r.a_record) as DeidentifiedRecord }));
}
