// /api/review: the huvudman's queue and decisions.
import { Router } from "express";
import { approveRequestSchema, returnRequestSchema, submissionListQuerySchema } from "../../shared/protocol/api";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";
import { visibleSubmission, visibleSubmissions } from "../submissions/read";
import { approveSubmission, returnSubmission } from "../submissions/review";

export function reviewRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/submissions", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    res.json(visibleSubmissions(ctx, p, parseInput(submissionListQuerySchema, req.query)));
  });
  r.get("/submissions/:id", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    res.json(visibleSubmission(ctx, p, req.params.id));
  });
  r.post("/submissions/:id/approve", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(approveRequestSchema, req.body ?? {});
    res.json(approveSubmission(ctx, p, req.params.id, { comment: body.comment ?? null, replaceApproved: body.replaceApproved === true }));
  });
  r.post("/submissions/:id/return", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(returnRequestSchema, req.body);
    res.json(returnSubmission(ctx, p, req.params.id, body.comment));
  });
  return r;
}
