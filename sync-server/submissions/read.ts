// Reading submissions: an actor sees its own organisation's, the huvudman and admin all; reading the rows of a
// submission is an export and is written to the audit trail.
import type { Submission, SubmissionListQuery } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { appendAudit } from "../audit/log";
import { mayReadUnsuppressed, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getSubmission, listRecords, listSubmissions } from "../stores/submissions";

/** A submission the caller may see; another organisation's is reported as absent. */
export function visibleSubmission(ctx: AppContext, p: Principal, id: string): Submission {
  const s = getSubmission(ctx.db, id);
  if (!s || (p.role === "actor" && s.org !== p.org)) throw new AppError(404, "not-found");
  return s;
}

/** The submissions the caller may list: an actor only its own organisation's. */
export function visibleSubmissions(ctx: AppContext, p: Principal, q: SubmissionListQuery): { submissions: Submission[]; total: number } {
  if (p.role === "actor" && q.org && q.org !== p.org) throw new AppError(403, "forbidden");
  return listSubmissions(ctx.db, p.role === "actor" ? { ...q, org: p.org } : q);
}

/** One page of a visible submission's de-identified rows, audited as an export. */
export function submissionRecords(ctx: AppContext, p: Principal, id: string, q: { offset: number; limit: number }): { total: number; offset: number; records: { row: number; record: DeidentifiedRecord }[] } {
  const s = visibleSubmission(ctx, p, id);
  // Rows are data: the submitting organisation's own callers and a huvudman user, never admin or another key.
  if (s.org !== p.org && !mayReadUnsuppressed(p)) throw new AppError(403, "forbidden", { message: "Raderna kan bara läsas av den egna organisationen och huvudmannen." });
  return inTransaction(ctx.db, () => {
    const page = listRecords(ctx.db, s.id, q.offset, q.limit);
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "export.submission-records", details: { submission: s.id, offset: q.offset, rows: page.records.length } });
    return { total: page.total, offset: q.offset, records: page.records };
  });
}
