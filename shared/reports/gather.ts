// What the yearly analysis reads from the server, one rule for the command line and the task pane: the year's inputs
// (GET /api/reports/year: published cells only), the huvudman's alert table (GET /api/alerts, the last 52 weeks) and
// the interventions of the year (GET /api/interventions), each evaluated here against the published cells only. The alert table or the interventions failing
// leaves their sheet saying so; the inputs failing (no delivery of the year) is the caller's error to show.
import type { AlertRow } from "../protocol/duplicates-api";
import { yearReportInputsSchema, type YearReportInputs } from "../protocol/year-report";
import { evaluateIntervention } from "../interventions/evaluate";
import { interventionListSchema, type Intervention } from "../protocol/interventions";
import type { YearReportData, YearReportIntervention } from "./year-report";

export interface YearReportSource {
  yearInputs(year: number): Promise<unknown>;
  /** GET /api/alerts?weeks=52 (alarms only). */
  alerts(): Promise<{ alerts: AlertRow[]; lastWeek?: string }>;
  /** GET /api/interventions (the register); a refusal (no such route on an older server) leaves the sheet saying so. */
  interventions(): Promise<unknown>;
}

/** Thrown when the server's answer is not the contract's. */
export class YearInputsContractError extends Error {}

export async function gatherYearReport(source: YearReportSource, year: number): Promise<YearReportData> {
  const raw = await source.yearInputs(year);
  const parsed = yearReportInputsSchema.safeParse(raw);
  if (!parsed.success) throw new YearInputsContractError("Serverns svar är inte årsrapportens underlag (shared/protocol/year-report.ts).");
  const inputs: YearReportInputs = parsed.data;
  const alerts = await source.alerts().then(
    (a) => ({ rows: a.alerts, lastWeek: a.lastWeek }),
    () => null,
  );
  const register = await source.interventions().then(
    (raw) => interventionListSchema.safeParse(raw),
    () => null,
  );
  const interventions = register?.success ? interventionsOfYear(register.data.interventions, inputs) : null;
  return { inputs, alerts, interventions };
}

/**
 * The interventions that went on during the year (started by its end, not ended before it, not archived), each
 * evaluated against the published cells of the inputs only (evaluateIntervention leaves `..` and `saknas` out).
 */
export function interventionsOfYear(all: readonly Intervention[], inputs: YearReportInputs): YearReportIntervention[] {
  const titles = Object.fromEntries(inputs.definitions.map((d) => [d.id, d.title]));
  return all
    .filter((x) => x.status === "active" && x.startDate <= `${inputs.year}-12-31` && (x.endDate === null || x.endDate >= `${inputs.year}-01-01`))
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id - b.id)
    .map((intervention) => ({ intervention, evaluation: evaluateIntervention(intervention, inputs.cells, { titles }) }));
}
