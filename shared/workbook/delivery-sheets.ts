// The one writer of a delivery (shared/protocol/delivery.ts) into a workbook, through the workbook port: used by the
// add-in's refresh (Office.js) and by `lagesbild fetch` (ExcelJS) alike. Per indicator a sheet of Lägesbild's own,
// named after the indicator and replaced on the next delivery (never a sheet the user made): header lines (title,
// source, periods, delivery time in Europe/Stockholm, threshold or "not for circulation"), an Excel table of every
// published cell with number formats, suppressed values as exactly ".." with a note, alarms marked (conditional
// format on the alarm column, a fill and a note on the value) and explained, and the chosen series as a chart (a
// picture where the host has no native charts). An overview sheet lists the indicators and the delivery's notes.
import { stockholmTime } from "../periods/stockholm";
import { PERIOD_TYPE_TEXT } from "../periods/text";
import { a1, columnLetter } from "../grid/a1";
import type { CellValue } from "../grid/cell";
import { cellStatus, MISSING_LEGEND, MISSING_MARK, SUPPRESSED_MARK, type Delivery, type DeliveryCell, type PeriodType } from "../protocol/delivery";
import { reportingHeadline } from "../indicators/reporting";
import type { CellMark, WorkbookPort } from "../protocol/workbook";
import { replaceOwnSheet } from "./own-sheets";

/** Preferred name of the overview sheet (a numbered variant when the user has a sheet of that name). */
export const OVERVIEW_SHEET = "Leverans";
/** Own-sheet keys (see own-sheets.ts): the overview, and one sheet per indicator id. */
export const OVERVIEW_SHEET_KEY = "delivery:overview";
export const indicatorSheetKey = (indicator: string): string => `indicator:${indicator}`;

/** Cells get a note each up to this many per kind and sheet (the header line explains ".." for all of them). */
export const MAX_NOTES_PER_SHEET = 2000;
export const SUPPRESSED_FILL = "#EDEBE9";
export const MISSING_FILL = "#FDEBD3";
export const MISSING_NOTE = `Saknas (${MISSING_MARK}): alla parter som ska rapportera för perioden har inte rapporterat den ännu. Värdet är inte 0 och inte skyddat.`;
export const ALARM_FILL = "#FDE7E9";
/** The text of the alarm column for a marked cell. */
export const ALARM_TEXT = "Larm";
export const SUPPRESSED_NOTE = `Skyddat värde (${SUPPRESSED_MARK}): för få händelser för att visas, eller skyddat för att det annars kunde räknas fram.`;
export const ALARM_NOTE =
  "Larm (tidig varning): värdet är ovanligt högt jämfört med områdets tidigare publicerade perioder. " +
  "Ett larm är en signal att titta närmare, inte ett bevis på att något har hänt, och det säger inget om orsaken.";
export const NOT_FOR_CIRCULATION = "Ej röjandekontrollerad: endast för huvudmannens eget bruk, får inte spridas.";

const PERIOD_ORDER: PeriodType[] = ["halfmonth", "month", "quarter", "year", "schoolyear"];
const FACTOR_TEXT = { none: "", per1000: "per 1 000", percent: "procent" } as const;

/** An indicator's unit as a reader sees it: the unit and its factor, the factor not repeated when the unit names it. */
export function unitText(def: Pick<Definition, "unit" | "factor">): string {
  const unit = def.unit.trim();
  const factor = FACTOR_TEXT[def.factor];
  const bare = (t: string) => t.toLocaleLowerCase("sv").replace(/\s/g, "");
  if (!factor || bare(unit).includes(bare(factor)) || (def.factor === "percent" && unit.includes("%"))) return unit;
  if (!unit) return factor;
  return def.factor === "per1000" ? `${unit} ${factor}` : `${unit} (${factor})`;
}
const MUNICIPALITY = "Hela kommunen";
/** Columns of an indicator table (0-based); the alarm column exists only when some cell has an alarm. */
const COL = { area: 0, areaName: 1, level: 2, periodType: 3, period: 4, value: 5, alarm: 6 } as const;

type Definition = Delivery["definitions"][number];

