// /api/deliveries: the organisation's numbered snapshots (latest, list, one by number), and for the huvudman the
// schedule settings, the rounds with their disclosure figures, and a manual run.
import { Router } from "express";
import { deliveryQuerySchema, deliverySettingsSchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { principalOf, requireOrgAccess, requireUser, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { runRound, type DeliveryDeps } from "../deliveries/round";
import { intParam, parseInput } from "../http/validate";
import { getDelivery, getDeliverySettings, listDeliveries, listRounds, setDeliverySettings } from "../stores/deliveries";
import { nextSlot } from "../scheduler/slots";

/** The organisation whose deliveries are asked for: the caller's own, or (huvudman, admin) `?org=`. */
export function deliveryOrg(p: Principal, query: unknown): string {
  const q = parseInput(deliveryQuerySchema, query);
  const org = q.org ?? p.org;
  requireOrgAccess(p, org);
  return org;
}

export function deliveriesRouter(ctx: AppContext, deps: DeliveryDeps): Router {
  const r = Router();
  r.get("/settings", (_req, res) => {
    requireUser(principalOf(res), "huvudman", "admin");
    const settings = getDeliverySettings(ctx.db);
    res.json({ ...settings, nextRun: nextSlot(ctx.clock.now(), settings)?.key ?? null });
  });
  r.put("/settings", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const settings = parseInput(deliverySettingsSchema, req.body);
    ctx.db.transaction(() => {
      setDeliverySettings(ctx.db, settings, p.auditId, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "delivery.settings", details: settings as unknown as Record<string, unknown> });
    })();
    res.json({ ...settings, nextRun: nextSlot(ctx.clock.now(), settings)?.key ?? null });
  });
  r.get("/rounds", (_req, res) => {
    requireUser(principalOf(res), "huvudman", "admin");
    res.json({ rounds: listRounds(ctx.db).map((x) => ({ ...x, summary: JSON.parse(x.summary) as unknown })) });
  });
  r.post("/run", async (_req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const now = ctx.clock.now();
    const outcome = await runRound(deps, `manual:${now.toISOString()}`, now);
    if (!outcome) throw new AppError(409, "conflict");
    res.status(201).json({ roundId: outcome.roundId, status: outcome.status, lastPeriod: outcome.lastPeriod, deliveries: outcome.deliveries, withheld: outcome.withheld, stats: outcome.round.stats });
  });
  r.get("/latest", (req, res) => {
    const org = deliveryOrg(principalOf(res), req.query);
    const d = getDelivery(ctx.db, org);
    if (!d) throw new AppError(404, "not-found", { message: "Ingen leverans har gjorts ännu." });
    res.json(d);
  });
  r.get("/", (req, res) => {
    const org = deliveryOrg(principalOf(res), req.query);
    res.json({ org, deliveries: listDeliveries(ctx.db, org) });
  });
  r.get("/:number", (req, res) => {
    const org = deliveryOrg(principalOf(res), req.query);
    const d = getDelivery(ctx.db, org, intParam(req.params.number));
    if (!d) throw new AppError(404, "not-found");
    res.json(d);
  });
  return r;
}
