// Submissions, their half-months and rows: raw rows, the one function to domain objects, and queries. A submission
// in status 'uploading' (a chunked upload whose last part has not come, migration 019) is seen by none of them:
// every query here reads only the visible statuses.
import type { Db } from "../db/database";
import type { Submission, SubmissionListQuery, SubmissionReplacement, SubmissionStatus } from "../../shared/protocol/api";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { periodsWithin } from "../../shared/periods";

export interface SubmissionRow {
  id: string;
  org_id: string;
  template_id: string;
  template_version: number;
  idempotency_key: string;
  status: SubmissionStatus;
  row_count: number;
  located_count: number;
  unlocated_count: number;
  warnings: string;
  comment: string | null;
  created_at: string;
  created_by: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

export interface SubmissionPeriodRow {
  submission_id: string;
  period: string;
  row_count: number;
  superseded_by: string | null;
}

export function toSubmission(r: SubmissionRow, periods: SubmissionPeriodRow[]): Submission {
  return {
    id: r.id,
    org: r.org_id,
    templateId: r.template_id,
    templateVersion: r.template_version,
    idempotencyKey: r.idempotency_key,
    status: r.status,
    counts: { rows: r.row_count, located: r.located_count, unlocated: r.unlocated_count },
    periods: periods.map((p) => ({ period: p.period, rows: p.row_count, supersededBy: p.superseded_by })),
    warnings: JSON.parse(r.warnings) as Submission["warnings"],
    comment: r.comment,
    createdAt: r.created_at,
    createdBy: r.created_by,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
  };
}

function periodsOf(db: Db, id: string): SubmissionPeriodRow[] {
  return db.prepare("SELECT * FROM submission_periods WHERE submission_id = ? ORDER BY period").all(id) as SubmissionPeriodRow[];
}

/** The half-months a submission covers. */
export function submissionHalfMonths(db: Db, id: string): string[] {
  return periodsOf(db, id).map((p) => p.period);
}

/** When `org` first submitted `templateId` (not returned) covering any of `halfMonths`, or null. */
export function firstSubmittedAt(db: Db, org: string, templateId: string, halfMonths: readonly string[]): string | null {
  const r = db
    .prepare(
      `SELECT min(s.created_at) AS at FROM submission_periods p JOIN submissions s ON s.id = p.submission_id
       WHERE s.org_id = ? AND s.template_id = ? AND s.status NOT IN ('returned', 'uploading') AND p.period IN (SELECT value FROM json_each(?))`,
    )
    .get(org, templateId, JSON.stringify(halfMonths)) as { at: string | null };
  return r.at;
}

/**
 * The half-months of `id` for which an approved submission of the same organisation and template, created earlier,
 * stands now: approving `id` would replace its rows there (the latest created wins, see resolveSupersession).
 */
export function approvedReplacements(db: Db, id: string): SubmissionReplacement[] {
  const rows = db
    .prepare(
      `SELECT p.period, sp.submission_id AS approved, sp.row_count AS approved_rows, p.row_count AS new_rows
       FROM submission_periods p JOIN submissions c ON c.id = p.submission_id
       JOIN submission_periods sp ON sp.period = p.period AND sp.superseded_by IS NULL AND sp.submission_id <> c.id
       JOIN submissions s ON s.id = sp.submission_id AND s.org_id = c.org_id AND s.template_id = c.template_id AND s.status = 'approved'
       WHERE p.submission_id = ? AND (s.created_at < c.created_at OR (s.created_at = c.created_at AND s.rowid < c.rowid))
       ORDER BY p.period, sp.submission_id`,
    )
    .all(id) as { period: string; approved: string; approved_rows: number; new_rows: number }[];
  return rows.map((r) => ({ period: r.period, approvedSubmission: r.approved, approvedRows: r.approved_rows, newRows: r.new_rows }));
}

/** A submission as the API gives it: a pending one says which approved half-months its approval would replace. */
function domainSubmission(db: Db, r: SubmissionRow): Submission {
  const s = toSubmission(r, periodsOf(db, r.id));
  return r.status === "pending" ? { ...s, replaces: approvedReplacements(db, r.id) } : s;
}

export function getSubmissionRow(db: Db, id: string): SubmissionRow | undefined {
  return db.prepare("SELECT * FROM submissions WHERE id = ? AND status <> 'uploading'").get(id) as SubmissionRow | undefined;
}

export function getSubmission(db: Db, id: string): Submission | null {
  const r = getSubmissionRow(db, id);
  return r ? domainSubmission(db, r) : null;
}

/** What an idempotency key was first used with; hashes are null for submissions stored before they were kept. */
export interface KeyBinding {
  templateId: string;
  templateVersion: number;
  contentHash: string | null;
  partHashes: string[] | null;
}

export function keyBinding(db: Db, org: string, key: string): KeyBinding | null {
  const r = db.prepare("SELECT template_id, template_version, content_hash, part_hashes FROM submissions WHERE org_id = ? AND idempotency_key = ? AND status <> 'uploading'").get(org, key) as
    | { template_id: string; template_version: number; content_hash: string | null; part_hashes: string | null }
    | undefined;
  if (!r) return null;
  return { templateId: r.template_id, templateVersion: r.template_version, contentHash: r.content_hash, partHashes: r.part_hashes ? (JSON.parse(r.part_hashes) as string[]) : null };
}

export function findByIdempotencyKey(db: Db, org: string, key: string): Submission | null {
  const r = db.prepare("SELECT * FROM submissions WHERE org_id = ? AND idempotency_key = ? AND status <> 'uploading'").get(org, key) as SubmissionRow | undefined;
  return r ? toSubmission(r, periodsOf(db, r.id)) : null;
}

export interface NewSubmission {
  id: string;
  org: string;
  templateId: string;
  templateVersion: number;
  idempotencyKey: string;
  /** What the key is bound to: the hash of the whole content, and of each part of a chunked upload. */
  contentHash: string;
  partHashes: string[] | null;
  rowCount: number;
  /** Rows placed in a NYKO area. */
  located: number;
  /** Half-month → rows covering it. */
  periods: Map<string, number>;
  warnings: Submission["warnings"];
  createdBy: string;
  createdAt: string;
}

/**
 * Stores the submission (status pending) and its half-months: a new row (its records follow, `insertRecords`), or,
 * with `uploading`, the row `s.id` of an upload whose records are already in (committing it: one update). Call
 * inside a transaction.
 */
export function insertSubmission(db: Db, s: NewSubmission, uploading = false): void {
  const values = [
    s.org, s.templateId, s.templateVersion, s.idempotencyKey, s.rowCount, s.located, s.rowCount - s.located, JSON.stringify(s.warnings), s.createdAt, s.createdBy,
    s.contentHash, s.partHashes ? JSON.stringify(s.partHashes) : null,
  ];
  if (!uploading)
    db.prepare(
      `INSERT INTO submissions (org_id, template_id, template_version, idempotency_key, row_count, located_count, unlocated_count, warnings, created_at, created_by, content_hash, part_hashes, id, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
    ).run(...values, s.id);
  else if (
    db
      .prepare(
        `UPDATE submissions SET org_id = ?, template_id = ?, template_version = ?, idempotency_key = ?, row_count = ?, located_count = ?, unlocated_count = ?, warnings = ?,
           created_at = ?, created_by = ?, content_hash = ?, part_hashes = ?, status = 'pending'
         WHERE id = ? AND status = 'uploading'`,
      )
      .run(...values, s.id).changes !== 1
  )
    throw new Error(`the upload's submission ${s.id} is not waiting`);
  const period = db.prepare("INSERT INTO submission_periods (submission_id, period, row_count) VALUES (?, ?, ?)");
  for (const [p, n] of [...s.periods].sort()) period.run(s.id, p, n);
}

/** Rows written per statement (one statement of many rows costs far less than as many statements). */
const ROWS_PER_INSERT = 64;

/**
 * Inserts a submission's rows: each record's JSON and its first half-month, same order, numbered from `first`.
 * Call inside a transaction.
 */
export function insertRecords(db: Db, id: string, json: readonly string[], halfMonths: readonly (string | null)[], first = 0): void {
  const sql = (n: number) => `INSERT INTO submission_records (submission_id, row_index, halfmonth, record) VALUES ${Array.from({ length: n }, () => "(?, ?, ?, ?)").join(", ")}`;
  const many = db.prepare(sql(ROWS_PER_INSERT));
  const args: unknown[] = new Array(ROWS_PER_INSERT * 4);
  let i = 0;
  for (; i + ROWS_PER_INSERT <= json.length; i += ROWS_PER_INSERT) {
    for (let k = 0; k < ROWS_PER_INSERT; k++) {
      args[4 * k] = id;
      args[4 * k + 1] = first + i + k;
      args[4 * k + 2] = halfMonths[i + k];
      args[4 * k + 3] = json[i + k];
    }
    many.run(args);
  }
  const one = db.prepare(sql(1));
  for (; i < json.length; i++) one.run(id, first + i, halfMonths[i], json[i]);
}

function halfMonthsForFilter(period: string): string[] {
  if (/-H[12]$/.test(period)) return [period];
  return periodsWithin(period, "halfmonth");
}

export function listSubmissions(db: Db, q: SubmissionListQuery): { submissions: Submission[]; total: number } {
  const where: string[] = ["s.status <> 'uploading'"];
  const args: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    args.push(value);
  };
  if (q.status) add("s.status = ?", q.status);
  if (q.org) add("s.org_id = ?", q.org);
  if (q.templateId) add("s.template_id = ?", q.templateId);
  if (q.period) {
    const halves = halfMonthsForFilter(q.period);
    where.push(`EXISTS (SELECT 1 FROM submission_periods p WHERE p.submission_id = s.id AND p.period IN (${halves.map(() => "?").join(",") || "NULL"}))`);
    args.push(...halves);
  }
  const clause = `WHERE ${where.join(" AND ")}`;
  const total = (db.prepare(`SELECT count(*) AS n FROM submissions s ${clause}`).get(...args) as { n: number }).n;
  const rows = db.prepare(`SELECT s.* FROM submissions s ${clause} ORDER BY s.created_at DESC, s.rowid DESC LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as SubmissionRow[];
  return { total, submissions: rows.map((r) => domainSubmission(db, r)) };
}

export function listRecords(db: Db, id: string, offset: number, limit: number): { total: number; records: { row: number; record: DeidentifiedRecord }[] } {
  const total = (db.prepare("SELECT row_count AS n FROM submissions WHERE id = ?").get(id) as { n: number }).n;
  const rows = db.prepare("SELECT row_index, record FROM submission_records WHERE submission_id = ? AND row_index >= ? ORDER BY row_index LIMIT ?").all(id, offset, limit) as {
    row_index: number;
    record: string;
  }[];
  return { total, records: rows.map((r) => ({ row: r.row_index, record: JSON.parse(r.record) as DeidentifiedRecord })) };
}

export function setReview(db: Db, id: string, status: "approved" | "returned", by: string, at: string, comment: string | null): void {
  db.prepare("UPDATE submissions SET status = ?, reviewed_by = ?, reviewed_at = ?, comment = ? WHERE id = ?").run(status, by, at, comment, id);
}

/**
 * Re-decides which approved submission stands for each half-month of `periods` (org, template): the latest
 * created wins; the others get `superseded_by`. A submission whose every half-month is superseded becomes
 * `superseded`. Nothing is deleted. Call inside a transaction.
 */
export function resolveSupersession(db: Db, org: string, templateId: string, periods: string[]): void {
  const covering = db.prepare(
    `SELECT p.submission_id AS id FROM submission_periods p JOIN submissions s ON s.id = p.submission_id
     WHERE s.org_id = ? AND s.template_id = ? AND p.period = ? AND s.status IN ('approved', 'superseded')
     ORDER BY s.created_at DESC, s.rowid DESC`,
  );
  const mark = db.prepare("UPDATE submission_periods SET superseded_by = ? WHERE submission_id = ? AND period = ?");
  const touched = new Set<string>();
  for (const period of periods) {
    const ids = (covering.all(org, templateId, period) as { id: string }[]).map((r) => r.id);
    ids.forEach((id, i) => {
      mark.run(i === 0 ? null : ids[0], id, period);
      touched.add(id);
    });
  }
  const open = db.prepare("SELECT count(*) AS n FROM submission_periods WHERE submission_id = ? AND superseded_by IS NULL");
  const setStatus = db.prepare("UPDATE submissions SET status = ? WHERE id = ? AND status IN ('approved', 'superseded')");
  for (const id of touched) setStatus.run((open.get(id) as { n: number }).n === 0 ? "superseded" : "approved", id);
}

/**
 * The rows that count downstream (approved submissions' rows in half-months not superseded) are defined once, by
 * the `effective_records` view (migration 003_duplicates.sql). Every reader of counting rows goes through this
 * function, in one order: oldest submission first, then row.
 */
export function* countingRows(db: Db, filter: { org?: string; templateId?: string } = {}): Generator<{ submission: string; row: number; org: string; record: DeidentifiedRecord }> {
  const rows = db
    .prepare(
      `SELECT e.submission_id, e.row_index, e.org_id, e.record FROM effective_records e JOIN submissions s ON s.id = e.submission_id
       WHERE (? IS NULL OR e.org_id = ?) AND (? IS NULL OR s.template_id = ?)
       ORDER BY s.created_at, e.submission_id, e.row_index`,
    )
    .iterate(filter.org ?? null, filter.org ?? null, filter.templateId ?? null, filter.templateId ?? null) as IterableIterator<{
    submission_id: string;
    row_index: number;
    org_id: string;
    record: string;
  }>;
  for (const r of rows) yield { submission: r.submission_id, row: r.row_index, org: r.org_id, record: JSON.parse(r.record) as DeidentifiedRecord };
}

/** The records that count (see countingRows), optionally of one organisation or template. */
export function* effectiveRecords(db: Db, filter: { org?: string; templateId?: string } = {}): Generator<DeidentifiedRecord> {
  for (const r of countingRows(db, filter)) yield r.record;
}

/** Changes whenever a submission is approved or superseded: the version of the records that count (for caches). */
export function countingRecordsVersion(db: Db): string {
  const s = db
    .prepare(
      `SELECT count(*) AS n, coalesce(max(reviewed_at), '') AS last,
         (SELECT count(*) FROM submission_periods WHERE superseded_by IS NOT NULL) AS sup
       FROM submissions WHERE status IN ('approved', 'superseded')`,
    )
    .get() as { n: number; last: string; sup: number };
  return `${s.n}|${s.last}|${s.sup}`;
}
