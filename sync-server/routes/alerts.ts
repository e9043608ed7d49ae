// /api/alerts: the huvudman's alert table (indicator, area, ISO week, observed, upper bound, method, alarm).
// Subscribers never see it: they get marks on published cells only (alerts/marks.ts).
import { Router } from "express";
import { alertQuerySchema } from "../../shared/protocol/duplicates-api";
import { alertsFor } from "../alerts/query";
import { createAlertCache } from "../alerts/background";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";
import type { JobRunner } from "../jobs/runner";

export function alertsRouter(ctx: AppContext, jobs: JobRunner): Router {
  const r = Router();
  const cache = createAlertCache({ jobs });
  r.get("/", async (req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(await alertsFor(ctx, cache, parseInput(alertQuerySchema, req.query)));
  });
  return r;
}
