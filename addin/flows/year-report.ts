// "Årsrapport" (huvudman): the yearly analysis written into the open workbook by the same shared writer as
// `lagesbild arsrapport` (shared/reports/year-report.ts): a summary of the year against the year before with 95 %
// intervals and whether each change is clear, maps, trend charts, the alarms of the year, completeness per partner
// and the interventions with their evaluation. Only published, disclosure-controlled cells feed it (the server's
// GET /api/reports/year never holds the huvudman's unsuppressed values).
import { stockholmDate } from "../../shared/periods/stockholm";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { gatherYearReport, type YearReportSource } from "../../shared/reports/gather";
import { yearReportStats } from "../../shared/reports/stats";
import { writeYearReport, type WrittenYearReport } from "../../shared/reports/year-report";
import type { SyncClient } from "../sync-client";

/** The pane's sync client as the report's source. */
export function yearReportSource(client: SyncClient): YearReportSource {
  return {
    yearInputs: (year) => client.yearReportInputs(year),
    alerts: () => client.alerts({ weeks: "52" }),
    interventions: () => client.interventions().then((interventions) => ({ interventions })),
  };
}

/** The year the pane proposes: the current one in Sweden (compared as far as every partner has reported). */
export function defaultReportYear(now: Date): number {
  return Number(stockholmDate(now).slice(0, 4));
}

/** Reads the inputs and writes the report's sheets; a year without a delivery fails with the server's Swedish text. */
export async function writeYearReportSheets(port: WorkbookPort, client: SyncClient, year: number): Promise<WrittenYearReport> {
  const data = await gatherYearReport(yearReportSource(client), year);
  return writeYearReport(port, data, yearReportStats());
}

/** The pane's closing line. */
export function yearReportDoneText(year: number, w: WrittenYearReport): string {
  return `Årsrapport ${year} står i bladen ${w.sheets.map((s) => `”${s}”`).join(", ")}: ${w.summaryRows} rader i sammanfattningen, ${w.maps} kartor, ${w.charts} diagram, ${w.alarms} larm, ${w.interventions} insatser.`;
}
