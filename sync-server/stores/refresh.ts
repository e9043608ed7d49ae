// Refresh tokens: sha256-stored, one family per device sign-in, rotated on every use.
import type { Db } from "../db/database";

export interface RefreshRow {
  id: number;
  token_hash: string;
  family: string;
  user_id: number;
  device: string;
  created_at: string;
  last_used: string;
  revoked_at: string | null;
}

export function getRefreshRow(db: Db, hash: string): RefreshRow | undefined {
  return db.prepare("SELECT * FROM refresh_tokens WHERE token_hash = ?").get(hash) as RefreshRow | undefined;
}

export function insertRefresh(db: Db, r: { hash: string; family: string; userId: number; device: string }, at: string): void {
  db.prepare("INSERT INTO refresh_tokens (token_hash, family, user_id, device, created_at, last_used) VALUES (?, ?, ?, ?, ?, ?)").run(
    r.hash, r.family, r.userId, r.device, at, at,
  );
}

export function revokeRefresh(db: Db, id: number, at: string): void {
  db.prepare("UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, ?), last_used = ? WHERE id = ?").run(at, at, id);
}

export function revokeFamily(db: Db, family: string, at: string): void {
  db.prepare("UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE family = ?").run(at, family);
}

export function revokeAllForUser(db: Db, userId: number, at: string): void {
  db.prepare("UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE user_id = ?").run(at, userId);
}
