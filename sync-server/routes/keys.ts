// /api/keys: an organisation's API keys. Admins for any organisation; an actor (signed in) for its own.
import { Router } from "express";
import { createApiKeySchema } from "../../shared/protocol/api";
import { principalOf, requireOrgAccess, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { intParam, parseInput } from "../http/validate";
import { createKey, revokeKey, visibleKeys } from "../keys/manage";

export function keysRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin", "actor");
    res.json(visibleKeys(ctx, p));
  });
  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin", "actor");
    const body = parseInput(createApiKeySchema, req.body);
    requireOrgAccess(p, body.org);
    res.status(201).json(createKey(ctx, p, body.org, body.name));
  });
  r.post("/:id/revoke", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin", "actor");
    res.json(revokeKey(ctx, p, intParam(req.params.id)));
  });
  return r;
}
