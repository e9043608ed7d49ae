// /api/duplicates: the huvudman's view of probable duplicates (double reporting) and the decisions on them.
import { Router } from "express";
import { duplicateListQuerySchema, overruleRequestSchema, restoreRequestSchema } from "../../shared/protocol/duplicates-api";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { coverageOfDuplicates } from "../dedup/coverage";
import { duplicatesList, overruleDuplicate, restoreDuplicate } from "../dedup/decide";
import { intParam, parseInput } from "../http/validate";

export function duplicatesRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(duplicatesList(ctx, parseInput(duplicateListQuerySchema, req.query)));
  });
  r.get("/coverage", (_req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(coverageOfDuplicates(ctx));
  });
  r.post("/:id/overrule", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(overruleRequestSchema, req.body ?? {});
    res.json(overruleDuplicate(ctx, p, intParam(req.params.id), body.comment));
  });
  r.post("/:id/restore", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(restoreRequestSchema, req.body ?? {});
    res.json(restoreDuplicate(ctx, p, intParam(req.params.id), body.comment ?? null));
  });
  return r;
}
