// The reporting state read from the database: dated assignments, approved half-months and closures, for a round's
// last complete half-month and range (shared/indicators/reporting.ts decides what is reported and what is missing).
import { reportingState, type ReportingState } from "../../shared/indicators/reporting";
import type { PeriodType } from "../../shared/protocol/delivery";
import { templateLeafPeriodType } from "../../shared/indicators/check-templates";
import type { Db } from "../db/database";
import { latestTemplate, listAssignments } from "../stores/templates";
import { listOrganisations } from "../stores/organisations";
import { approvedHalfMonths, listClosures } from "../stores/reporting";

export function loadReportingState(db: Db, range: { from: string; lastPeriod: string; lastWeek?: string }): ReportingState {
  // Each template is read once, however many partners it is assigned to.
  const leafTypes = new Map<string, PeriodType | undefined>();
  const leafType = (templateId: string) => {
    if (!leafTypes.has(templateId)) {
      const template = latestTemplate(db, templateId);
      leafTypes.set(templateId, template ? templateLeafPeriodType(template) : undefined);
    }
    return leafTypes.get(templateId);
  };
  return reportingState({
    lastPeriod: range.lastPeriod,
    ...(range.lastWeek ? { lastWeek: range.lastWeek } : {}),
    from: range.from,
    assignments: listAssignments(db).map((a) => ({ ...a, leafType: leafType(a.templateId) })),
    approved: approvedHalfMonths(db),
    closures: listClosures(db).map((c) => ({ org: c.org_id, period: c.period })),
    names: new Map(listOrganisations(db).map((o) => [o.id, o.name])),
  });
}
