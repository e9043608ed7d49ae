// "Inlämning" (huvudman): completeness and timeliness from GET /api/completeness. A matrix of organisation (and
// template) × period saying I tid / Sen / Stängd / Saknas / Väntar with conditional colours, the list of who is late, and
// the detail table (deadline, when it came). Read-only: nothing is synced back.
import { stockholmTime } from "../../shared/periods/stockholm";
import type { CellValue } from "../../shared/grid/cell";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import type { CompletenessRow } from "../admin-api";
import type { SyncClient } from "../sync-client";
import { columnRange, ERROR_FILL, NO, OK_FILL, WARN_FILL, YES } from "./admin-sheet";
import { replaceOwnSheet } from "../../shared/workbook/own-sheets";
import { periodTypeName } from "../../shared/periods/text";

export const COMPLETENESS_SHEET = "Inlämning";
export const ON_TIME = "I tid";
export const LATE = "Sen";
export const MISSING = "Saknas";
export const WAITING = "Väntar";
export const CLOSED = "Stängd";

/**
 * The state of one organisation's period as the matrix shows it: reported as the deliveries count it (approved, or
 * closed by the huvudman), on time or late; otherwise missing once the deadline has passed.
 */
export function completenessState(r: Pick<CompletenessRow, "reported" | "closed" | "onTime" | "due">): string {
  if (r.closed) return CLOSED;
  if (r.reported) return r.onTime === false ? LATE : ON_TIME;
  return r.due ? MISSING : WAITING;
}

/** An instant as Swedes read it: `2026-03-19 08:15` in Europe/Stockholm. */

export async function writeCompletenessSheet(port: WorkbookPort, client: SyncClient, range?: { from?: string; to?: string }): Promise<{ sheet: string; late: number; rows: number }> {
  const data = await client.completeness(range);
  const sheet = await replaceOwnSheet(port, "admin:completeness", COMPLETENESS_SHEET);
  const periods = [...new Set(data.rows.map((r) => r.period))].sort();
  const keys = [...new Set(data.rows.map((r) => `${r.org}\u0000${r.templateId}`))].sort();
  const matrix: CellValue[][] = keys.map((k) => {
    const [org, templateId] = k.split("\u0000");
    return [org, templateId, ...periods.map((p) => {
      const r = data.rows.find((x) => x.org === org && x.templateId === templateId && x.period === p);
      return r ? completenessState(r) : "";
    })];
  });
  let at = 4; // 1-based row of the matrix header (three header lines above)
  await port.writeTable({
    sheet, at: `A${at}`, name: "LagesbildInlamning",
    headerLines: [
      `Inlämning per organisation och period (${keys.length} organisation–mall, ${periods.length} perioder)`,
      `Frist: ${data.deadlineDays} dagar efter periodens slut. ${ON_TIME} = godkänt inskick som kom före fristen, ${LATE} = efter fristen, ${CLOSED} = stängd utan inrapportering, ${MISSING} = fristen har gått ut utan godkänt inskick, ${WAITING} = fristen har inte gått ut.`,
      `Hämtat ${stockholmTime(new Date())}. Som i leveranserna räknas bara godkända inskick och stängda perioder; ett inskick som väntar på granskning eller har returnerats räknas inte.`,
    ],
    columns: ["Organisation", "Mall", ...periods].map((header) => ({ header, numberFormat: "@" })),
    rows: matrix,
  });
  if (keys.length > 0 && periods.length > 0) {
    const first = at; // 0-based index of the first data row equals the 1-based header row
    const rangeOf = `${columnRange(first, 2, keys.length).split(":")[0]}:${columnRange(first + keys.length - 1, 2 + periods.length - 1, 1).split(":")[0]}`;
    for (const [text, fill] of [[ON_TIME, OK_FILL], [LATE, WARN_FILL], [MISSING, ERROR_FILL]] as const) await port.addConditionalFormat({ sheet, range: rangeOf, textEquals: text, fill });
  }
  at += keys.length + 3;
  await port.writeTable({
    sheet, at: `A${at}`, name: "LagesbildSena",
    headerLines: [data.late.length > 0 ? `Sena eller saknade inlämningar (${data.late.length})` : "Ingen är sen."],
    columns: ["Organisation", "Mall", "Period", "Frist", "Inskickat", "När"].map((header) => ({ header, numberFormat: "@" })),
    rows: data.late.map((r) => [r.org, r.templateId, r.period, stockholmTime(r.deadline), r.submitted ? YES : NO, stockholmTime(r.firstSubmittedAt)]),
  });
  at += Math.max(1, data.late.length) + 3;
  await port.writeTable({
    sheet, at: `A${at}`, name: "LagesbildInlamningDetalj",
    headerLines: ["Alla perioder"],
    columns: ["Organisation", "Mall", "Periodtyp", "Period", "Frist", "Inskickat", "När", "I tid"].map((header) => ({ header, numberFormat: "@" })),
    rows: data.rows.map((r) => [r.org, r.templateId, periodTypeName(r.periodType), r.period, stockholmTime(r.deadline), r.submitted ? YES : NO, stockholmTime(r.firstSubmittedAt), r.onTime === null ? "" : r.onTime ? YES : NO]),
  });
  await port.selectCell(sheet, "A4");
  return { sheet, late: data.late.length, rows: data.rows.length };
}
