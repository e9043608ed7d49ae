// Who is calling: a signed-in user or an organisation's API key. Access rules are functions of this.
import type { Response } from "express";
import { AppError } from "../../shared/protocol/errors";
import type { PrincipalInfo, Role } from "../../shared/protocol/api";

export type Principal = PrincipalInfo & {
  /** Audit actor: `user:<id>` or `api-key:<prefix>`. */
  auditId: string;
};

export function principalOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw new AppError(401, "unauthorized");
  return p;
}

export function requireRole(p: Principal, ...roles: Role[]): void {
  if (!roles.includes(p.role)) throw new AppError(403, "forbidden");
}

/** Users only (not API keys), with one of the roles. */
export function requireUser(p: Principal, ...roles: Role[]): void {
  if (p.kind !== "user") throw new AppError(403, "forbidden");
  requireRole(p, ...roles);
}

/** An actor (or API key) may touch only its own organisation; huvudman and admin may touch any. */
export function requireOrgAccess(p: Principal, org: string): void {
  if (p.role === "actor" && p.org !== org) throw new AppError(403, "forbidden");
}
