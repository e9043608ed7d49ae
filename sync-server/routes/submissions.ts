// /api/submissions: actors submit and read their own organisation's submissions; huvudman and admin read all.
import { Router } from "express";
import { recordsQuerySchema, submissionListQuerySchema } from "../../shared/protocol/api";
import { principalOf } from "../auth/principal";
import type { AppContext } from "../context";
import { turnTaker } from "../jobs/turns";
import { parseInput } from "../http/validate";
import { submissionRecords, visibleSubmission, visibleSubmissions } from "../submissions/read";
import { prepareSubmission } from "../submissions/prepare";
import { assertMaySubmit, storeChecked } from "../submissions/submit";

export function submissionsRouter(ctx: AppContext): Router {
  const r = Router();
  const takeTurn = turnTaker();
  // The body arrives unparsed (app.ts): parsing and checking it run in a worker thread (submissions/prepare.ts).
  r.post("/", async (req, res) => {
    const p = principalOf(res);
    assertMaySubmit(p);
    const checked = await prepareSubmission(ctx, p.org, req.body);
    // Each checked submission is stored in a turn of its own, so a burst of them does not hold up other requests.
    const out = await takeTurn(() => storeChecked(ctx, p, checked));
    res.status(out.httpStatus).json(out.body);
    // Clean-up of a replayed upload (the rows written again) runs once the answer is out, in a turn of its own.
    if (out.afterwards) void takeTurn(out.afterwards).catch((err: unknown) => ctx.logger.error({ err }, "a replayed upload's rows not removed"));
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
