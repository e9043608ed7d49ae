// The append-only, hash-chained audit trail: hash = sha256(prev_hash + canonical entry), and each entry's hash
// sealed with an HMAC under a key kept outside the database (mac = HMAC(key, seq + hash)). Recomputing the hashes
// after an edit is easy; recomputing the seals needs the key. A sealed entry also covers every entry before it
// through the hash chain, so entries written before the key existed are protected by the first sealed one.
// Truncation is caught by a signed checkpoint kept outside the server (see checkpoint.ts).
// Call `appendAudit` inside the same transaction as the change it records.
import { createHash } from "node:crypto";
import type { Db } from "../db/database";
import type { Clock } from "../clock";
import { canonicalJson } from "../../shared/protocol/canonical-json";
import { anySealedAuditRow, auditHashAtSeq, auditRowsAfter, auditRowsInInsertionOrder, insertAuditRow, lastAuditRow } from "../stores/audit";
import { auditKeyOf, auditMac, macMatches } from "./key";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditInput {
  /** Who: `user:<id>`, `api-key:<prefix>`, `cli`, `system`, or `anonymous`. Never a password or token. */
  actor: string;
  /** What, e.g. `login`, `login-failed`, `submission.create`, `review.approve`, `template.publish`. */
  action: string;
  details: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: unknown;
  hash: string;
}

export function entryHash(prevHash: string, e: { seq: number; at: string; actor: string; action: string; details: string }): string {
  const canonical = canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, details: JSON.parse(e.details) as unknown });
  return createHash("sha256").update(prevHash).update(canonical).digest("hex");
}

export function entryMac(key: Buffer, seq: number, hash: string): string {
  return auditMac(key, "entry", `${seq}\n${hash}`);
}

export function appendAudit(db: Db, clock: Clock, input: AuditInput): AuditEntry {
  const last = lastAuditRow(db);
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.hash ?? GENESIS_HASH;
  const at = clock.now().toISOString();
  const details = canonicalJson(input.details);
  const hash = entryHash(prev, { seq, at, actor: input.actor, action: input.action, details });
  const mac = entryMac(auditKeyOf(db), seq, hash);
  insertAuditRow(db, { seq, at, actor: input.actor, action: input.action, details, prev_hash: prev, hash, mac });
  return { seq, at, actor: input.actor, action: input.action, details: input.details, hash };
}

export function listAudit(db: Db, afterSeq: number, limit: number): AuditEntry[] {
  return auditRowsAfter(db, afterSeq, limit).map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, details: JSON.parse(r.details) as unknown, hash: r.hash }));
}

export interface AuditProblem {
  seq: number;
  kind: "edited" | "broken-link" | "gap" | "reordered" | "forged" | "unkeyed" | "truncated" | "rewritten" | "checkpoint-invalid";
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  problems: AuditProblem[];
}

/** The head of the chain: its last entry. */
export function auditHead(db: Db): { seq: number; hash: string; at: string } | undefined {
  const last = lastAuditRow(db);
  return last ? { seq: last.seq, hash: last.hash, at: last.at } : undefined;
}

/** The hash stored at `seq`, if that entry exists. */
export function auditHashAt(db: Db, seq: number): string | undefined {
  return auditHashAtSeq(db, seq);
}

/** Whether any entry carries a seal (then the audit key must not be replaced by a new one). */
export function hasSealedAudit(db: Db): boolean {
  return anySealedAuditRow(db);
}

/**
 * Entries written before the chain was keyed (a database from before migration 004) are sealed by one keyed entry
 * that names how many there were and the hash of the last. Does nothing when the chain already ends in a sealed entry.
 */
export function sealLegacyAudit(db: Db, clock: Clock): boolean {
  const last = lastAuditRow(db);
  if (!last || last.mac !== null) return false;
  appendAudit(db, clock, { actor: "system", action: "audit.keyed", details: { legacyEntries: last.seq, legacyHead: last.hash } });
  return true;
}

/**
 * Walks the whole chain (in rowid order, the order of insertion) and reports every break: a changed entry, a
 * broken link, a gap, a reordering, a seal that does not match (an entry changed or added without the key), or an
 * unsealed entry after the chain was keyed. Truncation at the end needs a checkpoint (checkpoint.ts).
 */
export function verifyAuditChain(db: Db): AuditVerification {
  const key = auditKeyOf(db);
  const rows = auditRowsInInsertionOrder(db);
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let n = 0;
  let keyed = false;
  for (const r of rows) {
    if (r.mac === null) {
      if (keyed) problems.push({ seq: r.seq, kind: "unkeyed", message: `Post ${r.seq} saknar sigill fast den ligger efter loggens första sigillerade post: den är tillagd utan nyckeln.` });
    } else {
      keyed = true;
      if (!macMatches(entryMac(key, r.seq, r.hash), r.mac))
        problems.push({ seq: r.seq, kind: "forged", message: `Post ${r.seq} har inget giltigt sigill: den är ändrad eller tillagd utan granskningsnyckeln (eller nyckeln är fel).` });
    }

    n++;
    if (r.seq < prevSeq) problems.push({ seq: r.seq, kind: "reordered", message: `Post ${r.seq} ligger efter post ${prevSeq}.` });
    else if (r.seq !== prevSeq + 1) problems.push({ seq: r.seq, kind: "gap", message: `Post ${prevSeq + 1}–${r.seq - 1} saknas.` });
    if (r.prev_hash !== prevHash) problems.push({ seq: r.seq, kind: "broken-link", message: `Post ${r.seq} pekar inte på föregående posts hash.` });
    if (entryHash(r.prev_hash, r) !== r.hash) problems.push({ seq: r.seq, kind: "edited", message: `Post ${r.seq} har ändrats efter att den skrevs.` });
    prevHash = r.hash;
    prevSeq = r.seq;
  }
  if (n > 0 && !keyed)
    problems.push({ seq: prevSeq, kind: "unkeyed", message: "Ingen post i loggen har sigill: kedjan kan ha skrivits om utan granskningsnyckeln." });
  return { ok: problems.length === 0, entries: n, problems };
}
