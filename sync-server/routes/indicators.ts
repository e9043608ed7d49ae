// /api/indicators: versioned definitions (every change is a new version), the publication grain and its suggestion.
import { Router } from "express";
import { postIndicatorSchema, setGrainSchema } from "../../shared/protocol/api";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import type { DeliveryDeps } from "../deliveries/round";
import { parseInput } from "../http/validate";
import { defineIndicator, grainSuggestion, indicatorWithVersions, listIndicators, setIndicatorGrain } from "../indicators/definitions";

export function indicatorsRouter(ctx: AppContext, deps: DeliveryDeps): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    res.json(listIndicators(ctx));
  });
  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(postIndicatorSchema, req.body);
    res.status(201).json(defineIndicator(ctx, p, body.definition));
  });
  r.get("/:id", (req, res) => {
    res.json(indicatorWithVersions(ctx, req.params.id));
  });
  r.put("/:id/grain", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const grain = parseInput(setGrainSchema, req.body);
    res.json(setIndicatorGrain(ctx, p, req.params.id, grain));
  });
  r.get("/:id/grain-suggestion", (req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(grainSuggestion(ctx, deps, req.params.id));
  });
  return r;
}