export interface DeliverySheetsOptions {
  /** NYKO code → area name, for a readable area column. */
  areaNames?: ReadonlyMap<string, string>;
}

export interface WrittenIndicatorSheet {
  indicator: string;
  sheet: string;
  /** Excel tables on the sheet (one). */
  tables: number;
  /** Data rows of the table: one per delivered cell. */
  rows: number;
  suppressed: number;
  /** Cells not reported by every expected partner (`saknas`). */
  missing: number;
  alarms: number;
  chart: boolean;
}

/** The periods a sheet covers, per period type from the finest, each as first – last (e.g. "månad 2026-01 – 2026-03"). */
function periodSpan(cells: readonly DeliveryCell[]): string {
  const parts: string[] = [];
  for (const type of PERIOD_ORDER) {
    const periods = cells.filter((c) => c.periodType === type).map((c) => c.period).sort();
    if (periods.length) parts.push(`${PERIOD_TYPE_TEXT[type]} ${periods[0]}${periods.length > 1 ? ` – ${periods[periods.length - 1]}` : ""}`);
  }
  return parts.join("; ") || "inga perioder";
}

/** The municipality first, then each area by code; within an area by period type (finest first) and period. */
export function sortDeliveryCells(cells: readonly DeliveryCell[]): DeliveryCell[] {
  return [...cells].sort(
    (a, b) =>
      a.level - b.level ||
      (a.nyko ?? "").localeCompare(b.nyko ?? "") ||
      PERIOD_ORDER.indexOf(a.periodType) - PERIOD_ORDER.indexOf(b.periodType) ||
      a.period.localeCompare(b.period),
  );
}

const isSuppressed = (c: DeliveryCell) => cellStatus(c) === "suppressed";
const isMissing = (c: DeliveryCell) => cellStatus(c) === "missing";
/** What the value column shows: the number, `..`, `saknas`, or nothing (a rate without a denominator). */
const shownValue = (c: DeliveryCell): CellValue => (isSuppressed(c) ? SUPPRESSED_MARK : isMissing(c) ? MISSING_MARK : c.value);

/**
 * The series the chart plots: the municipality (or, without municipality cells, the first area) over the finest
 * period type with at least two periods, else the finest with one.
 */
export function chartSeries(sorted: readonly DeliveryCell[]): { type: PeriodType; nyko: string | null; cells: DeliveryCell[] } | null {
  const first = sorted[0];
  if (!first) return null;
  const own = sorted.filter((c) => c.level === first.level && c.nyko === first.nyko);
  const byType = PERIOD_ORDER.map((type) => ({ type, cells: own.filter((c) => c.periodType === type) })).filter((s) => s.cells.length > 0);
  const pick = byType.find((s) => s.cells.length >= 2) ?? byType[0];
  return pick ? { type: pick.type, nyko: first.nyko, cells: pick.cells } : null;
}

function headerLines(delivery: Delivery, def: Definition, cells: readonly DeliveryCell[]): string[] {
  const unit = unitText(def);
  return [`${def.title}${unit ? ` (${unit})` : ""}`, `Källa: ${delivery.source}`, `Period: ${periodSpan(cells)}`, deliveredLine(delivery), protectionLine(delivery), ...reportingLines(delivery)];
}

/**
 * What the numbers stand on, beside the legend of `..`: "Komplett till och med 2026-10-H2; saknas för november:
 * Polisen, Vaktbolaget" and the legend of `saknas` (only in deliveries that carry the reporting block or missing cells).
 */
/** The delivery's notes not already among `shown` (the reporting headline is a note and a header line). */
function notesBeyond(delivery: Delivery, shown: readonly string[]): string[] {
  return delivery.notes.filter((n) => !shown.includes(n));
}

function reportingLines(delivery: Delivery): string[] {
  const out: string[] = [];
  if (delivery.reporting) out.push(reportingHeadline(delivery.reporting));
  if (delivery.reporting || delivery.cells.some(isMissing)) out.push(MISSING_LEGEND);
  return out;
}

function deliveredLine(delivery: Delivery): string {
  return `Levererad: ${stockholmTime(delivery.createdAt)} (leverans nr ${delivery.number} till ${delivery.org})`;
}

