// /api/keys: an organisation's API keys. Admins for any organisation; an actor (signed in) for its own.
import { Router } from "express";
import { createApiKeySchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { createApiKey } from "../auth/apikeys";
import { principalOf, requireOrgAccess, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { intParam, parseInput } from "../http/validate";
import { getApiKeyRow, listApiKeys, revokeApiKey, toApiKey } from "../stores/keys";
import { getOrganisation } from "../stores/organisations";

export function keysRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin", "actor");
    res.json({ keys: listApiKeys(ctx.db, p.role === "admin" ? undefined : p.org) });
  });
  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin", "actor");
    const body = parseInput(createApiKeySchema, req.body);
    requireOrgAccess(p, body.org);
    const created = inTransaction(ctx.db, () => {
      if (!getOrganisation(ctx.db, body.org)) throw new AppError(404, "not-found");
      const k = createApiKey(ctx.db, body.org, body.name, p.auditId, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "key.create", details: { key: k.row.prefix, org: body.org } });
      return k;
    });
    res.status(201).json({ ...toApiKey(created.row), key: created.key });
  });
  r.post("/:id/revoke", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin", "actor");
    const id = intParam(req.params.id);
    const key = inTransaction(ctx.db, () => {
      const row = getApiKeyRow(ctx.db, id);
      if (!row || (p.role === "actor" && row.org_id !== p.org)) throw new AppError(404, "not-found");
      revokeApiKey(ctx.db, id, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "key.revoke", details: { key: row.prefix, org: row.org_id } });
      return toApiKey(getApiKeyRow(ctx.db, id)!);
    });
    res.json(key);
  });
  return r;
}
