// /api/organisations: admins manage; huvudman sees all; an actor sees its own.
import { Router } from "express";
import { createOrganisationSchema, updateOrganisationSchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { parseInput } from "../http/validate";
import { getOrganisation, insertOrganisation, listOrganisations, updateOrganisation } from "../stores/organisations";

export function organisationsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    const p = principalOf(res);
    const all = listOrganisations(ctx.db);
    res.json({ organisations: p.role === "actor" ? all.filter((o) => o.id === p.org) : all });
  });
  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const body = parseInput(createOrganisationSchema, req.body);
    const org = inTransaction(ctx.db, () => {
      if (getOrganisation(ctx.db, body.id)) throw new AppError(409, "conflict", { message: `Organisationen ${body.id} finns redan.` });
      insertOrganisation(ctx.db, body, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "organisation.create", details: { org: body.id, kind: body.kind } });
      return getOrganisation(ctx.db, body.id)!;
    });
    res.status(201).json(org);
  });
  r.patch("/:org", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const body = parseInput(updateOrganisationSchema, req.body);
    const org = inTransaction(ctx.db, () => {
      if (!getOrganisation(ctx.db, req.params.org)) throw new AppError(404, "not-found");
      updateOrganisation(ctx.db, req.params.org, body);
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "organisation.update", details: { org: req.params.org, fields: Object.keys(body) } });
      return getOrganisation(ctx.db, req.params.org)!;
    });
    res.json(org);
  });
  return r;
}
