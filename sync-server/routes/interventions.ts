// /api/interventions: the register of interventions (insatser). Everyone signed in reads it; a huvudman user
// changes any intervention, a partner's user those of its own organisation (interventions/register.ts decides);
// API keys and admin change nothing.
import { Router } from "express";
import { archiveInterventionSchema, interventionInputSchema, interventionUpdateSchema } from "../../shared/protocol/interventions";
import { principalOf, requireUser, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { intParam, parseInput } from "../http/validate";
import { interventionCells } from "../interventions/cells";
import {
  archiveIntervention,
  createIntervention,
  interventionHistory,
  interventionOf,
  interventionRegister,
  updateIntervention,
} from "../interventions/register";

/** A user who may register interventions at all (whose ones, the use case decides). */
function writer(res: Parameters<typeof principalOf>[0]): Principal {
  const p = principalOf(res);
  requireUser(p, "huvudman", "actor");
  return p;
}

export function interventionsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    principalOf(res);
    res.json(interventionRegister(ctx));
  });
  r.post("/", (req, res) => {
    const p = writer(res);
    res.status(201).json(createIntervention(ctx, p, parseInput(interventionInputSchema, req.body)));
  });
  r.get("/:id", (req, res) => {
    principalOf(res);
    res.json(interventionOf(ctx, intParam(req.params.id)));
  });
  r.get("/:id/versions", (req, res) => {
    principalOf(res);
    res.json(interventionHistory(ctx, intParam(req.params.id)));
  });
  r.get("/:id/cells", (req, res) => {
    res.json(interventionCells(ctx, principalOf(res), intParam(req.params.id)));
  });
  r.put("/:id", (req, res) => {
    const p = writer(res);
    const body = parseInput(interventionUpdateSchema, req.body);
    res.json(updateIntervention(ctx, p, intParam(req.params.id), body.baseVersion, body.intervention));
  });
  r.post("/:id/archive", (req, res) => {
    const p = writer(res);
    res.json(archiveIntervention(ctx, p, intParam(req.params.id), parseInput(archiveInterventionSchema, req.body).baseVersion));
  });
  return r;
}
