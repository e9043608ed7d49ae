// Receiving a submission: re-check every record with the shared wire check, refuse anything identifying and
// store nothing of it; idempotent by (organisation, key). A chunked upload's parts are written where they stay, under
// a submission no reader sees until the last part commits it by one update (migration 019).
import { randomUUID } from "node:crypto";
import { MAX_SUBMIT_RECORDS, type Submission, type SubmitRequest, type SubmitResponse } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { canonicalBatchText, canonicalRecordJson, canonicalTextOf, parseRecordFast, splitCanonicalBatch, type DeidentifiedRecord } from "../../shared/protocol/record";
import { canonicalJson } from "../../shared/protocol/canonical-json";
import { checkWireRecords, type WireIssue } from "../../shared/deidentify/wire-check";
import { periodOfDate, periodsWithin, recordPeriod } from "../../shared/periods";
import { reportingRhythm } from "../stores/reporting";
import type { Template } from "../../shared/templates/schema";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { AppContext } from "../context";
import { inTransaction, type Db } from "../db/database";
import { nykoRegisterAt } from "../registers/current";
import { registerStart } from "../stores/registers";
import { dateWindow, type DateWindow } from "../../shared/validate/record-rules";
import { findByIdempotencyKey, insertRecords, insertSubmission, keyBinding } from "../stores/submissions";
import { SqliteError } from "better-sqlite3";
import { getTemplateRow, isAssigned, latestVersion, toPublishedTemplate } from "../stores/templates";
import { dropParts, dropUploading, insertUploading, moveRows, partRecordJson, partsMeta, putPart, setPartHalfMonths, type UploadPartRow } from "../stores/uploads";
import { assertNotRetired } from "../templates/retired";
import { assertSameContent, assertSamePart, assertSameUpload, assertStagingRoom, contentHash, expireStagedUploads, hashOfJson, hashOfListJson } from "./staging";

/** `afterwards`: clean-up to run once the answer is out, in a transaction of its own (the rows of a replayed upload). */
export type SubmitOutcome = { httpStatus: 200 | 201 | 202; body: SubmitResponse; afterwards?: () => void };

function refuse(issues: WireIssue[], part?: number): never {
  const identifying = issues.some((i) => i.code === "identifying-value");
  throw new AppError(422, identifying ? "identifying-value" : "validation-failed", { issues, ...(part !== undefined ? { part } : {}) });
}

/** What the checks read besides the request: the database (the server's, or a worker's read-only connection),
 * the instant of the submission and the configured earliest record date. */
export interface CheckSource {
  db: Db;
  now: Date;
  earliestRecordDate?: string;
}

function usableTemplate(src: CheckSource, org: string, id: string, version: number): Template {
  const row = getTemplateRow(src.db, id, version);
  if (!row || !isAssigned(src.db, id, org)) throw new AppError(404, "template-unknown", { templateId: id, templateVersion: version });
  const published = toPublishedTemplate(row);
  assertNotRetired(published, src.now);
  return published.template;
}

/** Fallback earliest date when neither a register nor a configured date is there. */
const FALLBACK_EARLIEST = "2000-01-01";

/** The days a record may fall in: from the configured earliest date or the register start to today plus a margin. */
export function recordWindow(src: CheckSource): DateWindow {
  const earliest = src.earliestRecordDate ?? registerStart(src.db) ?? FALLBACK_EARLIEST;
  return dateWindow(earliest, stockholmDate(src.now));
}

function check(src: CheckSource, template: Template, org: string, records: unknown[], parsed: readonly (DeidentifiedRecord | null)[]): DeidentifiedRecord[] {
  const nyko = nykoRegisterAt(src.db, stockholmDate(src.now));
  const window = recordWindow(src);
  const result = checkWireRecords(template, records, { org, isKnownNyko: (c) => nyko.has(c), levelOf: (c) => nyko.levelOf(c), window }, parsed);
  if (!result.ok) refuse(result.issues);
  return result.value;
}

/** A request without its records. */
export type SubmitMeta = Omit<SubmitRequest, "records">;

/** Row indexes of unlocated rows a submission's warning lists. */
const UNLOCATED_LISTED = 1000;

/** What the commit needs to know of a batch of checked records (a part, or a whole submission). */
export interface RowsSummary {
  rows: number;
  located: number;
  /** Indexes (within the batch) of the first rows without NYKO area, at most `UNLOCATED_LISTED`. */
  unlocated: number[];
  /** Period (half-month, or week for a weekly partner) → rows covering it. */
  periods: [string, number][];
  /** Whether the periods are weeks (the organisation reported weekly when the batch was checked). */
  weekly: boolean;
}

