// The huvudman closes half-months for a partner that has nothing to report ("stängd utan inrapportering"), or
// reopens them; each is one transaction with its audit entry. GET /api/reporting shows how far everyone has reported.
import { lastCompleteHalfMonth } from "../../shared/periods/complete";
import { halfMonthsBetween } from "../../shared/periods/tree";
import { periodEnd, periodStart } from "../../shared/periods/period";
import type { ReportingCloseRequest, ReportingView } from "../../shared/protocol/api";
import { AppError, invalidInput } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { deliveryRange } from "../deliveries/cube-source";
import { getDeliverySettings } from "../stores/deliveries";
import { getOrganisation } from "../stores/organisations";
import { deleteClosures, insertClosures, listClosures } from "../stores/reporting";
import { loadReportingState } from "./state";

function halfMonthsOf(ctx: AppContext, body: ReportingCloseRequest): string[] {
  if (!getOrganisation(ctx.db, body.org)) throw new AppError(404, "not-found");
  const to = body.to ?? body.from;
  if (to < body.from) throw invalidInput("to", `${to} ligger före ${body.from}.`);
  const last = lastCompleteHalfMonth(ctx.clock.now(), getDeliverySettings(ctx.db).deadlineDays);
  if (to > last) throw invalidInput("to", `${to} har inte tagit slut (med inrapporteringsfrist) ännu; senast möjliga är ${last}.`);
  return halfMonthsBetween(periodStart(body.from), periodEnd(to));
}

/** Closes half-months for a partner: they count as reported (zero where it has no approved rows). */
export function closeReporting(ctx: AppContext, p: Principal, body: ReportingCloseRequest): { status: "ok"; closed: string[] } {
  return { status: "ok", closed: closeHalfMonths(ctx, p, body.org, halfMonthsOf(ctx, body)) };
}

/** Closes the given half-months for `org` in one transaction with its audit entry; returns those newly closed. */
export function closeHalfMonths(ctx: AppContext, p: Principal, org: string, periods: readonly string[]): string[] {
  return inTransaction(ctx.db, () => {
    const closed = insertClosures(ctx.db, org, periods, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "reporting.close", details: { org, periods: closed, text: "stängd utan inrapportering" } });
    return closed;
  });
}

/** Reopens closed half-months: they are missing again until an approved submission covers them. */
export function reopenReporting(ctx: AppContext, p: Principal, body: ReportingCloseRequest): { status: "ok"; reopened: string[] } {
  const periods = halfMonthsOf(ctx, body);
  return inTransaction(ctx.db, () => {
    const reopened = deleteClosures(ctx.db, body.org, periods);
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "reporting.reopen", details: { org: body.org, periods: reopened, text: "öppnad igen" } });
    return { status: "ok" as const, reopened };
  });
}

/** How far every assigned partner has reported, as the next round would see it, and the closures. */
export function reportingView(ctx: AppContext): ReportingView {
  const settings = getDeliverySettings(ctx.db);
  const range = deliveryRange(ctx.clock.now(), settings.deadlineDays, settings.historyMonths);
  const reporting = loadReportingState(ctx.db, range).summary();
  const closures = listClosures(ctx.db).map((c) => ({ org: c.org_id, period: c.period, closedAt: c.closed_at, closedBy: c.closed_by }));
  return { ...reporting, closures };
}
