// /api/duplicates: the huvudman's view of probable duplicates (double reporting) and the decisions on them.
import { Router } from "express";
import { duplicateListQuerySchema, overruleRequestSchema, restoreRequestSchema, type DuplicateStatus } from "../../shared/protocol/duplicates-api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { principalOf, requireUser, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { intParam, parseInput } from "../http/validate";
import { getDuplicateRow, listDuplicates, setDuplicateStatus } from "../stores/duplicates";

const STATUS_TEXT: Record<DuplicateStatus, string> = { merged: "sammanslagen", overruled: "underkänd" };

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

export function duplicatesRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(listDuplicates(ctx.db, parseInput(duplicateListQuerySchema, req.query)));
  });
  r.post("/:id/overrule", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(overruleRequestSchema, req.body ?? {});
    res.json(decide(ctx, p, intParam(req.params.id), "merged", "overruled", body.comment));
  });
  r.post("/:id/restore", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(restoreRequestSchema, req.body ?? {});
    res.json(decide(ctx, p, intParam(req.params.id), "overruled", "merged", body.comment ?? null));
  });
  return r;
}
