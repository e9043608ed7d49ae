// /api/reports: the huvudman's yearly analysis inputs (published cells of the year and the year before, the newest
// round's reporting, the areas, an area map per indicator). Huvudman users only, like the alert table it is read with.
import { Router } from "express";
import { yearQuerySchema } from "../../shared/protocol/year-report";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";
import { yearReportInputs } from "../reports/year-inputs";

export function reportsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/year", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    res.json(yearReportInputs(ctx, p, Number(parseInput(yearQuerySchema, req.query).year)));
  });
  return r;
}
