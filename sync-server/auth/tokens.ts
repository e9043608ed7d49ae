// Access tokens: HS256 JWTs, algorithm pinned, issuer and audience checked, at most an hour.
import jwt from "jsonwebtoken";
import { AppError } from "../../shared/protocol/errors";
import type { Clock } from "../clock";
import type { Config } from "../config";

export interface AccessClaims {
  sub: string;
  role: string;
  org: string;
}

export function signAccessToken(config: Config, clock: Clock, claims: AccessClaims): { token: string; expiresIn: number } {
  const expiresIn = Math.min(3600, config.accessTokenSeconds);
  const iat = Math.floor(clock.now().getTime() / 1000);
  const token = jwt.sign({ role: claims.role, org: claims.org, iat }, config.jwtSecret, {
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
    return { sub: payload.sub, role: payload.role, org: payload.org };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof jwt.TokenExpiredError) throw new AppError(401, "token-expired");
    throw new AppError(401, "token-invalid");
  }
}
