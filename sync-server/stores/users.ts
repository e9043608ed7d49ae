// Users: raw rows and their domain form. The password hash never leaves this module's callers in auth/.
import type { Db } from "../db/database";
import type { Role, UserSummary } from "../../shared/protocol/api";

export interface UserRow {
  id: number;
  username: string;
  role: Role;
  org_id: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  session_version: number;
}

export function toUser(r: UserRow): UserSummary {
  return { id: r.id, username: r.username, role: r.role, org: r.org_id, disabled: r.disabled === 1 };
}

export function getUserRowByName(db: Db, username: string): UserRow | undefined {
  return db.prepare("SELECT * FROM users WHERE username = ?").get(username) as UserRow | undefined;
}

export function getUserRow(db: Db, id: number): UserRow | undefined {
  return db.prepare("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
}

export function listUsers(db: Db): UserSummary[] {
  return (db.prepare("SELECT * FROM users ORDER BY id").all() as UserRow[]).map(toUser);
}

export function insertUser(db: Db, u: { username: string; role: Role; org: string; passwordHash: string }, at: string): UserSummary {
  const info = db
    .prepare("INSERT INTO users (username, role, org_id, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)")
    .run(u.username, u.role, u.org, u.passwordHash, at);
  return toUser(getUserRow(db, Number(info.lastInsertRowid))!);
}

/** A new password or disabling the user also ends every session: access tokens issued before stop working. */
export function updateUser(db: Db, id: number, patch: { passwordHash?: string; role?: Role; disabled?: boolean }): void {
  if (patch.passwordHash !== undefined) db.prepare("UPDATE users SET password_hash = ? WHERE id = ?").run(patch.passwordHash, id);
  if (patch.role !== undefined) db.prepare("UPDATE users SET role = ? WHERE id = ?").run(patch.role, id);
  if (patch.disabled !== undefined) db.prepare("UPDATE users SET disabled = ? WHERE id = ?").run(patch.disabled ? 1 : 0, id);
  if (patch.passwordHash !== undefined || patch.disabled === true) endSessions(db, id);
}

/** Raises the user's session version: every access token issued before is refused from the next request on. */
export function endSessions(db: Db, id: number): void {
  db.prepare("UPDATE users SET session_version = session_version + 1 WHERE id = ?").run(id);
}
