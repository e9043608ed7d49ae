// /api/grants (the huvudman lets an organisation see indicators, area levels and period types) and
// /api/subscriptions (each organisation chooses among its grants).
import { Router } from "express";
import { deliveryQuerySchema, grantsRequestSchema, subscriptionsRequestSchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { principalOf, requireOrgAccess, requireUser, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";
import { grantsOf, replaceOrganisationGrants, replaceOrganisationSubscriptions, subscriptionsOf } from "../subscriptions/access";

/** The organisation a request is about: an actor's own; the huvudman's `?org=` (default: all or its own). */
function orgOf(p: Principal, requested: string | undefined): string | undefined {
  if (p.role === "actor") {
    if (requested !== undefined && requested !== p.org) throw new AppError(403, "forbidden");
    return p.org;
  }
  return requested;
}

export function grantsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (req, res) => {
    const p = principalOf(res);
    const q = parseInput(deliveryQuerySchema, req.query);
    res.json(grantsOf(ctx, orgOf(p, q.org)));
  });
  r.put("/:org", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(grantsRequestSchema, req.body);
    res.json(replaceOrganisationGrants(ctx, p, req.params.org, body.grants));
  });
  return r;
}

export function subscriptionsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (req, res) => {
    const p = principalOf(res);
    const q = parseInput(deliveryQuerySchema, req.query);
    res.json(subscriptionsOf(ctx, orgOf(p, q.org)));
  });
  r.put("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "actor", "huvudman");
    const q = parseInput(deliveryQuerySchema, req.query);
    const org = orgOf(p, q.org) ?? p.org;
    requireOrgAccess(p, org);
    const body = parseInput(subscriptionsRequestSchema, req.body);
    res.json(replaceOrganisationSubscriptions(ctx, p, org, body.subscriptions));
  });
  return r;
}
