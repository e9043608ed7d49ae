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

/**
 * Who may read unsuppressed figures and de-identified rows of other organisations: a huvudman *user* only, never an
 * API key (a key acts as an actor whatever its organisation) and never admin. Admin administers configuration
 * (organisations, users, keys, templates, registers, schedules, the audit trail) and reads no data: neither
 * rows, nor the huvudman's unsuppressed deliveries.
 */
export function mayReadUnsuppressed(p: Principal): boolean {
  return p.kind === "user" && p.role === "huvudman";
}

/** Refuses an unsuppressed delivery (the huvudman's own, "EJ FÖR SPRIDNING") to everyone but a huvudman user. */
export function requireUnsuppressedReader(p: Principal, delivery: { unsuppressed: boolean }): void {
  if (delivery.unsuppressed && !mayReadUnsuppressed(p))
    throw new AppError(403, "forbidden", { message: "Huvudmannens vy utan röjandekontroll kan bara läsas av en huvudmansanvändare." });
}