function protectionLine(delivery: Delivery): string {
  return delivery.unsuppressed ? NOT_FOR_CIRCULATION : `${SUPPRESSED_MARK} = värdet skyddas (röjandekontroll, tröskel ${delivery.threshold}).`;
}

async function writeIndicatorSheet(port: WorkbookPort, delivery: Delivery, def: Definition, unsorted: readonly DeliveryCell[], names: ReadonlyMap<string, string>): Promise<WrittenIndicatorSheet> {
  const cells = sortDeliveryCells(unsorted);
  const sheet = await replaceOwnSheet(port, indicatorSheetKey(def.id), def.title);
  const lines = headerLines(delivery, def, cells);
  const anyAlarm = cells.some((c) => c.alarm);
  const decimals = def.factor === "none" ? "0" : "0.0";
  const rows: CellValue[][] = cells.map((c) => [
    c.nyko ?? MUNICIPALITY,
    c.nyko ? (names.get(c.nyko) ?? "") : "",
    c.level,
    PERIOD_TYPE_TEXT[c.periodType],
    c.period,
    shownValue(c),
    ...(anyAlarm ? [c.alarm ? ALARM_TEXT : ""] : []),
  ]);
  // The header lines fill the rows above the table: its header row is row `lines.length` (0-based).
  const headerRow = lines.length;
  const firstDataRow = headerRow + 1;
  await port.writeTable({
    sheet,
    at: a1(headerRow, 0),
    name: `Lagesbild_${def.id}`,
    headerLines: lines,
    columns: [
      { header: "Område", numberFormat: "@" },
      { header: "Områdesnamn", numberFormat: "@" },
      { header: "Nivå", numberFormat: "0" },
      { header: "Periodtyp", numberFormat: "@" },
      { header: "Period", numberFormat: "@" },
      { header: "Värde", numberFormat: decimals },
      ...(anyAlarm ? [{ header: "Tidig varning", numberFormat: "@" }] : []),
    ],
    rows,
  });

  // Suppressed values: a note each (up to the cap) and a grey fill; alarms: the value filled and explained.
  const suppressedRows = cells.flatMap((c, i) => (isSuppressed(c) ? [i] : []));
  const missingRows = cells.flatMap((c, i) => (isMissing(c) ? [i] : []));
  const alarmRows = cells.flatMap((c, i) => (c.alarm ? [i] : []));
  const marks: CellMark[] = [];
  for (const i of suppressedRows.slice(0, MAX_NOTES_PER_SHEET)) {
    marks.push({ cell: a1(firstDataRow + i, COL.value), fill: cells[i].alarm ? ALARM_FILL : SUPPRESSED_FILL, note: cells[i].alarm ? `${SUPPRESSED_NOTE} ${ALARM_NOTE}` : SUPPRESSED_NOTE });
  }
  for (const i of missingRows.slice(0, MAX_NOTES_PER_SHEET)) marks.push({ cell: a1(firstDataRow + i, COL.value), fill: MISSING_FILL, note: MISSING_NOTE });
  for (const i of alarmRows.filter((i) => !isSuppressed(cells[i])).slice(0, MAX_NOTES_PER_SHEET)) {
    marks.push({ cell: a1(firstDataRow + i, COL.value), fill: ALARM_FILL, note: ALARM_NOTE });
  }
  if (marks.length) await port.markCells(sheet, marks);
  if (anyAlarm) {
    const range = `${a1(firstDataRow, COL.alarm)}:${a1(firstDataRow + rows.length - 1, COL.alarm)}`;
    await port.addConditionalFormat({ sheet, range, textEquals: ALARM_TEXT, fill: ALARM_FILL });
  }

  // Below the table (one row left free, so the table does not grow into it): what an alarm is, and the notes.
  const below = [...(cells.length === 0 ? ["Inga publicerade värden för indikatorn i den här leveransen."] : []), ...(anyAlarm ? [ALARM_NOTE] : []), ...notesBeyond(delivery, lines)];
  if (below.length) await port.writeValues(sheet, a1(firstDataRow + Math.max(1, rows.length) + 1, 0), below.map((l) => [l]), ["@"]);

  // The chosen series beside the table, and its chart.
  const series = chartSeries(cells);
  if (series) {
    const col = anyAlarm ? COL.alarm + 2 : COL.value + 2;
    const label = series.nyko === null ? MUNICIPALITY : `${series.nyko}${names.get(series.nyko) ? ` ${names.get(series.nyko)}` : ""}`;
    // A missing period is an empty cell, so the line breaks there (a text would be drawn as 0 by Excel).
    const seriesRows: CellValue[][] = series.cells.map((c) => [c.period, isMissing(c) ? null : isSuppressed(c) ? SUPPRESSED_MARK : c.value]);
    await port.writeValues(sheet, a1(headerRow, col), [[`Period (${PERIOD_TYPE_TEXT[series.type]})`, label], ...seriesRows], ["@", decimals]);
    const range = `${a1(headerRow, col)}:${columnLetter(col + 1)}${headerRow + 1 + seriesRows.length}`;
    const kind = seriesRows.length >= 2 && (series.type === "halfmonth" || series.type === "month") ? "line" : "column";
    await port.addChart({ sheet, title: `${def.title}, ${series.nyko === null ? MUNICIPALITY.toLocaleLowerCase("sv") : label} per ${PERIOD_TYPE_TEXT[series.type]}`, dataRange: range, at: a1(headerRow, col + 3), kind, categoryTitle: `Period (${PERIOD_TYPE_TEXT[series.type]})`, valueTitle: unitText(def) || undefined });
  }
  return { indicator: def.id, sheet, tables: 1, rows: rows.length, suppressed: suppressedRows.length, missing: missingRows.length, alarms: alarmRows.length, chart: series !== null };
}

