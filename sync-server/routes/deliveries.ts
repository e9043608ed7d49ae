// /api/deliveries: the organisation's numbered snapshots (latest, list, one by number), and for the huvudman the
// schedule settings, the rounds with their disclosure figures, and a manual run.
import { Router } from "express";
import { deliveryQuerySchema, deliverySettingsSchema } from "../../shared/protocol/api";
import { principalOf, requireOrgAccess, requireUnsuppressedReader, requireUser, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import type { DeliveryDeps } from "../deliveries/round";
import { runStatus } from "../deliveries/run-status";
import { deliverySettings, updateDeliverySettings } from "../deliveries/settings";
import { uncertaintySettings, updateUncertaintySettings } from "../deliveries/uncertainty-settings";
import { uncertaintySettingsSchema } from "../../shared/protocol/uncertainty-api";
import { deliveriesOf, deliveryOf, roundsList, runManualRound } from "../deliveries/snapshots";
import { intParam, parseInput } from "../http/validate";

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
    res.json(deliverySettings(ctx));
  });
  r.put("/settings", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    res.json(updateDeliverySettings(ctx, p, parseInput(deliverySettingsSchema, req.body)));
  });
  r.get("/uncertainty", (_req, res) => {
    requireUser(principalOf(res), "huvudman", "admin");
    res.json(uncertaintySettings(ctx));
  });
  r.put("/uncertainty", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    res.json(updateUncertaintySettings(ctx, p, parseInput(uncertaintySettingsSchema, req.body)));
  });
  r.get("/rounds", (_req, res) => {
    requireUser(principalOf(res), "huvudman", "admin");
    res.json(roundsList(ctx));
  });
  r.post("/run", async (_req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.status(201).json(await runManualRound(ctx, deps));
  });
  r.get("/run/status", (_req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(runStatus(deps));
  });
  r.get("/latest", (req, res) => {
    const p = principalOf(res);
    const d = deliveryOf(ctx, deliveryOrg(p, req.query));
    requireUnsuppressedReader(p, d);
    res.json(d);
  });
  r.get("/", (req, res) => {
    res.json(deliveriesOf(ctx, deliveryOrg(principalOf(res), req.query)));
  });
  r.get("/:number", (req, res) => {
    const p = principalOf(res);
    const d = deliveryOf(ctx, deliveryOrg(p, req.query), intParam(req.params.number));
    requireUnsuppressedReader(p, d);
    res.json(d);
  });
  return r;
}
