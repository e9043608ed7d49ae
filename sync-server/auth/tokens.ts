// Access tokens: HS256 JWTs, algorithm pinned, issuer and audience checked, an `exp` required, at most an hour.
// `sv` is the user's session version when the token was issued; the caller compares it with the database.
import jwt from "jsonwebtoken";
import { AppError } from "../../shared/protocol/errors";
import type { Clock } from "../clock";
import type { Config } from "../config";

export interface AccessClaims {
  sub: string;
  role: string;
  org: string;
  /** Session version of the user at issue. */
  sv: number;
}

export function signAccessToken(config: Config, clock: Clock, claims: AccessClaims): { token: string; expiresIn: number } {
  const expiresIn = Math.min(3600, config.accessTokenSeconds);
  const iat = Math.floor(clock.now().getTime() / 1000);
  const token = jwt.sign({ role: claims.role, org: claims.org, sv: claims.sv, iat }, config.jwtSecret, {
    algorithm: "HS256",
    expiresIn,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    subject: claims.sub,
  });
  return { token, expiresIn };
}

/** Verifies and returns the claims; throws 401 `token-expired` or `token-invalid`. */
export function verifyAccessToken(config: Config, clock: Clock, token: string): AccessClaims {
  try {
    const payload = jwt.verify(token, config.jwtSecret, {
      algorithms: ["HS256"],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      clockTimestamp: Math.floor(clock.now().getTime() / 1000),
      maxAge: 3600,
    });
    if (typeof payload !== "object" || typeof payload.sub !== "string" || typeof payload.role !== "string" || typeof payload.org !== "string")
      throw new AppError(401, "token-invalid");
    // A token without an expiry, or one that claims to live longer than an hour, is not one of ours.
    if (typeof payload.exp !== "number" || typeof payload.iat !== "number" || payload.exp - payload.iat > 3600) throw new AppError(401, "token-invalid");
    // Tokens from before session versions existed belong to version 0, the version every user started at.
    const sv: unknown = payload.sv ?? 0;
    if (typeof sv !== "number" || !Number.isInteger(sv) || sv < 0) throw new AppError(401, "token-invalid");
    return { sub: payload.sub, role: payload.role, org: payload.org, sv };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof jwt.TokenExpiredError) throw new AppError(401, "token-expired");
    throw new AppError(401, "token-invalid");
  }
}
