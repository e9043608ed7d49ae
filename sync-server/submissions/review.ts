// The huvudman's decision: approve (locks; the approved half-months supersede earlier ones, then the submission's
// records are matched against other organisations' for double reporting) or return with a comment.
import type { Submission } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { matchAfterApproval } from "../dedup/on-approval";
import { getSubmission, getSubmissionRow, resolveSupersession, setReview, submissionHalfMonths } from "../stores/submissions";

function decide(ctx: AppContext, p: Principal, id: string, decision: "approved" | "returned", comment: string | null): Submission {
  return inTransaction(ctx.db, () => {
    const row = getSubmissionRow(ctx.db, id);
    if (!row) throw new AppError(404, "not-found");
    if (row.status !== "pending")
      throw new AppError(409, "submission-locked", { status: row.status, message: `Inskicket är redan ${row.status === "returned" ? "returnerat" : "godkänt"} och kan inte ändras.` });
    setReview(ctx.db, id, decision, p.auditId, ctx.clock.now().toISOString(), comment);
    if (decision === "approved") resolveSupersession(ctx.db, row.org_id, row.template_id, submissionHalfMonths(ctx.db, id));
    appendAudit(ctx.db, ctx.clock, {
      actor: p.auditId, action: decision === "approved" ? "review.approve" : "review.return",
      details: { submission: id, org: row.org_id, templateId: row.template_id, hasComment: comment !== null },
    });
    return getSubmission(ctx.db, id)!;
  });
}

/**
 * Approves a pending submission, then runs the duplicate matcher over it. The matching has its own transaction
 * (and audit entry), so a matching failure never undoes the approval.
 */
export function approveSubmission(ctx: AppContext, p: Principal, id: string, comment: string | null): Submission {
  const approved = decide(ctx, p, id, "approved", comment);
  matchAfterApproval(ctx, approved.id, approved.org);
  return approved;
}

export function returnSubmission(ctx: AppContext, p: Principal, id: string, comment: string): Submission {
  return decide(ctx, p, id, "returned", comment);
}
