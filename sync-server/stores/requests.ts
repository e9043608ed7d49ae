// Requests for public documents: the register, the reviews (with their release files) and the decision.
// The requester's text is read and written here only, in the request row.
import type { Composition, DecisionKind } from "../../shared/protocol/requests";
import type { Db } from "../db/database";

interface RequestRow {
  id: number;
  received_date: string;
  requester: string;
  subject: string;
  deadline: string;
  created_at: string;
  composition: string | null;
  decision: DecisionKind | null;
  reasons: string | null;
  decided_at: string | null;
  decided_review_id: number | null;
}

export interface StoredRequest {
  id: number;
  receivedDate: string;
  requester: string;
  subject: string;
  deadline: string;
  createdAt: string;
  composition: Composition | null;
  decision: DecisionKind | null;
  reasons: string | null;
  decidedAt: string | null;
  decidedReviewId: number | null;
}

function toRequest(r: RequestRow): StoredRequest {
  return {
    id: r.id,
    receivedDate: r.received_date,
    requester: r.requester,
    subject: r.subject,
    deadline: r.deadline,
    createdAt: r.created_at,
    composition: r.composition ? (JSON.parse(r.composition) as Composition) : null,
    decision: r.decision,
    reasons: r.reasons,
    decidedAt: r.decided_at,
    decidedReviewId: r.decided_review_id,
  };
}

export function insertRequest(db: Db, r: { receivedDate: string; requester: string; subject: string; deadline: string; createdAt: string }): number {
  const info = db
    .prepare("INSERT INTO requests (received_date, requester, subject, deadline, created_at) VALUES (?, ?, ?, ?, ?)")
    .run(r.receivedDate, r.requester, r.subject, r.deadline, r.createdAt);
  return Number(info.lastInsertRowid);
}

export function getRequest(db: Db, id: number): StoredRequest | null {
  const r = db.prepare("SELECT * FROM requests WHERE id = ?").get(id) as RequestRow | undefined;
  return r ? toRequest(r) : null;
}

export function listRequests(db: Db): StoredRequest[] {
  return (db.prepare("SELECT * FROM requests ORDER BY id").all() as RequestRow[]).map(toRequest);
}

export function setComposition(db: Db, id: number, composition: Composition): void {
  db.prepare("UPDATE requests SET composition = ? WHERE id = ?").run(JSON.stringify(composition), id);
}

export function setDecision(db: Db, id: number, d: { decision: DecisionKind; reasons: string; decidedAt: string; reviewId: number | null }): void {
  db.prepare("UPDATE requests SET decision = ?, reasons = ?, decided_at = ?, decided_review_id = ? WHERE id = ?").run(d.decision, d.reasons, d.decidedAt, d.reviewId, id);
}

export interface StoredReview {
  id: number;
  requestId: number;
  reviewedAt: string;
  /** The published version the review took as known (`publishedVersion`). */
  basis: string;
  result: unknown;
  facts: Record<string, number>;
  xlsxSha256: string;
  csvSha256: string;
}

interface ReviewRow {
  id: number;
  request_id: number;
  reviewed_at: string;
  basis: string;
  result: string;
  facts: string;
  xlsx_sha256: string;
  csv_sha256: string;
}

const REVIEW_COLUMNS = "id, request_id, reviewed_at, basis, result, facts, xlsx_sha256, csv_sha256";

function toReview(r: ReviewRow): StoredReview {
  return {
    id: r.id,
    requestId: r.request_id,
    reviewedAt: r.reviewed_at,
    basis: r.basis,
    result: JSON.parse(r.result) as unknown,
    facts: JSON.parse(r.facts) as Record<string, number>,
    xlsxSha256: r.xlsx_sha256,
    csvSha256: r.csv_sha256,
  };
}

export function insertReview(
  db: Db,
  r: { requestId: number; reviewedAt: string; basis: string; result: unknown; facts: Record<string, number>; xlsx: Uint8Array; xlsxSha256: string; csv: Uint8Array; csvSha256: string },
): number {
  const info = db
    .prepare("INSERT INTO request_reviews (request_id, reviewed_at, basis, result, facts, xlsx, xlsx_sha256, csv, csv_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    .run(r.requestId, r.reviewedAt, r.basis, JSON.stringify(r.result), JSON.stringify(r.facts), Buffer.from(r.xlsx), r.xlsxSha256, Buffer.from(r.csv), r.csvSha256);
  return Number(info.lastInsertRowid);
}

/** The request's latest review. */
export function latestReview(db: Db, requestId: number): StoredReview | null {
  const r = db.prepare(`SELECT ${REVIEW_COLUMNS} FROM request_reviews WHERE request_id = ? ORDER BY id DESC LIMIT 1`).get(requestId) as ReviewRow | undefined;
  return r ? toReview(r) : null;
}

export function getReview(db: Db, id: number): StoredReview | null {
  const r = db.prepare(`SELECT ${REVIEW_COLUMNS} FROM request_reviews WHERE id = ?`).get(id) as ReviewRow | undefined;
  return r ? toReview(r) : null;
}

/** The stored bytes of a review's release file. */
export function reviewFile(db: Db, id: number, kind: "xlsx" | "csv"): Buffer | null {
  const r = db.prepare(`SELECT ${kind === "xlsx" ? "xlsx" : "csv"} AS body FROM request_reviews WHERE id = ?`).get(id) as { body: Buffer } | undefined;
  return r ? r.body : null;
}
