// /api/completeness: the huvudman's view of who has submitted which periods, and who is late.
import { Router } from "express";
import { completenessQuerySchema } from "../../shared/protocol/api";
import { principalOf, requireUser } from "../auth/principal";
import { completenessReport } from "../completeness/completeness";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";

export function completenessRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(completenessReport(ctx, parseInput(completenessQuerySchema, req.query)));
  });
  return r;
}
