// The decision on a request for public documents: bifall, delvis bifall or avslag, with its reasons. A release
// (bifall, delvis bifall) is exactly the files of the request's current review, which must still be valid: nothing
// published since (another release, a delivery round), the composition unchanged. The decision, the legal grounds
// of what is not released and the SHA-256 of both files go to the audit trail (never who asked); the released
// values become published facts that every later delivery round and review takes as known.
import { AppError } from "../../shared/protocol/errors";
import type { DecisionKind } from "../../shared/protocol/requests";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { setDecision } from "../stores/requests";
import { currentReview, requestOf, requestView, reviewView } from "./register";

export function decideRequest(ctx: AppContext, p: Principal, id: number, input: { decision: DecisionKind; reasons: string }) {
  inTransaction(ctx.db, () => {
    const r = requestOf(ctx, id);
    if (r.decision) throw new AppError(409, "conflict", { message: "Begäran är redan beslutad." });
    const review = currentReview(ctx, r);
    const releases = input.decision !== "avslag";
    if (releases && !review) throw new AppError(409, "conflict", { message: "Utlämnandet måste först röjandekontrolleras (granska) innan det kan beslutas." });
    const view = review ? reviewView(ctx, review) : null;
    if (releases && view?.stale)
      throw new AppError(409, "conflict", { message: "Något har publicerats sedan granskningen (en leverans eller ett annat utlämnande). Granska igen innan beslutet." });
    if (releases && view && !view.allowed.includes(input.decision))
      throw new AppError(409, "conflict", { message: `Granskningen medger inte beslutet ${input.decision}; möjliga beslut: ${view.allowed.join(", ")}.`, allowed: view.allowed });
    const decidedAt = ctx.clock.now().toISOString();
    setDecision(ctx.db, id, { decision: input.decision, reasons: input.reasons, decidedAt, reviewId: releases ? review!.id : null });
    appendAudit(ctx.db, ctx.clock, {
      actor: p.auditId,
      action: "request.decision",
      details: {
        requestId: id,
        decision: input.decision,
        reasons: input.reasons,
        grounds: (r.composition?.refused ?? []).map((x) => x.ground),
        reviewId: releases ? review!.id : null,
        released: releases ? view!.released : 0,
        suppressed: releases ? view!.suppressed : 0,
        xlsxSha256: releases ? review!.xlsxSha256 : null,
        csvSha256: releases ? review!.csvSha256 : null,
      },
    });
  });
  return requestView(ctx, id);
}
