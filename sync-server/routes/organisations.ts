// /api/organisations: admins manage; huvudman sees all; an actor sees its own.
import { Router } from "express";
import { createOrganisationSchema, updateOrganisationSchema } from "../../shared/protocol/api";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";
import { changeOrganisation, createOrganisation, visibleOrganisations } from "../organisations/manage";

export function organisationsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    res.json(visibleOrganisations(ctx, principalOf(res)));
  });
  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    res.status(201).json(createOrganisation(ctx, p, parseInput(createOrganisationSchema, req.body)));
  });
  r.patch("/:org", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    res.json(changeOrganisation(ctx, p, req.params.org, parseInput(updateOrganisationSchema, req.body)));
  });
  return r;
}
