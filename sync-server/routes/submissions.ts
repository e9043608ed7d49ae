// /api/submissions: actors submit and read their own organisation's submissions; huvudman and admin read all.
import { Router } from "express";
import { recordsQuerySchema, submissionListQuerySchema, submitRequestSchema } from "../../shared/protocol/api";
import { principalOf } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";
import { submissionRecords, visibleSubmission, visibleSubmissions } from "../submissions/read";
import { submit } from "../submissions/submit";

export function submissionsRouter(ctx: AppContext): Router {
  const r = Router();
  r.post("/", (req, res) => {
    const p = principalOf(res);
    const body = parseInput(submitRequestSchema, req.body);
    const out = submit(ctx, p, body);
    res.status(out.httpStatus).json(out.body);
  });
  r.get("/", (req, res) => {
    const p = principalOf(res);
    res.json(visibleSubmissions(ctx, p, parseInput(submissionListQuerySchema, req.query)));
  });
  r.get("/:id", (req, res) => {
    res.json(visibleSubmission(ctx, principalOf(res), req.params.id));
  });
  r.get("/:id/records", (req, res) => {
    const p = principalOf(res);
    const q = parseInput(recordsQuerySchema, req.query);
    res.json(submissionRecords(ctx, p, req.params.id, q));
  });
  return r;
}
