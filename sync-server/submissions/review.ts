// The huvudman's decision: approve (locks; the approved half-months supersede earlier ones, then the submission's
// records are matched against other organisations' for double reporting) or return with a comment. An approval
// that would replace approved half-months is refused unless the request confirms it; the replacement is audited.
import type { Submission } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { matchAfterApproval } from "../dedup/on-approval";
import { approvedReplacements, getSubmission, getSubmissionRow, resolveSupersession, setReview, submissionHalfMonths } from "../stores/submissions";

export interface ApproveOptions {
  comment: string | null;
  /** The huvudman confirmed that approved half-months are replaced; without it such an approval is refused. */
  replaceApproved: boolean;
}

function decide(ctx: AppContext, p: Principal, id: string, decision: "approved" | "returned", comment: string | null, replaceApproved = false): Submission {
  return inTransaction(ctx.db, () => {
    const row = getSubmissionRow(ctx.db, id);
    if (!row) throw new AppError(404, "not-found");
    if (row.status !== "pending")
      throw new AppError(409, "submission-locked", { status: row.status, message: `Inskicket är redan ${row.status === "returned" ? "returnerat" : "godkänt"} och kan inte ändras.` });
    const replaces = decision === "approved" ? approvedReplacements(ctx.db, id) : [];
    if (replaces.length > 0 && !replaceApproved)
      throw new AppError(409, "approval-replaces-approved", { replaces });
    setReview(ctx.db, id, decision, p.auditId, ctx.clock.now().toISOString(), comment);
    if (decision === "approved") resolveSupersession(ctx.db, row.org_id, row.template_id, submissionHalfMonths(ctx.db, id));
    // Counts and ids only: the comment is free text and stays out of the audit trail.
    appendAudit(ctx.db, ctx.clock, {
      actor: p.auditId, action: decision === "approved" ? "review.approve" : "review.return",
      details: { submission: id, org: row.org_id, templateId: row.template_id, hasComment: comment !== null, ...(replaces.length ? { replaced: replaces } : {}) },
    });
    return getSubmission(ctx.db, id)!;
  });
}

/**
 * Approves a pending submission, then runs the duplicate matcher over it. The matching has its own transaction
 * (and audit entry), so a matching failure never undoes the approval.
 */
export function approveSubmission(ctx: AppContext, p: Principal, id: string, opts: ApproveOptions): Submission {
  const approved = decide(ctx, p, id, "approved", opts.comment, opts.replaceApproved);
  matchAfterApproval(ctx, approved.id, approved.org);
  return approved;
}

export function returnSubmission(ctx: AppContext, p: Principal, id: string, comment: string): Submission {
  return decide(ctx, p, id, "returned", comment);
}
