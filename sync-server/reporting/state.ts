// The reporting state read from the database: dated assignments, approved half-months and closures, for a round's
// last complete half-month and range (shared/indicators/reporting.ts decides what is reported and what is missing).
import { reportingState, type ReportingState } from "../../shared/indicators/reporting";
import { templateLeafPeriodType } from "../../shared/indicators/check-templates";
import type { Db } from "../db/database";
import { latestTemplate } from "../stores/templates";
import { listOrganisations } from "../stores/organisations";
import { approvedHalfMonths, datedAssignments, listClosures } from "../stores/reporting";

export function loadReportingState(db: Db, range: { from: string; lastPeriod: string }): ReportingState {
  return reportingState({
    lastPeriod: range.lastPeriod,
    from: range.from,
    assignments: datedAssignments(db).map((a) => {
      const template = latestTemplate(db, a.templateId);
      return { ...a, leafType: template ? templateLeafPeriodType(template) : undefined };
    }),
    approved: approvedHalfMonths(db),
    closures: listClosures(db).map((c) => ({ org: c.org_id, period: c.period })),
    names: new Map(listOrganisations(db).map((o) => [o.id, o.name])),
  });
}