/** Checked records ready to be stored: each as JSON (joined by line breaks), with its first half-month. */
export interface CheckedRows {
  json: string;
  halfMonths: string[];
  summary: RowsSummary;
}

/**
 * The CPU-heavy part of a submission, which touches nothing stored (`prepare.ts` runs it in a worker thread): the
 * hash of the records as sent, the records checked against their template, and the checked records written as
 * the JSON they are stored as, with their periods. A refusal (unknown or retired template, a record that fails the
 * check) is returned, not thrown: a retry of a stored submission is answered as a replay first.
 */
export interface CheckedSubmission {
  meta: SubmitMeta;
  hash: string;
  rows: CheckedRows | null;
  refusal: AppError | null;
  /** Size of the checked records as stored (for the staging caps). */
  bytes: number;
}

export function checkSubmission(src: CheckSource, org: string, req: SubmitRequest): CheckedSubmission {
  const { records: sent, ...meta } = req;
  // Each record as sent, read once: the usual record without zod; its canonical JSON is both hashed and stored.
  const parsed = sent.map(parseRecordFast);
  // As a client sends them (each record read by the fast path, in canonical order): the list's canonical JSON in
  // one JSON.stringify, hashed as it is and cut into the records' texts; otherwise each record written on its own.
  const batch = canonicalBatchText(sent, parsed);
  const texts = batch === null ? parsed.map((r, i) => (r ? canonicalTextOf(sent[i] as object, r) : canonicalJson(sent[i]))) : null;
  const hash = texts ? hashOfJson(texts) : hashOfListJson(batch!);
  const refused = (refusal: AppError): CheckedSubmission => ({ meta, hash, rows: null, refusal, bytes: 0 });
  let template: Template;
  try {
    template = usableTemplate(src, org, req.templateId, req.templateVersion);
  } catch (err) {
    if (err instanceof AppError) return refused(err);
    throw err;
  }
  try {
    const records = check(src, template, org, sent, parsed);
    // A record read by the fast path is stored exactly as sent (canonical); another as the schema returned it.
    const joined = texts ? records.map((r, i) => (parsed[i] ? texts[i] : canonicalRecordJson(r))).join("\n") : splitCanonicalBatch(batch!);
    const { halfMonths, summary } = summarise(records, isWeekly(src.db, org));
    return { meta, hash, rows: { json: joined, halfMonths, summary }, refusal: null, bytes: Buffer.byteLength(joined) };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return refused(req.part ? new AppError(err.httpStatus, err.reason, { ...(err.details as object), part: req.part.index }) : err);
  }
}

/** The first half-month of each record, and the batch's summary. */
function summarise(records: readonly DeidentifiedRecord[], weekly: boolean): { halfMonths: string[]; summary: RowsSummary } {
  const halfMonths: string[] = [];
  const periods = new Map<string, number>();
  const memo = new Map<string, string[]>();
  const unlocated: number[] = [];
  let located = 0;
  records.forEach((r, i) => {
    const halves = halfMonthCover(memo, r, weekly);
    halfMonths.push(halves[0]);
    for (const h of halves) periods.set(h, (periods.get(h) ?? 0) + 1);
    if (r.nyko !== null) located++;
    else if (unlocated.length < UNLOCATED_LISTED) unlocated.push(i);
  });
  return { halfMonths, summary: { rows: records.length, located, unlocated, periods: [...periods], weekly } };
}

function sourceOf(ctx: AppContext): CheckSource {
  return { db: ctx.db, now: ctx.clock.now(), earliestRecordDate: ctx.config.earliestRecordDate };
}

/**
 * The periods a record covers, memoised by date/period: a dated row its half-month (its ISO week when the partner
 * reports weekly), an aggregate row every half-month of its month / school year.
 */
function halfMonthCover(memo: Map<string, string[]>, r: DeidentifiedRecord, weekly: boolean): string[] {
  const k = `${r.date ?? ""}|${r.period ?? ""}`;
  let halves = memo.get(k);
  if (!halves) {
    const rp = recordPeriod(r);
    if (!rp) throw new AppError(422, "validation-failed", { message: "En rad saknar datum eller period." });
    halves = rp.type === "halfmonth" ? [weekly && r.date !== null ? periodOfDate("week", r.date) : rp.period] : periodsWithin(rp.period, "halfmonth");
    memo.set(k, halves);
  }
  return halves;
}

