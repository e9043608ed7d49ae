// "Inrapportering" (huvudman): how far each partner has reported (GET /api/reporting): reported through, the
// half-months still missing in the delivery window, and the half-months closed without a submission ("stängd utan
// inrapportering"). What is missing is published as `saknas`, never as 0; closing a half-month makes it a reported zero.
import type { CellValue } from "../../shared/grid/cell";
import { reportingHeadline } from "../../shared/indicators/reporting";
import { runsOf } from "../../shared/periods/runs";
import { MISSING_LEGEND } from "../../shared/protocol/delivery";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { replaceOwnSheet } from "../../shared/workbook/own-sheets";
import type { SyncClient } from "../sync-client";

export const REPORTING_SHEET = "Inrapportering";

/** Consecutive half-months as runs: "2026-02-H2 – 2026-03-H1, 2026-05-H1". */
export function halfMonthRuns(periods: readonly string[]): string {
  const index = (p: string) => (Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1) * 2 + (p.endsWith("H2") ? 1 : 0);
  const runs = runsOf([...periods].sort(), (last, p) => index(last) + 1 === index(p));
  return runs.map((r) => (r.length === 1 ? r[0] : `${r[0]} – ${r[r.length - 1]}`)).join(", ");
}

export async function writeReportingSheet(port: WorkbookPort, client: SyncClient): Promise<{ sheet: string; partners: number; missing: number }> {
  const data = await client.reporting();
  const sheet = await replaceOwnSheet(port, "admin:reporting", REPORTING_SHEET);
  const rows: CellValue[][] = data.partners.map((p) => [
    p.name ?? p.org,
    p.org,
    p.reportedThrough ?? "inget",
    p.missing.length,
    halfMonthRuns(p.missing),
    halfMonthRuns(data.closures.filter((c) => c.org === p.org).map((c) => c.period)),
  ]);
  await port.writeTable({
    sheet,
    at: "A5",
    name: "LagesbildInrapportering",
    headerLines: [
      reportingHeadline(data),
      `Senaste halvmånad som kunde rapporteras: ${data.lastPeriod}. En halvmånad är rapporterad när ett godkänt inskick täcker den eller när den stängts utan inrapportering.`,
      MISSING_LEGEND,
      "Stäng en halvmånad som en part inte har något att rapportera för i panelen (”Stäng utan inrapportering”); den räknas då som 0.",
    ],
    columns: ["Part", "Organisation", "Rapporterat till och med", "Saknade halvmånader", "Saknas", "Stängda utan inrapportering"].map((header, k) => ({ header, numberFormat: k === 3 ? "0" : "@" })),
    rows,
  });
  await port.selectCell(sheet, "A1");
  return { sheet, partners: rows.length, missing: data.partners.reduce((n, p) => n + p.missing.length, 0) };
}
