// API keys: stored as sha256 with a public prefix; the key itself is shown once.
import type { Db } from "../db/database";
import type { ApiKeySummary } from "../../shared/protocol/api";

export interface ApiKeyRow {
  id: number;
  key_hash: string;
  prefix: string;
  org_id: string;
  name: string;
  created_at: string;
  created_by: string;
  last_used: string | null;
  revoked_at: string | null;
}

export function toApiKey(r: ApiKeyRow): ApiKeySummary {
  return { id: r.id, prefix: r.prefix, org: r.org_id, name: r.name, createdAt: r.created_at, lastUsed: r.last_used, revokedAt: r.revoked_at };
}

export function listApiKeys(db: Db, org?: string): ApiKeySummary[] {
  const rows = (org ? db.prepare("SELECT * FROM api_keys WHERE org_id = ? ORDER BY id").all(org) : db.prepare("SELECT * FROM api_keys ORDER BY id").all()) as ApiKeyRow[];
  return rows.map(toApiKey);
}

export function getApiKeyRow(db: Db, id: number): ApiKeyRow | undefined {
  return db.prepare("SELECT * FROM api_keys WHERE id = ?").get(id) as ApiKeyRow | undefined;
}

export function getApiKeyRowByPrefix(db: Db, prefix: string): ApiKeyRow | undefined {
  return db.prepare("SELECT * FROM api_keys WHERE prefix = ?").get(prefix) as ApiKeyRow | undefined;
}

/** The key of this hash, with whether the user who made it (`created_by` = `user:<id>`) is now disabled. */
export function getApiKeyRowByHash(db: Db, hash: string): (ApiKeyRow & { creator_disabled: number }) | undefined {
  return db
    .prepare(
      `SELECT k.*, COALESCE(u.disabled, 0) AS creator_disabled FROM api_keys k
       LEFT JOIN users u ON k.created_by = 'user:' || u.id
       WHERE k.key_hash = ?`,
    )
    .get(hash) as (ApiKeyRow & { creator_disabled: number }) | undefined;
}

export function insertApiKey(db: Db, k: { hash: string; prefix: string; org: string; name: string; createdBy: string }, at: string): ApiKeyRow {
  const info = db
    .prepare("INSERT INTO api_keys (key_hash, prefix, org_id, name, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)")
    .run(k.hash, k.prefix, k.org, k.name, at, k.createdBy);
  return getApiKeyRow(db, Number(info.lastInsertRowid))!;
}

export function revokeApiKey(db: Db, id: number, at: string): void {
  db.prepare("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?").run(at, id);
}

export function touchApiKey(db: Db, id: number, at: string): void {
  db.prepare("UPDATE api_keys SET last_used = ? WHERE id = ?").run(at, id);
}
