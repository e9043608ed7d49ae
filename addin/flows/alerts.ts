// "Larm" (huvudman): the weekly alert table from GET /api/alerts (indicator, area, ISO week, observed, threshold,
// method, alarm, expected and one Swedish sentence per row: observed, expected, how unusual), the last 8 weeks by
// default (the pane can widen it), strongest first, with the alarm column coloured by conditional formatting and a
// short Swedish explanation of what an alarm means and what it does not mean.
import { strongestFirst } from "../../shared/alerts/order";
import type { CellValue } from "../../shared/grid/cell";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import type { AlertRow } from "../admin-api";
import type { SyncClient } from "../sync-client";
import { columnRange, ERROR_FILL, NO, YES } from "./admin-sheet";
import { stockholmTime } from "../../shared/periods/stockholm";
import { replaceOwnSheet } from "../../shared/workbook/own-sheets";

export const ALERTS_SHEET = "Larm";
export const ALERT_COLUMNS = ["Indikator", "Område", "Nivå", "Vecka", "Observerat", "Tröskel", "Metod", "Larm", "Förväntat", "Förklaring"] as const;

/** Weeks the sheet shows unless the pane widens it. */
export const DEFAULT_ALERT_WEEKS = 8;
/** The widths the pane offers. */
export const ALERT_WEEK_CHOICES = [8, 13, 26, 52] as const;

/** What an alarm means and does not mean, as the sheet (and the indicator sheets) say it. */
export const ALARM_EXPLANATION = [
  "Larm = antalet den veckan ligger över tröskeln, det högsta antal som områdets egen historik gör rimligt (samma tid tidigare år när minst ett år finns, annars de senaste veckorna). Det starkaste larmet, det mest osannolika, står först.",
  "Ett larm är en signal att titta närmare och jämföra med annan kunskap. Det är inte ett belägg för att något har hänt eller att läget har förvärrats: slumpen ger ibland larm, och små tal ger osäkra trösklar.",
  "Inget larm betyder inte att läget är lugnt. Larmen beräknas veckovis av huvudmannen; aktörer ser bara en markering på publicerade celler.",
];

const METHOD_TEXT: Record<AlertRow["method"], string> = { C1: "EARS C1", C2: "EARS C2", C3: "EARS C3", farrington: "Farrington" };
const LEVEL_TEXT = ["Kommun", "NYKO 1", "NYKO 2", "NYKO 3"];

/** A number as Swedish text: decimal comma, one decimal below 10, whole numbers above. */
function svNumber(x: number): string {
  const rounded = x < 10 ? Math.round(x * 10) / 10 : Math.round(x);
  return rounded.toLocaleString("sv-SE").replace(/\u00a0/g, " ");
}

/** "1 gång på N veckor" with N rounded to two significant digits. */
export function unusualText(p: number): string {
  if (!(p > 0) || p < 1e-6) return "mindre än 1 gång på en miljon veckor";
  if (p >= 0.5) return "ofta";
  const n = 1 / p;
  const digits = Math.max(0, Math.floor(Math.log10(n)) - 1);
  const rounded = Math.round(n / 10 ** digits) * 10 ** digits;
  return `ungefär 1 gång på ${rounded.toLocaleString("sv-SE").replace(/\u00a0/g, " ")} veckor`;
}

/** "veckan före", "de två veckorna före", "de tre veckorna före": the weeks judged with this one. */
function weeksBefore(together: number | null | undefined): string {
  const before = (together ?? 2) - 1;
  if (before <= 1) return "veckan före";
  const words = ["", "en", "två", "tre", "fyra", "fem"];
  return `de ${words[before] ?? String(before)} veckorna före`;
}

