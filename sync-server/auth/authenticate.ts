// Resolves the caller from `Authorization: Bearer <jwt | lb_…>` or `X-Api-Key: lb_…`.
import type { RequestHandler } from "express";
import { AppError } from "../../shared/protocol/errors";
import type { AppContext } from "../context";
import { getApiKeyRowByHash, touchApiKey } from "../stores/keys";
import { getUserRow } from "../stores/users";
import type { Principal } from "./principal";
import { sha256Hex } from "./secrets";
import { verifyAccessToken } from "./tokens";

export const API_KEY_PREFIX = "lb_";

function bearerOf(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new AppError(401, "token-invalid");
  return m[1];
}

export function resolvePrincipal(ctx: AppContext, authorization: string | undefined, apiKeyHeader: string | undefined): Principal {
  const bearer = bearerOf(authorization);
  const secret = apiKeyHeader ?? (bearer && bearer.startsWith(API_KEY_PREFIX) ? bearer : null);
  if (secret) {
    const row = getApiKeyRowByHash(ctx.db, sha256Hex(secret));
    // A key stops working with its revocation, and when the user who made it is disabled.
    if (!row || row.revoked_at || row.creator_disabled) throw new AppError(401, "token-invalid");
    touchApiKey(ctx.db, row.id, ctx.clock.now().toISOString());
    return { kind: "api-key", userId: null, username: null, role: "actor", org: row.org_id, auditId: `api-key:${row.prefix}` };
  }
  if (!bearer) throw new AppError(401, "unauthorized");
  const claims = verifyAccessToken(ctx.config, ctx.clock, bearer);
  const user = /^[0-9]+$/.test(claims.sub) ? getUserRow(ctx.db, Number(claims.sub)) : undefined;
  if (!user || user.disabled) throw new AppError(401, "token-invalid");
  // An earlier session version: the token was issued before a logout, a family revocation or a new password. It is
  // refused as expired, so a client renews through its refresh token, which decides (refused if that sign-in ended).
  if (user.session_version !== claims.sv) throw new AppError(401, "token-expired");
  // The database is the authority on role and organisation; a token issued before a change loses it.
  return { kind: "user", userId: user.id, username: user.username, role: user.role, org: user.org_id, auditId: `user:${user.id}` };
}

/** Middleware: every route after it needs a caller. */
export function authenticate(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const key = req.get("x-api-key");
    res.locals.principal = resolvePrincipal(ctx, req.get("authorization"), key);
    next();
  };
}
