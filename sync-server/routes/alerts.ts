// /api/alerts: the huvudman's alert table (indicator, area, ISO week, observed, upper bound, method, alarm).
// Subscribers never see it: they get marks on published cells only (alerts/marks.ts).
import { Router } from "express";
import { alertQuerySchema } from "../../shared/protocol/duplicates-api";
import { createAlertCache } from "../alerts/table";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";

export function alertsRouter(ctx: AppContext): Router {
  const r = Router();
  const cache = createAlertCache();
  r.get("/", (req, res) => {
    requireUser(principalOf(res), "huvudman");
    const q = parseInput(alertQuerySchema, req.query);
    const table = cache.get(ctx.db, ctx.clock.now());
    const alerts = table.alerts.filter(
      (a) =>
        (q.all === "1" || a.alarm) &&
        (q.indicator === undefined || a.indicator === q.indicator) &&
        (q.nyko === undefined || a.nyko === q.nyko) &&
        (q.level === undefined || a.level === q.level) &&
        (q.from === undefined || a.week >= q.from),
    );
    res.json({ alerts, computedAt: table.computedAt, minSigma: table.minSigma });
  });
  return r;
}
