// Completeness: per organisation, template and period whether it has reported, when it submitted, and whether on
// time against the huvudman's deadline (default four days after the period ends), plus the list of who is late.
// "Reported" is the rule of the deliveries and GET /api/reporting (shared/indicators/reporting.ts): every half-month
// of the period approved, or closed by the huvudman ("stängd utan inrapportering"). A closed period is on time; a
// submission not yet approved (or returned) does not make a period reported.
import { templateLeafPeriodType } from "../../shared/indicators/check-templates";
import { addDays, civilDate } from "../../shared/periods/civil-date";
import { deadlineInstant, hasEnded, isOnTime } from "../../shared/periods/complete";
import { periodsBetween, periodsWithin } from "../../shared/periods/tree";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { AppContext } from "../context";
import type { Db } from "../db/database";
import { getDeliverySettings } from "../stores/deliveries";
import { approvedHalfMonths, listClosures, listRhythms } from "../stores/reporting";
import { firstSubmittedAt } from "../stores/submissions";
import { loadReportingState } from "../reporting/state";
import { halfMonthOf, periodEnd, periodStart, periodTypeOf } from "../../shared/periods/period";
import { latestTemplate, listAssignments } from "../stores/templates";

export interface CompletenessRow {
  org: string;
  templateId: string;
  periodType: string;
  period: string;
  deadline: string;
  /** The deadline has passed. */
  due: boolean;
  /** A submission (not returned) covers the period, approved or not. */
  submitted: boolean;
  /** Every half-month of the period is approved or closed (the deliveries' rule). */
  reported: boolean;
  /** Every half-month of the period is closed by the huvudman. */
  closed: boolean;
  firstSubmittedAt: string | null;
  /** null while nothing is submitted and the deadline has not passed. */
  onTime: boolean | null;
}

/**
 * One row per assignment and ended period (of the template's own period type; per ISO week for a partner reporting
 * weekly, whose event submissions have weeks as their periods) between `from` and `to`.
 */
export function completeness(db: Db, now: Date, from: string, to: string, deadlineDays: number): CompletenessRow[] {
  const rows: CompletenessRow[] = [];
  const weekly = new Set(listRhythms(db).map((r) => r.org_id));
  // Periods that have ended are at or before the current half-month: the state judges every one of them.
  const state = loadReportingState(db, { from, lastPeriod: halfMonthOf(stockholmDate(now)) });
  const closures = new Set(listClosures(db).map((c) => `${c.org_id}|${c.period}`));
  const approvedWeeks = new Set(approvedHalfMonths(db).filter((a) => periodTypeOf(a.period) === "week").map((a) => `${a.org}|${a.templateId}|${a.period}`));
  for (const a of listAssignments(db)) {
    const template = latestTemplate(db, a.templateId);
    if (!template) continue;
    const leaf = templateLeafPeriodType(template);
    const type = leaf === "halfmonth" && weekly.has(a.org) ? "week" : leaf;
    for (const period of periodsBetween(type, from, to)) {
      if (!hasEnded(period, now)) continue;
      const halves = type === "halfmonth" || type === "week" ? [period] : periodsWithin(period, "halfmonth");
      const at = firstSubmittedAt(db, a.org, a.templateId, halves);
      const deadline = deadlineInstant(period, deadlineDays);
      const due = now.getTime() >= deadline.getTime();
      // A week is reported when approved, or when the huvudman closed every half-month it overlaps.
      const overlapped = type === "week" ? periodsBetween("halfmonth", periodStart(period), periodEnd(period)) : halves;
      const closed = overlapped.every((h) => closures.has(`${a.org}|${h}`));
      const reported = type === "week" ? closed || approvedWeeks.has(`${a.org}|${a.templateId}|${period}`) : halves.every((h) => state.isReported(a.org, a.templateId, h));
      rows.push({
        org: a.org,
        templateId: a.templateId,
        periodType: type,
        period,
        deadline: deadline.toISOString(),
        due,
        submitted: at !== null,
        reported,
        closed,
        firstSubmittedAt: at,
        onTime: reported ? closed || at === null || isOnTime(period, new Date(at), deadlineDays) : due ? false : null,
      });
    }
  }
  return rows;
}

export interface CompletenessReport {
  deadlineDays: number;
  rows: CompletenessRow[];
  late: CompletenessRow[];
}

/** The huvudman's report from `from` (default: the first of the month about six months back) to `to` (default: today). */
export function completenessReport(ctx: AppContext, range: { from?: string; to?: string }): CompletenessReport {
  const now = ctx.clock.now();
  const to = range.to ?? stockholmDate(now);
  const back = addDays(to, -183);
  const from = range.from ?? civilDate(Number(back.slice(0, 4)), Number(back.slice(5, 7)), 1);
  const { deadlineDays } = getDeliverySettings(ctx.db);
  const rows = completeness(ctx.db, now, from, to, deadlineDays);
  return { deadlineDays, rows, late: rows.filter((x) => x.onTime === false) };
}
