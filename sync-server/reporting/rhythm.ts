// How a partner reports: per half-month (the default) or per ISO week, set by the huvudman (audited
// `reporting.rhythm`). A weekly partner's dated rows belong to their week (submissions/submit.ts), and its approved
// weeks fill the half-months they overlap (shared/indicators/reporting.ts).
import type { ReportingRhythmRequest, ReportingRhythms } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getOrganisation } from "../stores/organisations";
import { listRhythms, setReportingRhythm, type ReportingRhythm } from "../stores/reporting";

export function changeReportingRhythm(ctx: AppContext, p: Principal, body: ReportingRhythmRequest): { status: "ok"; org: string; rhythm: ReportingRhythm; changed: boolean } {
  return inTransaction(ctx.db, () => {
    if (!getOrganisation(ctx.db, body.org)) throw new AppError(404, "not-found");
    const changed = setReportingRhythm(ctx.db, body.org, body.rhythm, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, {
      actor: p.auditId, action: "reporting.rhythm",
      details: { org: body.org, rhythm: body.rhythm, changed, text: body.rhythm === "week" ? "rapporterar per vecka" : "rapporterar per halvmånad" },
    });
    return { status: "ok" as const, org: body.org, rhythm: body.rhythm, changed };
  });
}

export function reportingRhythms(ctx: AppContext): ReportingRhythms {
  return { rhythms: listRhythms(ctx.db).map((r) => ({ org: r.org_id, rhythm: r.rhythm, setAt: r.set_at, setBy: r.set_by })) };
}
