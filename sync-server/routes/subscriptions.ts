// /api/grants (the huvudman lets an organisation see indicators, area levels and period types) and
// /api/subscriptions (each organisation chooses among its grants).
import { Router } from "express";
import { deliveryQuerySchema, grantsRequestSchema, subscriptionsRequestSchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { principalOf, requireOrgAccess, requireUser, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { parseInput } from "../http/validate";
import { latestDefinition } from "../stores/indicators";
import { getOrganisation } from "../stores/organisations";
import { beyondGrants, listGrants, listSubscriptions, replaceGrants, writeSubscriptions, type AccessEntry } from "../stores/subscriptions";

/** The organisation a request is about: an actor's own; the huvudman's `?org=` (default: all or its own). */
function orgOf(p: Principal, requested: string | undefined): string | undefined {
  if (p.role === "actor") {
    if (requested !== undefined && requested !== p.org) throw new AppError(403, "forbidden");
    return p.org;
  }
  return requested;
}

function issues(messages: string[]) {
  return { issues: messages.map((message) => ({ path: "", code: "custom", message })) };
}

function checkEntries(ctx: AppContext, entries: readonly AccessEntry[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.indicator)) problems.push(`${e.indicator}: förekommer flera gånger.`);
    seen.add(e.indicator);
    const d = latestDefinition(ctx.db, e.indicator);
    if (!d) {
      problems.push(`${e.indicator}: indikatorn finns inte.`);
      continue;
    }
    for (const t of e.periodTypes) if (!d.definition.periodTypes.includes(t)) problems.push(`${e.indicator}: indikatorn har inte periodtypen ${t}.`);
  }
  if (problems.length > 0) throw new AppError(400, "validation-failed", issues(problems));
}

export function grantsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (req, res) => {
    const p = principalOf(res);
    const q = parseInput(deliveryQuerySchema, req.query);
    res.json({ entries: listGrants(ctx.db, orgOf(p, q.org)) });
  });
  r.put("/:org", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const org = req.params.org;
    if (!getOrganisation(ctx.db, org)) throw new AppError(404, "not-found");
    const body = parseInput(grantsRequestSchema, req.body);
    checkEntries(ctx, body.grants);
    inTransaction(ctx.db, () => {
      replaceGrants(ctx.db, org, body.grants, p.auditId, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "grants.replace", details: { org, indicators: body.grants.map((g) => g.indicator) } });
    });
    res.json({ entries: listGrants(ctx.db, org) });
  });
  return r;
}

export function subscriptionsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (req, res) => {
    const p = principalOf(res);
    const q = parseInput(deliveryQuerySchema, req.query);
    res.json({ entries: listSubscriptions(ctx.db, orgOf(p, q.org)) });
  });
  r.put("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "actor", "huvudman");
    const q = parseInput(deliveryQuerySchema, req.query);
    const org = orgOf(p, q.org) ?? p.org;
    requireOrgAccess(p, org);
    if (!getOrganisation(ctx.db, org)) throw new AppError(404, "not-found");
    const body = parseInput(subscriptionsRequestSchema, req.body);
    checkEntries(ctx, body.subscriptions);
    const beyond = beyondGrants(body.subscriptions, listGrants(ctx.db, org));
    if (beyond.length > 0) throw new AppError(403, "forbidden", issues(beyond));
    inTransaction(ctx.db, () => {
      writeSubscriptions(ctx.db, org, body.subscriptions, p.auditId, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "subscriptions.replace", details: { org, indicators: body.subscriptions.map((s) => s.indicator) } });
    });
    res.json({ entries: listSubscriptions(ctx.db, org) });
  });
  return r;
}