/**
 * Writes the delivery: the overview sheet and one sheet per indicator (every definition, and any indicator of the
 * cells without one), each replacing Lägesbild's own sheet from an earlier delivery. Returns what each sheet holds.
 */
export async function writeDeliverySheets(port: WorkbookPort, delivery: Delivery, options: DeliverySheetsOptions = {}): Promise<WrittenIndicatorSheet[]> {
  const names = options.areaNames ?? new Map<string, string>();
  const byIndicator = new Map<string, DeliveryCell[]>();
  for (const c of delivery.cells) byIndicator.set(c.indicator, [...(byIndicator.get(c.indicator) ?? []), c]);
  const definitions: Definition[] = [...delivery.definitions];
  for (const id of byIndicator.keys()) {
    if (!definitions.some((d) => d.id === id)) definitions.push({ id, version: 0, title: id, unit: "", factor: "none", description: "" });
  }

  // The overview is made first so that it comes first among new sheets; it is filled in at the end.
  const overview = await replaceOwnSheet(port, OVERVIEW_SHEET_KEY, OVERVIEW_SHEET);
  const written: WrittenIndicatorSheet[] = [];
  for (const def of definitions) written.push(await writeIndicatorSheet(port, delivery, def, byIndicator.get(def.id) ?? [], names));

  const overviewLines = [`Lägesbild: leverans nr ${delivery.number}`, `Källa: ${delivery.source}`, deliveredLine(delivery), protectionLine(delivery), ...reportingLines(delivery)];
  overviewLines.push(...notesBeyond(delivery, overviewLines));
  await port.writeTable({
    sheet: overview,
    at: a1(overviewLines.length, 0),
    name: "Lagesbild_leverans",
    headerLines: overviewLines,
    columns: [
      { header: "Indikator", numberFormat: "@" },
      { header: "Blad", numberFormat: "@" },
      { header: "Version", numberFormat: "0" },
      { header: "Enhet", numberFormat: "@" },
      { header: "Beskrivning", numberFormat: "@" },
      { header: "Celler", numberFormat: "0" },
      { header: "Skyddade", numberFormat: "0" },
      { header: "Larm", numberFormat: "0" },
      { header: "Saknas", numberFormat: "0" },
    ],
    rows: written.map((w, i) => {
      const def = definitions[i];
      return [def.title, w.sheet, def.version, unitText(def), def.description, w.rows, w.suppressed, w.alarms, w.missing];
    }),
  });
  await port.selectCell(overview, "A1");
  return written;
}
