// The audit trail's rows (append-only; the chain and its seals are worked out in audit/log.ts).
import type { Db } from "../db/database";

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  details: string;
  prev_hash: string;
  hash: string;
  /** HMAC seal; null only for entries written before the chain was keyed. */
  mac: string | null;
}

/** The last entry of the chain, or undefined when it is empty. */
export function lastAuditRow(db: Db): Pick<AuditRow, "seq" | "hash" | "at" | "mac"> | undefined {
  return db.prepare("SELECT seq, hash, at, mac FROM audit_log ORDER BY seq DESC LIMIT 1").get() as Pick<AuditRow, "seq" | "hash" | "at" | "mac"> | undefined;
}

export function insertAuditRow(db: Db, r: AuditRow): void {
  db.prepare("INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").run(
    r.seq, r.at, r.actor, r.action, r.details, r.prev_hash, r.hash, r.mac,
  );
}

export function auditRowsAfter(db: Db, afterSeq: number, limit: number): AuditRow[] {
  return db.prepare("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?").all(afterSeq, limit) as AuditRow[];
}

export function auditHashAtSeq(db: Db, seq: number): string | undefined {
  return (db.prepare("SELECT hash FROM audit_log WHERE seq = ?").get(seq) as { hash: string } | undefined)?.hash;
}

export function anySealedAuditRow(db: Db): boolean {
  return db.prepare("SELECT 1 FROM audit_log WHERE mac IS NOT NULL LIMIT 1").get() !== undefined;
}

/** Every row in the order of insertion (rowid), not the order of `seq`. */
export function auditRowsInInsertionOrder(db: Db): IterableIterator<AuditRow & { rid: number }> {
  return db.prepare("SELECT rowid AS rid, * FROM audit_log ORDER BY rowid").iterate() as IterableIterator<AuditRow & { rid: number }>;
}
