// The append-only, hash-chained audit trail: hash = sha256(prev_hash + canonical entry).
// Call `appendAudit` inside the same transaction as the change it records.
import { createHash } from "node:crypto";
import type { Db } from "../db/database";
import type { Clock } from "../clock";
import { canonicalJson } from "../../shared/submission/canonical-json";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditInput {
  /** Who: `user:<id>`, `api-key:<prefix>`, `cli`, `system`, or `anonymous`. Never a password or token. */
  actor: string;
  /** What, e.g. `login`, `login-failed`, `submission.create`, `review.approve`, `template.publish`. */
  action: string;
  details: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: string;
  prev_hash: string;
  hash: string;
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

export function appendAudit(db: Db, clock: Clock, input: AuditInput): AuditEntry {
  const last = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.hash ?? GENESIS_HASH;
  const at = clock.now().toISOString();
  const details = canonicalJson(input.details);
  const hash = entryHash(prev, { seq, at, actor: input.actor, action: input.action, details });
  db.prepare("INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    seq, at, input.actor, input.action, details, prev, hash,
  );
  return { seq, at, actor: input.actor, action: input.action, details: input.details, hash };
}

export function listAudit(db: Db, afterSeq: number, limit: number): AuditEntry[] {
  const rows = db.prepare("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?").all(afterSeq, limit) as AuditRow[];
  return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, details: JSON.parse(r.details) as unknown, hash: r.hash }));
}

export interface AuditProblem {
  seq: number;
  kind: "edited" | "broken-link" | "gap" | "reordered";
  message: string;
}

/** Walks the whole chain (in rowid order, the order of insertion) and reports every break. */
export function verifyAuditChain(db: Db): { ok: boolean; entries: number; problems: AuditProblem[] } {
  const rows = db.prepare("SELECT rowid AS rid, * FROM audit_log ORDER BY rowid").iterate() as IterableIterator<AuditRow & { rid: number }>;
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let n = 0;
  for (const r of rows) {
    n++;
    if (r.seq < prevSeq) problems.push({ seq: r.seq, kind: "reordered", message: `Post ${r.seq} ligger efter post ${prevSeq}.` });
    else if (r.seq !== prevSeq + 1) problems.push({ seq: r.seq, kind: "gap", message: `Post ${prevSeq + 1}–${r.seq - 1} saknas.` });
    if (r.prev_hash !== prevHash) problems.push({ seq: r.seq, kind: "broken-link", message: `Post ${r.seq} pekar inte på föregående posts hash.` });
    if (entryHash(r.prev_hash, r) !== r.hash) problems.push({ seq: r.seq, kind: "edited", message: `Post ${r.seq} har ändrats efter att den skrevs.` });
    prevHash = r.hash;
    prevSeq = r.seq;
  }
  return { ok: problems.length === 0, entries: n, problems };
}
