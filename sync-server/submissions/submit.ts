// Receiving a submission: re-check every record with the shared wire check, refuse anything identifying and
// store nothing of it; idempotent by (organisation, key); chunked uploads committed in one transaction.
import { randomUUID } from "node:crypto";
import type { Submission, SubmitRequest, SubmitResponse } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
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
import { findByIdempotencyKey, insertSubmission, keyBinding } from "../stores/submissions";
import { getTemplateRow, isAssigned, latestVersion, toPublishedTemplate } from "../stores/templates";
import { dropParts, partRecords, partsMeta, putPart, type UploadPartRow } from "../stores/uploads";
import { assertNotRetired } from "../templates/retired";
import { assertSameContent, assertSamePart, assertSameUpload, assertStagingRoom, contentHash, expireStagedUploads, partHash } from "./staging";

export type SubmitOutcome = { httpStatus: 200 | 201 | 202; body: SubmitResponse };

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

function check(src: CheckSource, template: Template, org: string, records: unknown[]): DeidentifiedRecord[] {
  const nyko = nykoRegisterAt(src.db, stockholmDate(src.now));
  const window = recordWindow(src);
  const result = checkWireRecords(template, records, { org, isKnownNyko: (c) => nyko.has(c), levelOf: (c) => nyko.levelOf(c), window });
  if (!result.ok) refuse(result.issues);
  return result.value;
}

/** A request without its records. */
export type SubmitMeta = Omit<SubmitRequest, "records">;

/**
 * The CPU-heavy part of a submission, which touches nothing stored (`prepare.ts` runs it in a worker thread): the
 * hash of the records as sent, and the records checked against their template. A refusal (unknown or retired
 * template, a record that fails the check) is returned, not thrown: a retry of a stored submission is answered
 * as a replay first.
 */
export interface CheckedSubmission {
  meta: SubmitMeta;
  hash: string;
  records: DeidentifiedRecord[] | null;
  refusal: AppError | null;
  /** Size of the checked records as stored (for the staging caps). */
  bytes: number;
  /** Each checked record as JSON, as it is stored (a whole submission, not a part). */
  recordJson: string[] | null;
}

