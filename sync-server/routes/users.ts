// /api/users: admins only. Disabling a user or changing the password revokes the user's refresh tokens.
import { Router } from "express";
import { createUserSchema, updateUserSchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { hashPassword } from "../auth/passwords";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { intParam, parseInput } from "../http/validate";
import { getOrganisation } from "../stores/organisations";
import { revokeAllForUser } from "../stores/refresh";
import { getUserRow, getUserRowByName, insertUser, listUsers, toUser, updateUser } from "../stores/users";

export function usersRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    requireUser(principalOf(res), "admin");
    res.json({ users: listUsers(ctx.db) });
  });
  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const body = parseInput(createUserSchema, req.body);
    const hash = hashPassword(body.password);
    const user = inTransaction(ctx.db, () => {
      if (!getOrganisation(ctx.db, body.org)) throw new AppError(422, "validation-failed", { issues: [{ path: "org", code: "unknown-org", message: "Okänd organisation." }] });
      if (getUserRowByName(ctx.db, body.username)) throw new AppError(409, "conflict", { message: "Användarnamnet är upptaget." });
      const u = insertUser(ctx.db, { username: body.username, role: body.role, org: body.org, passwordHash: hash }, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "user.create", details: { user: u.id, role: u.role, org: u.org } });
      return u;
    });
    res.status(201).json(user);
  });
  r.patch("/:id", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const id = intParam(req.params.id);
    const body = parseInput(updateUserSchema, req.body);
    const hash = body.password !== undefined ? hashPassword(body.password) : undefined;
    const user = inTransaction(ctx.db, () => {
      if (!getUserRow(ctx.db, id)) throw new AppError(404, "not-found");
      updateUser(ctx.db, id, { passwordHash: hash, role: body.role, disabled: body.disabled });
      if (hash !== undefined || body.disabled === true) revokeAllForUser(ctx.db, id, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "user.update", details: { user: id, fields: Object.keys(body) } });
      return toUser(getUserRow(ctx.db, id)!);
    });
    res.json(user);
  });
  return r;
}
