// /api/review: the huvudman's queue and decisions.
import { Router } from "express";
import { approveRequestSchema, returnRequestSchema, submissionListQuerySchema } from "../../shared/protocol/api";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";
import { listSubmissions } from "../stores/submissions";
import { reviewSubmission } from "../submissions/review";
import { matchAfterApproval } from "../dedup/on-approval";
import { visibleSubmission } from "./submissions";

export function reviewRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/submissions", (req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(listSubmissions(ctx.db, parseInput(submissionListQuerySchema, req.query)));
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
    const approved = reviewSubmission(ctx, p, req.params.id, "approved", body.comment ?? null);
    matchAfterApproval(ctx, approved.id, approved.org);
    res.json(approved);
  });
  r.post("/submissions/:id/return", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(returnRequestSchema, req.body);
    res.json(reviewSubmission(ctx, p, req.params.id, "returned", body.comment));
  });
  return r;
}