/** One Swedish sentence for a row: observed, expected, how unusual. */
export function alertSentence(a: AlertRow): string {
  const observed = `${svNumber(a.observed)} ${a.observed === 1 ? "händelse" : "händelser"} vecka ${a.week}`;
  if (a.expected === undefined || a.expected === null) {
    return a.upperbound === null ? `${observed}.` : `${observed}; tröskeln var ${svNumber(a.upperbound)}.`;
  }
  const expected = `${observed} mot väntat ${svNumber(a.expected)}`;
  if (a.pValue === undefined || a.pValue === null) return `${expected}.`;
  const how = unusualText(a.pValue);
  if (a.reason === "persistent") return `${expected}; tillsammans med ${weeksBefore(a.weeksTogether)} är så högt ${how} om läget är som vanligt.`;
  return `${expected}; så många eller fler inträffar ${how} om läget är som vanligt.`;
}

export interface AlertSheetOptions {
  /** The last this many weeks (default DEFAULT_ALERT_WEEKS). */
  weeks?: number;
  /** Also list the weeks without alarm. */
  all?: boolean;
  /** Also list the weeks without alarm from this ISO week on (e.g. "2026-W10"), instead of `weeks`. */
  allWeeksFrom?: string;
}

export async function writeAlertsSheet(port: WorkbookPort, client: SyncClient, options: AlertSheetOptions = {}): Promise<{ sheet: string; alarms: number; rows: number }> {
  const [list, indicators, areas] = await Promise.all([
    client.alerts(options.allWeeksFrom ? { all: "1", from: options.allWeeksFrom } : { weeks: String(options.weeks ?? DEFAULT_ALERT_WEEKS), ...(options.all ? { all: "1" } : {}) }),
    client.indicators(),
    client.nykoAreas().catch(() => ({ validFrom: "", areas: [] })),
  ]);
  const title = new Map(indicators.map((d) => [d.id, d.title]));
  const areaName = new Map(areas.areas.map((a) => [a.code, a.name]));
  // Alarms first, each group strongest (least likely) first, then the latest week.
  const sorted = [...list.alerts].sort((a, b) => Number(b.alarm) - Number(a.alarm) || strongestFirst(a, b) || a.indicator.localeCompare(b.indicator) || (a.nyko ?? "").localeCompare(b.nyko ?? ""));
  const rows: CellValue[][] = sorted.map((a) => [
    title.get(a.indicator) ?? a.indicator,
    a.nyko === null ? "Hela kommunen" : `${a.nyko}${areaName.has(a.nyko) ? ` ${areaName.get(a.nyko)}` : ""}`,
    LEVEL_TEXT[a.level] ?? String(a.level),
    a.week,
    a.observed,
    a.upperbound === null ? "" : Math.round(a.upperbound * 10) / 10,
    METHOD_TEXT[a.method] ?? a.method,
    a.alarm ? YES : NO,
    a.expected === undefined || a.expected === null ? "" : Math.round(a.expected * 10) / 10,
    alertSentence(a),
  ]);
  const alarms = sorted.filter((a) => a.alarm).length;
  const sheet = await replaceOwnSheet(port, "admin:alerts", ALERTS_SHEET);
  const span = options.allWeeksFrom ? ` (alla veckor från ${options.allWeeksFrom})` : ` de senaste ${options.weeks ?? DEFAULT_ALERT_WEEKS} veckorna${options.all ? ", alla veckor" : ""}`;
  const headerLines = [
    `Larm per indikator, område och vecka: ${alarms} larm${span}. Beräknat ${stockholmTime(list.computedAt)}.`,
    ...ALARM_EXPLANATION,
  ];
  await port.writeTable({
    sheet, at: `A${headerLines.length + 1}`, name: "LagesbildLarm", headerLines,
    columns: ALERT_COLUMNS.map((header) => ({ header, numberFormat: header === "Observerat" ? "0" : header === "Tröskel" || header === "Förväntat" ? "0.0" : "@" })),
    rows,
  });
  const first = headerLines.length + 1; // 0-based first data row = 1-based header row
  await port.addConditionalFormat({ sheet, range: columnRange(first, ALERT_COLUMNS.indexOf("Larm"), rows.length), textEquals: YES, fill: ERROR_FILL });
  await port.selectCell(sheet, "A1");
  return { sheet, alarms, rows: rows.length };
}