/**
 * The records of a submission, stored as the commit asks: `insert(id)` writes every row under a new submission's
 * id; an upload's rows are in already, under its submission `uploading`.
 */
type CommitRows = { summaries: readonly RowsSummary[] } & ({ insert(id: string): void; uploading?: undefined } | { uploading: string });

/** Stores a checked submission in the caller's transaction and returns it. */
function commit(ctx: AppContext, p: Principal, template: Template, key: string, rows: CommitRows, partHashes: string[] | null, wholeHash: string): Submission {
  const periods = new Map<string, number>();
  const unlocated: number[] = [];
  let count = 0;
  let located = 0;
  for (const s of rows.summaries) {
    for (const [h, n] of s.periods) periods.set(h, (periods.get(h) ?? 0) + n);
    for (const i of s.unlocated) if (unlocated.length < UNLOCATED_LISTED) unlocated.push(count + i);
    count += s.rows;
    located += s.located;
  }
  const warnings: Submission["warnings"] = [];
  if (located < count)
    warnings.push({ code: "unlocated", message: `${count - located} rader saknar NYKO-område och räknas bara i kommunens total.`, rows: unlocated });
  const latest = latestVersion(ctx.db, template.id);
  if (latest > template.version)
    warnings.push({ code: "template-not-latest", message: `Inskickad med version ${template.version} av mallen; version ${latest} finns.` });
  if (count === 0) warnings.push({ code: "empty", message: "Inskicket innehåller inga rader." });
  const id = rows.uploading ?? randomUUID();
  insertSubmission(ctx.db, {
    id, org: p.org, templateId: template.id, templateVersion: template.version, idempotencyKey: key, contentHash: wholeHash, partHashes,
    rowCount: count, located, periods, warnings, createdBy: p.auditId, createdAt: ctx.clock.now().toISOString(),
  }, rows.uploading !== undefined);
  if (rows.uploading === undefined) rows.insert(id);
  appendAudit(ctx.db, ctx.clock, {
    actor: p.auditId, action: "submission.create",
    details: { submission: id, org: p.org, templateId: template.id, templateVersion: template.version, rows: count, halfMonths: [...periods.keys()].sort() },
  });
  return findByIdempotencyKey(ctx.db, p.org, key)!;
}

/** Each checked record's JSON, in order (`CheckedRows.json` split at its line breaks; none for no rows). */
function rowJson(rows: CheckedRows): string[] {
  return rows.summary.rows === 0 ? [] : rows.json.split("\n");
}

/** The organisation's rhythm now; rows checked under the other one have their periods worked out again. */
function isWeekly(db: Db, org: string): boolean {
  return reportingRhythm(db, org) === "week";
}

/**
 * The rows of a whole submission, written from their JSON (the periods worked out again should the organisation's
 * rhythm have changed since the check).
 */
function wholeRows(ctx: AppContext, org: string, checked: CheckedRows): CommitRows {
  const json = rowJson(checked);
  let { halfMonths, summary } = checked;
  const weekly = isWeekly(ctx.db, org);
  if (summary.weekly !== weekly) ({ halfMonths, summary } = summarise(json.map((t) => JSON.parse(t) as DeidentifiedRecord), weekly));
  return { summaries: [summary], insert: (id) => insertRecords(ctx.db, id, json, halfMonths) };
}

/** The parts of a complete upload, whose rows are in its submission already (the periods of a part checked under
 * the other rhythm worked out again from its records first). */
function stagedRows(ctx: AppContext, org: string, staged: readonly UploadPartRow[]): CommitRows {
  const weekly = isWeekly(ctx.db, org);
  const summaries = staged.map((m) => {
    const summary = JSON.parse(m.summary) as RowsSummary;
    if (summary.weekly === weekly) return summary;
    const again = summarise(partRecordJson(ctx.db, m).map((t) => JSON.parse(t) as DeidentifiedRecord), weekly);
    setPartHalfMonths(ctx.db, m, again.halfMonths);
    return again.summary;
  });
  return { summaries, uploading: staged[0].submission_id };
}

function partsConflict(message: string): never {
  throw new AppError(409, "conflict", { message });
}

/** Rows a part may hold at most, as a power of two: a part placed for now lies in a negative range of its own. */
const PART_SPAN = 2 ** Math.ceil(Math.log2(MAX_SUBMIT_RECORDS + 1));

