// /api/reporting: how far each partner has reported; the huvudman closes or reopens half-months for a partner, and
// sets who reports weekly.
import { Router } from "express";
import { reportingCloseRequestSchema, reportingRhythmRequestSchema } from "../../shared/protocol/reporting-api";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";
import { closeReporting, reopenReporting, reportingView } from "../reporting/closures";
import { changeReportingRhythm, reportingRhythms } from "../reporting/rhythm";

export function reportingRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(reportingView(ctx));
  });
  r.post("/close", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    res.json(closeReporting(ctx, p, parseInput(reportingCloseRequestSchema, req.body)));
  });
  r.post("/reopen", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    res.json(reopenReporting(ctx, p, parseInput(reportingCloseRequestSchema, req.body)));
  });
  r.get("/rhythms", (_req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(reportingRhythms(ctx));
  });
  r.put("/rhythm", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    res.json(changeReportingRhythm(ctx, p, parseInput(reportingRhythmRequestSchema, req.body)));
  });
  return r;
}
