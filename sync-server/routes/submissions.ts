// /api/submissions: actors submit and read their own organisation's submissions; huvudman and admin read all.
import { Router } from "express";
import { recordsQuerySchema, submissionListQuerySchema, submitRequestSchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { principalOf, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { parseInput } from "../http/validate";
import { getSubmission, listRecords, listSubmissions } from "../stores/submissions";
import { submit } from "../submissions/submit";

/** A submission the caller may see; another organisation's is reported as absent. */
export function visibleSubmission(ctx: AppContext, p: Principal, id: string) {
  const s = getSubmission(ctx.db, id);
  if (!s || (p.role === "actor" && s.org !== p.org)) throw new AppError(404, "not-found");
  return s;
}

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
    const q = parseInput(submissionListQuerySchema, req.query);
    if (p.role === "actor" && q.org && q.org !== p.org) throw new AppError(403, "forbidden");
    res.json(listSubmissions(ctx.db, p.role === "actor" ? { ...q, org: p.org } : q));
  });
  r.get("/:id", (req, res) => {
    res.json(visibleSubmission(ctx, principalOf(res), req.params.id));
  });
  r.get("/:id/records", (req, res) => {
    const p = principalOf(res);
    const s = visibleSubmission(ctx, p, req.params.id);
    const q = parseInput(recordsQuerySchema, req.query);
    const page = listRecords(ctx.db, s.id, q.offset, q.limit);
    inTransaction(ctx.db, () =>
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "export.submission-records", details: { submission: s.id, offset: q.offset, rows: page.records.length } }),
    );
    res.json({ total: page.total, offset: q.offset, records: page.records });
  });
  return r;
}
