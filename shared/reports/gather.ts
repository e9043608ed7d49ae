// What the yearly analysis reads from the server, one rule for the command line and the task pane: the year's inputs
// (GET /api/reports/year: published cells only), the huvudman's alert table (GET /api/alerts, the last 52 weeks) and
// the interventions with their evaluation where the server offers them. The alert table or the interventions failing
// leaves their sheet saying so; the inputs failing (no delivery of the year) is the caller's error to show.
import type { AlertRow } from "../protocol/duplicates-api";
import { yearReportInputsSchema, type YearReportInputs } from "../protocol/year-report";
import type { YearReportData, YearReportIntervention } from "./year-report";

export interface YearReportSource {
  yearInputs(year: number): Promise<unknown>;
  /** GET /api/alerts?weeks=52 (alarms only). */
  alerts(): Promise<{ alerts: AlertRow[]; lastWeek?: string }>;
  /** The interventions active in the year, evaluated; absent when the server has none to offer. */
  interventions?(year: number): Promise<YearReportIntervention[]>;
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
  const interventions = source.interventions ? await source.interventions(year).catch(() => null) : null;
  return { inputs, alerts, interventions };
}
