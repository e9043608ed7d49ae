// The huvudman's decisions on probable duplicates: overrule a merged pair (both records count again) or restore it.
import type { DuplicateListQuery, DuplicateStatus } from "../../shared/protocol/duplicates-api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getDuplicateRow, listDuplicates, setDuplicateStatus } from "../stores/duplicates";

const STATUS_TEXT: Record<DuplicateStatus, string> = { merged: "sammanslagen", overruled: "underkänd" };

/** Pairs whose two records both count, newest first. */
export function duplicatesList(ctx: AppContext, q: DuplicateListQuery) {
  return listDuplicates(ctx.db, q);
}

function decide(ctx: AppContext, p: Principal, id: number, from: DuplicateStatus, to: DuplicateStatus, comment: string | null) {
  return inTransaction(ctx.db, () => {
    const row = getDuplicateRow(ctx.db, id);
    if (!row) throw new AppError(404, "not-found");
    if (row.status !== from)
      throw new AppError(409, "conflict", { status: row.status, message: `Dubbletten är redan ${STATUS_TEXT[row.status]}.` });
    setDuplicateStatus(ctx.db, id, to, p.auditId, ctx.clock.now().toISOString(), comment);
    appendAudit(ctx.db, ctx.clock, {
      actor: p.auditId, action: to === "overruled" ? "duplicate.overrule" : "duplicate.restore",
      details: { duplicate: id, a: `${row.a_submission}#${row.a_row}`, b: `${row.b_submission}#${row.b_row}`, hasComment: comment !== null },
    });
    const after = getDuplicateRow(ctx.db, id)!;
    return { id, status: after.status, decidedBy: after.decided_by, decidedAt: after.decided_at, comment: after.comment };
  });
}

export function overruleDuplicate(ctx: AppContext, p: Principal, id: number, comment: string | null) {
  return decide(ctx, p, id, "merged", "overruled", comment);
}

export function restoreDuplicate(ctx: AppContext, p: Principal, id: number, comment: string | null) {
  return decide(ctx, p, id, "overruled", "merged", comment);
}
