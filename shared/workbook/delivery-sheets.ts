// The one writer of a delivery (shared/protocol/delivery.ts) into a workbook, through the workbook port: used by the
// add-in's refresh (Office.js) and by `lagesbild fetch` (ExcelJS) alike. Per indicator a sheet of Lägesbild's own,
// named after the indicator and replaced on the next delivery (never a sheet the user made): header lines (title,
// source, periods, delivery time in Europe/Stockholm, threshold or "not for circulation"), the published cells in
// the wide form (areas as rows, periods as columns: see wide-blocks.ts) as Excel tables with number formats,
// suppressed values as exactly ".." with a note, alarms marked (a fill and a note on the value) and explained, and
// the chosen series as a chart (a picture where the host has no native charts). Every sheet prints landscape, one
// page wide, with its title on every page and its names in full. An overview sheet lists the indicators and notes.
import { stockholmTime } from "../periods/stockholm";
import { PERIOD_TYPE_TEXT } from "../periods/text";
import { a1 } from "../grid/a1";
import type { CellValue } from "../grid/cell";
import { cellStatus, MISSING_LEGEND, MISSING_MARK, SUPPRESSED_MARK, type Delivery, type DeliveryCell, type PeriodType } from "../protocol/delivery";
import { reportingHeadline } from "../indicators/reporting";
import type { CellMark, WorkbookPort } from "../protocol/workbook";
import { replaceOwnSheet } from "./own-sheets";
import { areaLabels, blockTitle, LABEL_COLUMNS, LABEL_HEADERS, LATEST_HEADERS, latestRow, latestTitle, MUNICIPALITY, PERIOD_ORDER, planIndicatorSheet, shownValue, fitWidths } from "./wide-blocks";
import { CHANGE_TEXT, UNCERTAIN_MARK } from "../stats/cell-uncertainty";
import { writeSafetySheet } from "./safety-sheet";

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
export const SUPPRESSED_NOTE = `Skyddat värde (${SUPPRESSED_MARK}): för få händelser för att visas, eller skyddat för att det annars kunde räknas fram.`;
export const ALARM_NOTE =
  "Larm (tidig varning): värdet är ovanligt högt jämfört med områdets tidigare publicerade perioder. " +
  "Ett larm är en signal att titta närmare, inte ett bevis på att något har hänt, och det säger inget om orsaken.";
