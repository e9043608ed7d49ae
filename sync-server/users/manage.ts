// Users (admins only). Disabling a user or changing the password revokes the user's refresh tokens.
import type { Role, UserSummary } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { hashPassword } from "../auth/passwords";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getOrganisation } from "../stores/organisations";
import { revokeAllForUser } from "../stores/refresh";
import { getUserRow, getUserRowByName, insertUser, listUsers, toUser, updateUser } from "../stores/users";

export function allUsers(ctx: AppContext): { users: UserSummary[] } {
  return { users: listUsers(ctx.db) };
}

export function createUser(ctx: AppContext, p: Principal, u: { username: string; password: string; role: Role; org: string }): UserSummary {
  const hash = hashPassword(u.password);
  return inTransaction(ctx.db, () => {
    if (!getOrganisation(ctx.db, u.org)) throw new AppError(422, "validation-failed", { issues: [{ path: "org", code: "unknown-org", message: "Okänd organisation." }] });
    if (getUserRowByName(ctx.db, u.username)) throw new AppError(409, "conflict", { message: "Användarnamnet är upptaget." });
    const created = insertUser(ctx.db, { username: u.username, role: u.role, org: u.org, passwordHash: hash }, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "user.create", details: { user: created.id, role: created.role, org: created.org } });
    return created;
  });
}

export function changeUser(ctx: AppContext, p: Principal, id: number, change: { password?: string; role?: Role; disabled?: boolean }): UserSummary {
  const hash = change.password !== undefined ? hashPassword(change.password) : undefined;
  return inTransaction(ctx.db, () => {
    if (!getUserRow(ctx.db, id)) throw new AppError(404, "not-found");
    updateUser(ctx.db, id, { passwordHash: hash, role: change.role, disabled: change.disabled });
    if (hash !== undefined || change.disabled === true) revokeAllForUser(ctx.db, id, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "user.update", details: { user: id, fields: Object.keys(change) } });
    return toUser(getUserRow(ctx.db, id)!);
  });
}