export function checkSubmission(src: CheckSource, org: string, req: SubmitRequest): CheckedSubmission {
  const { records: sent, ...meta } = req;
  const hash = partHash(sent);
  const refused = (refusal: AppError): CheckedSubmission => ({ meta, hash, records: null, refusal, bytes: 0, recordJson: null });
  let template: Template;
  try {
    template = usableTemplate(src, org, req.templateId, req.templateVersion);
  } catch (err) {
    if (err instanceof AppError) return refused(err);
    throw err;
  }
  try {
    const records = check(src, template, org, sent);
    return { meta, hash, records, refusal: null, bytes: req.part ? JSON.stringify(records).length : 0, recordJson: req.part ? null : records.map((r) => JSON.stringify(r)) };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return refused(req.part ? new AppError(err.httpStatus, err.reason, { ...(err.details as object), part: req.part.index }) : err);
  }
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

/** Stores a checked submission in the caller's transaction and returns it. */
function commit(
  ctx: AppContext, p: Principal, template: Template, key: string, records: DeidentifiedRecord[], partHashes: string[] | null, wholeHash: string, recordJson?: readonly string[],
): Submission {
  const recordHalfMonths: string[] = [];
  const periods = new Map<string, number>();
  const memo = new Map<string, string[]>();
  // A partner reporting weekly submits weeks: an approval supersedes per week, and its weeks fill the half-months.
  const weekly = reportingRhythm(ctx.db, p.org) === "week";
  for (const r of records) {
    const halves = halfMonthCover(memo, r, weekly);
    recordHalfMonths.push(halves[0]);
    for (const h of halves) periods.set(h, (periods.get(h) ?? 0) + 1);
  }
  const warnings: Submission["warnings"] = [];
  const unlocated = records.flatMap((r, i) => (r.nyko === null ? [i] : []));
  if (unlocated.length > 0)
    warnings.push({ code: "unlocated", message: `${unlocated.length} rader saknar NYKO-område och räknas bara i kommunens total.`, rows: unlocated.slice(0, 1000) });
  const latest = latestVersion(ctx.db, template.id);
  if (latest > template.version)
    warnings.push({ code: "template-not-latest", message: `Inskickad med version ${template.version} av mallen; version ${latest} finns.` });
  if (records.length === 0) warnings.push({ code: "empty", message: "Inskicket innehåller inga rader." });
  const id = randomUUID();
  insertSubmission(ctx.db, {
    id, org: p.org, templateId: template.id, templateVersion: template.version, idempotencyKey: key, contentHash: wholeHash, partHashes,
    records, recordHalfMonths, ...(recordJson ? { recordJson } : {}), periods, warnings, createdBy: p.auditId, createdAt: ctx.clock.now().toISOString(),
  });
  appendAudit(ctx.db, ctx.clock, {
    actor: p.auditId, action: "submission.create",
    details: { submission: id, org: p.org, templateId: template.id, templateVersion: template.version, rows: records.length, halfMonths: [...periods.keys()].sort() },
  });
  return findByIdempotencyKey(ctx.db, p.org, key)!;
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
  return storeChecked(ctx, p, checkSubmission(sourceOf(ctx), p.org, req));
}

/** Stores a checked submission: a replay, a refusal, a staged part, or the whole submission, each in one transaction. */
export function storeChecked(ctx: AppContext, p: Principal, checked: CheckedSubmission): SubmitOutcome {
  assertMaySubmit(p);
  const { meta: req, hash } = checked;
  const replay = replayOf(ctx, p, req, hash);
  if (replay) return replay;
  if (checked.refusal || !checked.records) throw checked.refusal ?? new AppError(500, "internal-error");
  // Checked against the template as it was a moment ago: it is read again here, so one retired meanwhile is refused.
  const template = usableTemplate(sourceOf(ctx), p.org, req.templateId, req.templateVersion);

  if (!req.part) {
    const records = checked.records;
    const key = req.idempotencyKey!; // the schema requires it on a whole submission
    return inTransaction(ctx.db, () => {
      const again = replayOf(ctx, p, req, hash);
      if (again) return again;
      return { httpStatus: 201 as const, body: { status: "stored" as const, replay: false, submission: commit(ctx, p, template, key, records, null, contentHash([hash]), checked.recordJson ?? undefined) } };
    });
  }

  const part = req.part;
  const checkedRecords = checked.records;
  return inTransaction(ctx.db, (): SubmitOutcome => {
    const again = replayOf(ctx, p, req, hash);
    if (again) return again;
    expireStagedUploads(ctx);
    const earlier = partsMeta(ctx.db, p.org, part.uploadId);
    if (earlier.some((m) => !partsAgree(m, req))) throw new AppError(409, "conflict", { message: "Delen hör inte ihop med de tidigare delarna av samma uppladdning." });
    const same = earlier.find((m) => m.part_index === part.index);
    if (same) assertSamePart(same.content_hash, hash);
    else assertStagingRoom(ctx, p.org, earlier.length === 0, checked.bytes);
    putPart(ctx.db, {
      upload_id: part.uploadId, org_id: p.org, idempotency_key: req.idempotencyKey ?? STREAMED_KEY, template_id: req.templateId, template_version: req.templateVersion,
      part_index: part.index, part_count: part.count ?? STREAMED_COUNT, records: checkedRecords, received_at: ctx.clock.now().toISOString(), content_hash: hash,
    });
    const staged = partsMeta(ctx.db, p.org, part.uploadId);
    // The part that names the count (every part of a counted upload, the last of a streamed one) carries the key.
    const last = staged.find((m) => m.part_count !== STREAMED_COUNT);
    if (last && staged.some((m) => m.part_index >= last.part_count))
      throw new AppError(409, "conflict", { message: "Uppladdningen har fler delar än den sista delen anger." });
    if (!last || staged.length < last.part_count) return { httpStatus: 202, body: { status: "part-received", uploadId: part.uploadId, received: staged.length, ...(last ? { count: last.part_count } : {}) } };
    // Every part is here (each was checked on arrival and staged as checked). The key is bound to the content as a
    // whole: the same content under a key already used is a replay, other content a conflict.
    const key = last.idempotency_key;
    const partHashes = staged.map((m) => m.content_hash ?? "");
    const binding = keyBinding(ctx.db, p.org, key);
    if (binding) {
      assertSameUpload(binding, req, partHashes);
      dropParts(ctx.db, p.org, part.uploadId);
      return storedAgain(ctx, p, key);
    }
    const records: DeidentifiedRecord[] = [];
    for (const chunk of partRecords(ctx.db, p.org, part.uploadId)) for (const r of chunk) records.push(r as DeidentifiedRecord);
    const submission = commit(ctx, p, template, key, records, partHashes, contentHash(partHashes));
    dropParts(ctx.db, p.org, part.uploadId);
    return { httpStatus: 201, body: { status: "stored", replay: false, submission } };
  });
}

/** A streamed upload's earlier parts are staged without key and count (the last part brings both). */
const STREAMED_KEY = "";
const STREAMED_COUNT = 0;

/** A staged part and a new one belong to the same upload: the same template, and the same key and count where both name them. */
function partsAgree(m: Omit<UploadPartRow, "records">, req: SubmitMeta): boolean {
  if (m.template_id !== req.templateId || m.template_version !== req.templateVersion) return false;
  const counted = req.part?.count !== undefined;
  if (m.part_count === STREAMED_COUNT) return true;
  // A streamed part cannot follow a part that named the count; two counted parts agree on key and count.
  return counted && m.part_count === req.part!.count && m.idempotency_key === req.idempotencyKey;
}
