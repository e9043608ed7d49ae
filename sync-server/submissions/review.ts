// The huvudman's decision: approve (locks; the approved half-months supersede earlier ones) or return with a comment.
import type { Submission } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getSubmission, getSubmissionRow, resolveSupersession, setReview } from "../stores/submissions";

export function reviewSubmission(ctx: AppContext, p: Principal, id: string, decision: "approved" | "returned", comment: string | null): Submission {
  return inTransaction(ctx.db, () => {
    const row = getSubmissionRow(ctx.db, id);
    if (!row) throw new AppError(404, "not-found");
    if (row.status !== "pending")
      throw new AppError(409, "submission-locked", { status: row.status, message: `Inskicket är redan ${row.status === "returned" ? "returnerat" : "godkänt"} och kan inte ändras.` });
    setReview(ctx.db, id, decision, p.auditId, ctx.clock.now().toISOString(), comment);
    if (decision === "approved") {
      const periods = (ctx.db.prepare("SELECT period FROM submission_periods WHERE submission_id = ?").all(id) as { period: string }[]).map((r) => r.period);
      resolveSupersession(ctx.db, row.org_id, row.template_id, periods);
    }
    appendAudit(ctx.db, ctx.clock, {
      actor: p.auditId, action: decision === "approved" ? "review.approve" : "review.return",
      details: { submission: id, org: row.org_id, templateId: row.template_id, hasComment: comment !== null },
    });
    return getSubmission(ctx.db, id)!;
  });
}