export const UNCERTAIN_FILL = "#FFF4CE";
/** The note on an "osäker" value, with its interval in Swedish number format. */
export function uncertainCellNote(c: Pick<DeliveryCell, "low" | "high">, decimals: number): string {
  const f = (x: number) => x.toLocaleString("sv-SE", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const ci = c.low !== undefined && c.high !== undefined ? ` 95 % konfidensintervall ${f(c.low)}–${f(c.high)}.` : "";
  return `Osäker (${UNCERTAIN_MARK}): värdet bygger på få händelser eller svarande och kan variera mycket av en slump.${ci}`;
}
/** The legend of the interval columns, the "osäker" fill and the change words. */
export const INTERVAL_LEGEND =
  `Låg och hög (95 %) = konfidensintervall beräknat ur det publicerade värdet; ${UNCERTAIN_MARK} (ljusgul) = intervallet är bredare än värdet eller underlaget litet; ` +
  `"${CHANGE_TEXT.unclear}" om inte ett exakt test visar en ökning eller minskning.`;
export const NOT_FOR_CIRCULATION = "Ej röjandekontrollerad: endast för huvudmannens eget bruk, får inte spridas.";

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

type Definition = Delivery["definitions"][number];

export interface DeliverySheetsOptions {
  /** NYKO code → area name, for a readable area column. */
  areaNames?: ReadonlyMap<string, string>;
}

export interface WrittenIndicatorSheet {
  indicator: string;
  sheet: string;
  /** Excel tables on the sheet: one per block of areas × periods. */
  tables: number;
  /** The delivered cells the sheet shows. */
  rows: number;
  suppressed: number;
  /** Cells not reported by every expected partner (`saknas`). */
  missing: number;
  alarms: number;
  chart: boolean;
  /** Where a picture of the area map goes: under the chart, at the start of a page. */
  mapAt: string;
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

/** The delivery's notes that concern an indicator's sheet: all but those about another indicator (by its title). */
export function notesFor(delivery: Delivery, def: Pick<Definition, "id">): string[] {
  const others = delivery.definitions.filter((d) => d.id !== def.id).map((d) => `${d.title}:`);
  return delivery.notes.filter((n) => !others.some((t) => n.startsWith(t)));
}

async function writeIndicatorSheet(port: WorkbookPort, delivery: Delivery, def: Definition, unsorted: readonly DeliveryCell[], names: ReadonlyMap<string, string>): Promise<WrittenIndicatorSheet> {
  const cells = sortDeliveryCells(unsorted);
  const sheet = await replaceOwnSheet(port, indicatorSheetKey(def.id), def.title);
  const lines = headerLines(delivery, def, cells);
  const anyAlarm = cells.some((c) => c.alarm);
  const decimalCount = def.factor === "none" ? 0 : 1;
  const decimals = decimalCount === 0 ? "0" : "0.0";
  const anyInterval = cells.some((c) => c.low !== undefined || c.change !== undefined);
  const below = [...(cells.length === 0 ? ["Inga publicerade värden för indikatorn i den här leveransen."] : []), ...(anyAlarm ? [ALARM_NOTE] : []), ...(anyInterval ? [INTERVAL_LEGEND] : []), ...notesFor(delivery, def).filter((n) => !lines.includes(n))];
  const series = chartSeries(cells);
  const label = series ? (series.nyko === null ? MUNICIPALITY : `${series.nyko}${names.get(series.nyko) ? ` ${names.get(series.nyko)}` : ""}`) : "";
  // The series with its 95 % interval beside it (two columns the chart draws as an error band or whiskers).
  const seriesInterval = series !== null && series.cells.some((c) => c.low !== undefined);
  const seriesTable = series
    ? {
        header: ["Period", label, ...(seriesInterval ? ["Låg (95 %)", "Hög (95 %)"] : [])],
        rows: series.cells.map((c) => [c.period, isMissing(c) ? null : isSuppressed(c) ? SUPPRESSED_MARK : c.value, ...(seriesInterval ? [c.low ?? null, c.high ?? null] : [])]),
      }
    : null;
  // The wide form (areas as rows, periods as columns), cut into blocks that each fit on a printed page.
  const plan = planIndicatorSheet({ cells, names, headerLines: lines.length, belowLines: below.length, series: seriesTable, decimals: decimalCount });

  await port.writeValues(sheet, "A1", lines.map((l) => [l]), ["@"]);
  const marks: CellMark[] = [];
  let suppressed = 0;
  let missing = 0;
  let alarms = 0;
  let uncertain = 0;
  for (const [i, b] of plan.blocks.entries()) {
    await port.writeTable({
      sheet,
      at: a1(b.headerRow, 0),
      name: i === 0 ? `Lagesbild_${def.id}` : `Lagesbild_${def.id}_${i + 1}`,
      headerLines: [blockTitle(b)],
      columns: [
        { header: LABEL_HEADERS[0], numberFormat: "@" },
        { header: LABEL_HEADERS[1], numberFormat: "@" },
        { header: LABEL_HEADERS[2], numberFormat: "0" },
        ...b.periods.map((p) => ({ header: p, numberFormat: decimals })),
      ],
      rows: b.areas.map((a, r) => [...areaLabels(a, names), ...b.cells[r].map(shownValue)]),
    });
    // Suppressed values: a note each (up to the cap) and a grey fill; alarms: the value filled and explained.
    b.cells.forEach((row, r) => row.forEach((c, p) => {
      if (!c) return;
      const cell = a1(b.firstDataRow + r, LABEL_COLUMNS + p);
      if (isSuppressed(c)) {
        if (++suppressed <= MAX_NOTES_PER_SHEET) marks.push({ cell, fill: c.alarm ? ALARM_FILL : SUPPRESSED_FILL, note: c.alarm ? `${SUPPRESSED_NOTE} ${ALARM_NOTE}` : SUPPRESSED_NOTE });
      }
      if (isMissing(c) && ++missing <= MAX_NOTES_PER_SHEET) marks.push({ cell, fill: MISSING_FILL, note: MISSING_NOTE });
      if (c.alarm && ++alarms <= MAX_NOTES_PER_SHEET && !isSuppressed(c)) marks.push({ cell, fill: ALARM_FILL, note: c.uncertain ? `${ALARM_NOTE} ${uncertainCellNote(c, decimalCount)}` : ALARM_NOTE });
      else if (c.uncertain && !c.alarm && ++uncertain <= MAX_NOTES_PER_SHEET) marks.push({ cell, fill: UNCERTAIN_FILL, note: uncertainCellNote(c, decimalCount) });
    }));
  }
  // The latest-period view: value, its interval in two columns, "osäker" and the change marks.
  for (const [i, v] of plan.latest.entries()) {
    await port.writeTable({
      sheet,
      at: a1(v.headerRow, 0),
      name: i === 0 ? `Lagesbild_${def.id}_senaste` : `Lagesbild_${def.id}_senaste_${i + 1}`,
      headerLines: [latestTitle(v)],
      columns: [
        { header: LABEL_HEADERS[0], numberFormat: "@" },
        { header: LABEL_HEADERS[1], numberFormat: "@" },
        { header: LABEL_HEADERS[2], numberFormat: "0" },
        { header: LATEST_HEADERS[0], numberFormat: decimals },
        { header: LATEST_HEADERS[1], numberFormat: "0.0" },
        { header: LATEST_HEADERS[2], numberFormat: "0.0" },
        ...LATEST_HEADERS.slice(3).map((header) => ({ header, numberFormat: "@" })),
      ],
      rows: v.areas.map((a, r) => [...areaLabels(a, names), ...latestRow(v.cells[r])]),
    });
    v.cells.forEach((c, r) => {
      const cell = a1(v.firstDataRow + r, LABEL_COLUMNS);
      if (isSuppressed(c)) marks.push({ cell, fill: SUPPRESSED_FILL });
      else if (isMissing(c)) marks.push({ cell, fill: MISSING_FILL });
      else if (c.uncertain) marks.push({ cell, fill: UNCERTAIN_FILL });
    });
  }
  if (marks.length) await port.markCells(sheet, marks);

  // Below the tables (one row left free, so no table grows into it): what an alarm is, and the notes.
  if (below.length) await port.writeValues(sheet, a1(plan.belowRow, 0), below.map((l) => [l]), ["@"]);

  // The chosen series on a page of its own, and its chart beside it.
  if (series && seriesTable && plan.chartRow !== null) {
    await port.writeValues(sheet, a1(plan.chartRow, 0), [seriesTable.header, ...seriesTable.rows], ["@", decimals, ...(seriesInterval ? [decimals, decimals] : [])]);
    const range = `${a1(plan.chartRow, 0)}:${seriesInterval ? "D" : "B"}${plan.chartRow + 1 + seriesTable.rows.length}`;
    const kind = seriesTable.rows.length >= 2 && (series.type === "halfmonth" || series.type === "month" || series.type === "week") ? "line" : "column";
    await port.addChart({ sheet, title: `${def.title}, ${series.nyko === null ? MUNICIPALITY.toLocaleLowerCase("sv") : label} per ${PERIOD_TYPE_TEXT[series.type]}`, dataRange: range, at: a1(plan.chartRow, plan.mapCol), kind, categoryTitle: `Period (${PERIOD_TYPE_TEXT[series.type]})`, valueTitle: unitText(def) || undefined, ...(seriesInterval ? { interval: { lowColumn: 2, highColumn: 3 } } : {}) });
  }

  // Landscape, one page wide, the title on every page, the area labels frozen, names in full.
  await port.setColumnWidths(sheet, plan.widths);
  await port.setPageSetup({ sheet, orientation: "landscape", fitToWidth: 1, printTitleRows: { first: 1, last: 1 }, freeze: plan.freeze, rowBreaks: plan.rowBreaks });
  return {
    indicator: def.id, sheet, tables: plan.blocks.length, rows: cells.length, suppressed, missing, alarms, chart: series !== null,
    mapAt: a1(plan.mapRow, plan.mapCol),
  };
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
  // A direct measure of safety beside the incidents of the same areas and year, when the delivery has one.
  const safety = await writeSafetySheet(port, delivery, names, [deliveredLine(delivery), protectionLine(delivery)]);

  const overviewLines = [`Lägesbild: leverans nr ${delivery.number}`, `Källa: ${delivery.source}`, deliveredLine(delivery), protectionLine(delivery), ...reportingLines(delivery)];
  if (safety) overviewLines.push(`Bladet ”${safety}” visar enkäternas trygghetsmått bredvid händelserna i samma områden och år.`);
  overviewLines.push(...notesBeyond(delivery, overviewLines));
  const overviewHeaders = ["Indikator", "Blad", "Version", "Enhet", "Beskrivning", "Celler", "Skyddade", "Larm", "Saknas"];
  const overviewRows: CellValue[][] = written.map((w, i) => {
    const def = definitions[i];
    return [def.title, w.sheet, def.version, unitText(def), def.description, w.rows, w.suppressed, w.alarms, w.missing];
  });
  await port.writeTable({
    sheet: overview,
    at: a1(overviewLines.length, 0),
    name: "Lagesbild_leverans",
    headerLines: overviewLines,
    columns: overviewHeaders.map((header, i) => ({ header, numberFormat: i === 2 || i >= 5 ? "0" : "@" })),
    rows: overviewRows,
  });
  // The overview prints as the indicator sheets do, its header row on every page and frozen on screen.
  const headerRow = overviewLines.length + 1;
  await port.setColumnWidths(overview, fitWidths(overviewHeaders.map((h, i) => [h, ...overviewRows.map((r) => r[i])]), 0));
  await port.setPageSetup({ sheet: overview, orientation: "landscape", fitToWidth: 1, printTitleRows: { first: headerRow, last: headerRow }, freeze: { rows: headerRow, columns: 1 } });
  await port.selectCell(overview, "A1");
  return written;
}
