// Completeness: per organisation, template and period whether it submitted, when, and whether on time against
// the huvudman's deadline (default four days after the period ends), plus the list of who is late.
import { templateLeafPeriodType } from "../../shared/indicators/check-templates";
import { addDays, civilDate } from "../../shared/periods/civil-date";
import { deadlineInstant, hasEnded, isOnTime } from "../../shared/periods/complete";
import { periodsBetween, periodsWithin } from "../../shared/periods/tree";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { AppContext } from "../context";
import type { Db } from "../db/database";
import { getDeliverySettings } from "../stores/deliveries";
import { firstSubmittedAt } from "../stores/submissions";
import { latestTemplate, listAssignments } from "../stores/templates";
import { listRhythms } from "../stores/reporting";

export interface CompletenessRow {
  org: string;
  templateId: string;
  periodType: string;
  period: string;
  deadline: string;
  /** The deadline has passed. */
  due: boolean;
  submitted: boolean;
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
      rows.push({
        org: a.org,
        templateId: a.templateId,
        periodType: type,
        period,
        deadline: deadline.toISOString(),
        due,
        submitted: at !== null,
        firstSubmittedAt: at,
        onTime: at !== null ? isOnTime(period, new Date(at), deadlineDays) : due ? false : null,
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
