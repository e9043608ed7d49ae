// The audit key: an HMAC key kept outside the database, so whoever holds only the database file cannot write
// entries, rewrite them or recompute the chain. main.ts registers the data directory's key for each database it opens.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/database";

const keys = new WeakMap<Db, Buffer>();

/** Seals this database's audit entries with `key` from now on. */
export function useAuditKey(db: Db, key: Buffer): void {
  keys.set(db, key);
}

/**
 * The key registered for this database. A database opened without the data directory (in-memory tests, a browser
 * harness) gets a random key that lives as long as the process: its chain verifies only within that process.
 */
export function auditKeyOf(db: Db): Buffer {
  let key = keys.get(db);
  if (!key) {
    key = randomBytes(32);
    keys.set(db, key);
  }
  return key;
}

/** HMAC-SHA256 of a labelled message, hex. The label keeps entry seals and checkpoint signatures apart. */
export function auditMac(key: Buffer, label: "entry" | "checkpoint", message: string): string {
  return createHmac("sha256", key).update(`lagesbild-audit-${label}\n`).update(message).digest("hex");
}

export function macMatches(expected: string, actual: string | null): boolean {
  if (actual === null || actual.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(actual));
}

/** A short public name of the key (not the key): tells which key signed a checkpoint. */
export function auditKeyId(key: Buffer): string {
  return auditMac(key, "checkpoint", "key-id").slice(0, 16);
}
