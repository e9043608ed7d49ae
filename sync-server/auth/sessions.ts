// Sign-in, refresh-token rotation and sign-out. A reused (already rotated) refresh token revokes its whole family.
// Sign-out and family revocation also end the user's access tokens at once (the session version rises); other
// devices of the user keep their refresh tokens and get a fresh access token on their next refresh.
import { randomUUID } from "node:crypto";
import { AppError } from "../../shared/protocol/errors";
import type { TokenPair } from "../../shared/protocol/api";
import { appendAudit } from "../audit/log";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getRefreshRow, insertRefresh, revokeFamily, revokeRefresh } from "../stores/refresh";
import { endSessions, getUserRow, getUserRowByName, toUser, type UserRow } from "../stores/users";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { randomToken, sha256Hex } from "./secrets";
import { signAccessToken } from "./tokens";

function issuePair(ctx: AppContext, user: UserRow, family: string, device: string): TokenPair {
  const refreshToken = `lbr_${randomToken()}`;
  insertRefresh(ctx.db, { hash: sha256Hex(refreshToken), family, userId: user.id, device }, ctx.clock.now().toISOString());
  const { token, expiresIn } = signAccessToken(ctx.config, ctx.clock, { sub: String(user.id), role: user.role, org: user.org_id, sv: user.session_version });
  return { accessToken: token, expiresIn, refreshToken, user: toUser(user) };
}

export function login(ctx: AppContext, username: string, password: string, device: string): TokenPair {
  const user = getUserRowByName(ctx.db, username);
  const ok = verifyPassword(password, user?.password_hash ?? DUMMY_HASH) && !!user && user.disabled === 0;
  if (!ok || !user) {
    inTransaction(ctx.db, () =>
      appendAudit(ctx.db, ctx.clock, { actor: user ? `user:${user.id}` : "anonymous", action: "login-failed", details: { reason: user ? (user.disabled ? "disabled" : "password") : "unknown-user" } }),
    );
    throw new AppError(401, "invalid-credentials");
  }
  return inTransaction(ctx.db, () => {
    appendAudit(ctx.db, ctx.clock, { actor: `user:${user.id}`, action: "login", details: { device } });
    return issuePair(ctx, user, randomUUID(), device);
  });
}

export function refresh(ctx: AppContext, refreshToken: string): TokenPair {
  const now = ctx.clock.now();
  const result = inTransaction(ctx.db, (): TokenPair | AppError => {
    const row = getRefreshRow(ctx.db, sha256Hex(refreshToken));
    if (!row) return new AppError(401, "token-invalid");
    if (row.revoked_at) {
      revokeFamily(ctx.db, row.family, now.toISOString());
      endSessions(ctx.db, row.user_id);
      appendAudit(ctx.db, ctx.clock, { actor: `user:${row.user_id}`, action: "refresh-reused", details: { device: row.device } });
      return new AppError(401, "token-invalid");
    }
    const idleMs = now.getTime() - new Date(row.last_used).getTime();
    if (idleMs > ctx.config.refreshIdleDays * 86_400_000) {
      revokeRefresh(ctx.db, row.id, now.toISOString());
      return new AppError(401, "token-expired");
    }
    const user = getUserRow(ctx.db, row.user_id);
    if (!user || user.disabled) return new AppError(401, "token-invalid");
    revokeRefresh(ctx.db, row.id, now.toISOString());
    return issuePair(ctx, user, row.family, row.device);
  });
  if (result instanceof AppError) throw result;
  return result;
}

export function logout(ctx: AppContext, refreshToken: string): void {
  inTransaction(ctx.db, () => {
    const row = getRefreshRow(ctx.db, sha256Hex(refreshToken));
    if (!row) return;
    revokeFamily(ctx.db, row.family, ctx.clock.now().toISOString());
    endSessions(ctx.db, row.user_id);
    appendAudit(ctx.db, ctx.clock, { actor: `user:${row.user_id}`, action: "logout", details: { device: row.device } });
  });
}
