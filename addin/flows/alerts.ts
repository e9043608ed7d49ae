// "Larm" (huvudman): the weekly alert table from GET /api/alerts (indicator, area, ISO week, observed, threshold,
// method, alarm), with the alarm column coloured by conditional formatting and a short Swedish explanation of what
// an alarm means and what it does not mean.
import type { CellValue } from "../../shared/grid/cell";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import type { AlertRow } from "../admin-api";
import type { SyncClient } from "../sync-client";
import { columnRange, ERROR_FILL, NO, YES } from "./admin-sheet";
import { stockholmTime } from "../../shared/periods/stockholm";
import { replaceOwnSheet } from "../../shared/workbook/own-sheets";

export const ALERTS_SHEET = "Larm";
export const ALERT_COLUMNS = ["Indikator", "Område", "Nivå", "Vecka", "Observerat", "Tröskel", "Metod", "Larm"] as const;

/** What an alarm means and does not mean, as the sheet (and the indicator sheets) say it. */
export const ALARM_EXPLANATION = [
  "Larm = antalet den veckan ligger över tröskeln, den övre gräns som områdets egen historik gör sannolik (EARS C1–C3 när historiken är kort, Farrington när minst två år finns).",
  "Ett larm är en signal att titta närmare och jämföra med annan kunskap. Det är inte ett belägg för att något har hänt eller att läget har förvärrats: slumpen ger ibland larm, och små tal ger osäkra trösklar.",
  "Inget larm betyder inte att läget är lugnt. Larmen beräknas veckovis av huvudmannen; aktörer ser bara en markering på publicerade celler.",
];

const METHOD_TEXT: Record<AlertRow["method"], string> = { C1: "EARS C1", C2: "EARS C2", C3: "EARS C3", farrington: "Farrington" };
const LEVEL_TEXT = ["Kommun", "NYKO 1", "NYKO 2", "NYKO 3"];

export interface AlertSheetOptions {
  /** Also list the weeks without alarm from this ISO week on (e.g. "2026-W10"); alarms only when absent. */
  allWeeksFrom?: string;
}

export async function writeAlertsSheet(port: WorkbookPort, client: SyncClient, options: AlertSheetOptions = {}): Promise<{ sheet: string; alarms: number; rows: number }> {
  const [list, indicators, areas] = await Promise.all([
    client.alerts(options.allWeeksFrom ? { all: "1", from: options.allWeeksFrom } : {}),
    client.indicators(),
    client.nykoAreas().catch(() => ({ validFrom: "", areas: [] })),
  ]);
  const title = new Map(indicators.map((d) => [d.id, d.title]));
  const areaName = new Map(areas.areas.map((a) => [a.code, a.name]));
  const sorted = [...list.alerts].sort((a, b) => b.week.localeCompare(a.week) || a.indicator.localeCompare(b.indicator) || (a.nyko ?? "").localeCompare(b.nyko ?? ""));
  const rows: CellValue[][] = sorted.map((a) => [
    title.get(a.indicator) ?? a.indicator,
    a.nyko === null ? "Hela kommunen" : `${a.nyko}${areaName.has(a.nyko) ? ` ${areaName.get(a.nyko)}` : ""}`,
    LEVEL_TEXT[a.level] ?? String(a.level),
    a.week,
    a.observed,
    a.upperbound === null ? "" : Math.round(a.upperbound * 10) / 10,
    METHOD_TEXT[a.method] ?? a.method,
    a.alarm ? YES : NO,
  ]);
  const alarms = sorted.filter((a) => a.alarm).length;
  const sheet = await replaceOwnSheet(port, "admin:alerts", ALERTS_SHEET);
  const headerLines = [
    `Larm per indikator, område och vecka: ${alarms} larm${options.allWeeksFrom ? ` (alla veckor från ${options.allWeeksFrom})` : ""}. Beräknat ${stockholmTime(list.computedAt)}.`,
    ...ALARM_EXPLANATION,
  ];
  await port.writeTable({
    sheet, at: `A${headerLines.length + 1}`, name: "LagesbildLarm", headerLines,
    columns: ALERT_COLUMNS.map((header) => ({ header, numberFormat: header === "Observerat" ? "0" : header === "Tröskel" ? "0.0" : "@" })),
    rows,
  });
  const first = headerLines.length + 1; // 0-based first data row = 1-based header row
  await port.addConditionalFormat({ sheet, range: columnRange(first, ALERT_COLUMNS.indexOf("Larm"), rows.length), textEquals: YES, fill: ERROR_FILL });
  await port.selectCell(sheet, "A1");
  return { sheet, alarms, rows: rows.length };
}