/**
 * Where a part without `first` begins: after every earlier part when they are all here; otherwise (a counted
 * upload's parts may come in any order) in a negative range of its own, until the commit moves it into place.
 */
function firstRowAfter(earlier: readonly UploadPartRow[], index: number): number {
  const before = earlier.filter((m) => m.part_index < index);
  if (before.length < index || before.some((m) => m.first_row < 0)) return -(index + 1) * PART_SPAN;
  return before.reduce((n, m) => n + m.row_count, 0);
}

/**
 * Puts the parts' rows one after the other from the first row on: a part placed for now is moved into place; one
 * that named its place must be there already (no gap, no overlap).
 */
function placeParts(ctx: AppContext, staged: readonly UploadPartRow[]): UploadPartRow[] {
  let next = 0;
  return staged.map((m) => {
    const first = next;
    if (m.first_row < 0) withoutOverlap(m.part_index, () => moveRows(ctx.db, m.submission_id, m.first_row, m.row_count, first));
    else if (m.first_row !== first) partsConflict(`Del ${m.part_index + 1} av uppladdningen börjar på rad ${m.first_row + 1}, men de tidigare delarna slutar på rad ${first}.`);
    next += m.row_count;
    return { ...m, first_row: first };
  });
}

/** Writes a new part's rows into its upload's submission (made now for the first part to arrive). */
function writePartRows(ctx: AppContext, p: Principal, req: SubmitMeta & { part: NonNullable<SubmitMeta["part"]> }, earlier: readonly UploadPartRow[], rows: CheckedRows): { submission: string; first: number } {
  let submission = earlier[0]?.submission_id;
  if (submission === undefined) {
    submission = randomUUID();
    insertUploading(ctx.db, { id: submission, org: p.org, templateId: req.templateId, templateVersion: req.templateVersion, uploadId: req.part.uploadId, createdAt: ctx.clock.now().toISOString(), createdBy: p.auditId });
  }
  const first = req.part.first ?? firstRowAfter(earlier, req.part.index);
  withoutOverlap(req.part.index, () => insertRecords(ctx.db, submission, rowJson(rows), rows.halfMonths, first));
  return { submission, first };
}

/** Runs a write of part `index`'s rows; rows another part has already are refused (409). */
function withoutOverlap(index: number, write: () => void): void {
  try {
    write();
  } catch (err) {
    if (err instanceof SqliteError && err.code === "SQLITE_CONSTRAINT_PRIMARYKEY") partsConflict(`Del ${index + 1} av uppladdningen anger rader som en annan del redan har.`);
    throw err;
  }
}

/** The first result again when the key was used before with the same content; 409 when with other content. */
function replayOf(ctx: AppContext, p: Principal, req: SubmitMeta, hash: string): SubmitOutcome | null {
  if (req.idempotencyKey === undefined) return null;
  const binding = keyBinding(ctx.db, p.org, req.idempotencyKey);
  if (!binding) return null;
  // The last part of a streamed upload: its earlier parts are compared too, once it is staged beside them.
  if (req.part && partsMeta(ctx.db, p.org, req.part.uploadId).some((m) => m.part_count === STREAMED_COUNT)) return null;
  assertSameContent(binding, req, hash);
  return storedAgain(ctx, p, req.idempotencyKey);
}

function storedAgain(ctx: AppContext, p: Principal, key: string): SubmitOutcome {
  return { httpStatus: 200, body: { status: "stored", replay: true, submission: findByIdempotencyKey(ctx.db, p.org, key)! } };
}

export function assertMaySubmit(p: Principal): void {
  if (p.role !== "actor") throw new AppError(403, "forbidden", { message: "Bara en aktörs konto eller API-nyckel kan skicka in." });
}

/** Receives a submission, checking it on the event loop (the seed, tests); the server checks in a worker (`prepare.ts`). */
export function submit(ctx: AppContext, p: Principal, req: SubmitRequest): SubmitOutcome {
  assertMaySubmit(p);
  const out = storeChecked(ctx, p, checkSubmission(sourceOf(ctx), p.org, req));
  out.afterwards?.();
  return { httpStatus: out.httpStatus, body: out.body };
}

