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
import { lockMessage, type LoginThrottle } from "./throttle";
import { signAccessToken } from "./tokens";

function issuePair(ctx: AppContext, user: UserRow, family: string, device: string): TokenPair {
  const refreshToken = `lbr_${randomToken()}`;
  insertRefresh(ctx.db, { hash: sha256Hex(refreshToken), family, userId: user.id, device }, ctx.clock.now().toISOString());
  const { token, expiresIn } = signAccessToken(ctx.config, ctx.clock, { sub: String(user.id), role: user.role, org: user.org_id, sv: user.session_version });
  return { accessToken: token, expiresIn, refreshToken, user: toUser(user) };
}

/** Who is trying to sign in, for throttling: the server's throttle and the client's address. */
export interface LoginGuard {
  throttle: LoginThrottle;
  address: string;
}

export async function login(ctx: AppContext, username: string, password: string, device: string, guard?: LoginGuard): Promise<TokenPair> {
  const now = ctx.clock.now().getTime();
  const wait = guard ? guard.throttle.retryAfterSeconds(username, guard.address, now) : 0;
  if (wait > 0) throw new AppError(429, "rate-limited", { message: lockMessage(wait), retryAfterSeconds: wait });
  const matches = await verifyPassword(password, getUserRowByName(ctx.db, username)?.password_hash ?? DUMMY_HASH);
  // Read the account after the (asynchronous) check, so a user disabled meanwhile is refused.
  const user = getUserRowByName(ctx.db, username);
  const ok = matches && !!user && user.disabled === 0;
  if (!ok || !user) {
    const counted = guard ? guard.throttle.fail(username, guard.address, now) : { auditFailure: true, accountLocked: false, addressLocked: false };
    const actor = user ? `user:${user.id}` : "anonymous";
    if (counted.auditFailure || counted.accountLocked || counted.addressLocked)
      inTransaction(ctx.db, () => {
        // The first failure of a streak, and one entry per lockout: never one row per attempt.
        if (counted.auditFailure)
          appendAudit(ctx.db, ctx.clock, { actor, action: "login-failed", details: { reason: user ? (user.disabled ? "disabled" : "password") : "unknown-user" } });
        if (counted.accountLocked) appendAudit(ctx.db, ctx.clock, { actor, action: "login.locked", details: { scope: "account" } });
        if (counted.addressLocked) appendAudit(ctx.db, ctx.clock, { actor: "anonymous", action: "login.locked", details: { scope: "address" } });
      });
    throw new AppError(401, "invalid-credentials");
  }
  guard?.throttle.succeed(username);
  return inTransaction(ctx.db, () => {
    // The audit trail names the session (the refresh-token family), never the device label: that is the user's free
    // text, kept only with the refresh token.
    const session = randomUUID();
    appendAudit(ctx.db, ctx.clock, { actor: `user:${user.id}`, action: "login", details: { session } });
    return issuePair(ctx, user, session, device);
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
      appendAudit(ctx.db, ctx.clock, { actor: `user:${row.user_id}`, action: "refresh-reused", details: { session: row.family } });
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
    appendAudit(ctx.db, ctx.clock, { actor: `user:${row.user_id}`, action: "logout", details: { session: row.family } });
  });
}