/** Stores a checked submission: a replay, a refusal, a staged part, or the whole submission, each in one transaction. */
export function storeChecked(ctx: AppContext, p: Principal, checked: CheckedSubmission): SubmitOutcome {
  assertMaySubmit(p);
  const { meta: req, hash } = checked;
  const replay = replayOf(ctx, p, req, hash);
  if (replay) return replay;
  if (checked.refusal || !checked.rows) throw checked.refusal ?? new AppError(500, "internal-error");
  const rows = checked.rows;
  // Checked against the template as it was a moment ago: it is read again here, so one retired meanwhile is refused.
  const template = usableTemplate(sourceOf(ctx), p.org, req.templateId, req.templateVersion);

  if (!req.part) {
    const key = req.idempotencyKey!; // the schema requires it on a whole submission
    return inTransaction(ctx.db, () => {
      const again = replayOf(ctx, p, req, hash);
      if (again) return again;
      return { httpStatus: 201 as const, body: { status: "stored" as const, replay: false, submission: commit(ctx, p, template, key, wholeRows(ctx, p.org, rows), null, contentHash([hash])) } };
    });
  }

  const part = req.part;
  return inTransaction(ctx.db, (): SubmitOutcome => {
    const again = replayOf(ctx, p, req, hash);
    if (again) return again;
    expireStagedUploads(ctx);
    const earlier = partsMeta(ctx.db, p.org, part.uploadId);
    if (earlier.some((m) => !partsAgree(m, req))) throw new AppError(409, "conflict", { message: "Delen hör inte ihop med de tidigare delarna av samma uppladdning." });
    const same = earlier.find((m) => m.part_index === part.index);
    // A part sent again with the same content: its rows are in already.
    if (same) assertSamePart(same.content_hash, hash);
    else assertStagingRoom(ctx, p.org, earlier.length === 0, checked.bytes);
    const placed = same ? { submission: same.submission_id, first: same.first_row } : writePartRows(ctx, p, { ...req, part }, earlier, rows);
    putPart(ctx.db, {
      upload_id: part.uploadId, org_id: p.org, idempotency_key: req.idempotencyKey ?? STREAMED_KEY, template_id: req.templateId, template_version: req.templateVersion,
      part_index: part.index, part_count: part.count ?? STREAMED_COUNT, received_at: ctx.clock.now().toISOString(), content_hash: hash, summary: JSON.stringify(rows.summary),
      submission_id: placed.submission, first_row: placed.first, row_count: rows.summary.rows,
    }, checked.bytes);
    const staged = partsMeta(ctx.db, p.org, part.uploadId);
    // The part that names the count (every part of a counted upload, the last of a streamed one) carries the key.
    const last = staged.find((m) => m.part_count !== STREAMED_COUNT);
    if (last && staged.some((m) => m.part_index >= last.part_count))
      throw new AppError(409, "conflict", { message: "Uppladdningen har fler delar än den sista delen anger." });
    if (!last || staged.length < last.part_count) return { httpStatus: 202, body: { status: "part-received", uploadId: part.uploadId, received: staged.length, ...(last ? { count: last.part_count } : {}) } };
    // Every part is here (each was checked on arrival and written as checked). The key is bound to the content as a
    // whole: the same content under a key already used is a replay, other content a conflict.
    const key = last.idempotency_key;
    const partHashes = staged.map((m) => m.content_hash ?? "");
    const binding = keyBinding(ctx.db, p.org, key);
    dropParts(ctx.db, p.org, part.uploadId);
    if (binding) {
      assertSameUpload(binding, req, partHashes);
      // The rows written again are removed after the answer: no part refers to them now, and no reader sees them.
      const uploading = staged[0].submission_id;
      return { ...storedAgain(ctx, p, key), afterwards: () => inTransaction(ctx.db, () => dropUploading(ctx.db, uploading)) };
    }
    const inPlace = placeParts(ctx, staged);
    const submission = commit(ctx, p, template, key, stagedRows(ctx, p.org, inPlace), partHashes, contentHash(partHashes));
    return { httpStatus: 201, body: { status: "stored", replay: false, submission } };
  });
}

/** A streamed upload's earlier parts are staged without key and count (the last part brings both). */
const STREAMED_KEY = "";
const STREAMED_COUNT = 0;

/** A staged part and a new one belong to the same upload: the same template, and the same key and count where both name them. */
function partsAgree(m: UploadPartRow, req: SubmitMeta): boolean {
  if (m.template_id !== req.templateId || m.template_version !== req.templateVersion) return false;
  const counted = req.part?.count !== undefined;
  if (m.part_count === STREAMED_COUNT) return true;
  // A streamed part cannot follow a part that named the count; two counted parts agree on key and count.
  return counted && m.part_count === req.part!.count && m.idempotency_key === req.idempotencyKey;
}
