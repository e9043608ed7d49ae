// Writes a delivery (shared/protocol/delivery.ts) into a workbook through the workbook port: one sheet per
// indicator (header lines with title, source, period and delivery time; a table of every published cell with
// suppressed values as exactly ".." and a note; the municipality's series as a chart), and an overview sheet.
// Host-agnostic: only the port and shared contracts, so the add-in's refresh can write the same sheets.
import { a1, columnLetter } from "../../shared/grid/a1";
import type { CellValue } from "../../shared/grid/cell";
import { SUPPRESSED_MARK, type Delivery, type DeliveryCell, type PeriodType } from "../../shared/protocol/delivery";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { sheetNameProblem } from "../../shared/workbook/layout";

export const OVERVIEW_SHEET = "Leverans";
/** Suppressed cells get a note each up to this many per sheet (the header line explains ".." for all). */
const MAX_NOTES_PER_SHEET = 2000;
const SUPPRESSED_FILL = "#EDEBE9";

const PERIOD_TYPE_TEXT: Record<PeriodType, string> = { halfmonth: "halvmånad", month: "månad", quarter: "kvartal", year: "år", schoolyear: "läsår" };
const PERIOD_ORDER: PeriodType[] = ["halfmonth", "month", "quarter", "year", "schoolyear"];
const FACTOR_TEXT = { none: "", per1000: " per 1 000", percent: " (procent)" } as const;

export interface DeliverySheetsOptions {
  /** NYKO code → area name, for a readable area column. */
  areaNames?: ReadonlyMap<string, string>;
}

export interface WrittenIndicatorSheet {
  indicator: string;
  sheet: string;
  rows: number;
  suppressed: number;
  chart: boolean;
}

/** A valid, unique sheet name from an indicator title. */
export function indicatorSheetName(title: string, taken: ReadonlySet<string>): string {
  let base = title.replace(/[[\]:*?/\\]/g, " ").replace(/^'+|'+$/g, "").replace(/\s+/g, " ").trim() || "Indikator";
  base = base.slice(0, 31).trim();
  let name = base;
  for (let n = 2; taken.has(name.toLocaleLowerCase("sv")) || sheetNameProblem(name) !== null; n++) name = `${base.slice(0, 31 - ` (${n})`.length).trim()} (${n})`;
  return name;
}

/** Delivery time as people in the municipality read it. */
export function stockholmTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" }).format(d);
}

function periodSpan(cells: readonly DeliveryCell[]): string {
  const parts: string[] = [];
  for (const type of PERIOD_ORDER) {
    const periods = cells.filter((c) => c.periodType === type).map((c) => c.period).sort();
    if (periods.length) parts.push(`${PERIOD_TYPE_TEXT[type]} ${periods[0]}${periods.length > 1 ? ` – ${periods[periods.length - 1]}` : ""}`);
  }
  return parts.join("; ") || "inga perioder";
}

function sortCells(cells: DeliveryCell[]): DeliveryCell[] {
  return cells.sort(
    (a, b) =>
      a.level - b.level ||
      (a.nyko ?? "").localeCompare(b.nyko ?? "") ||
      PERIOD_ORDER.indexOf(a.periodType) - PERIOD_ORDER.indexOf(b.periodType) ||
      a.period.localeCompare(b.period),
  );
}

/** The finest period type with municipality cells: the chart's series. */
function chartSeries(cells: readonly DeliveryCell[]): { type: PeriodType; cells: DeliveryCell[] } | null {
  for (const type of PERIOD_ORDER) {
    const own = cells.filter((c) => c.level === 0 && c.periodType === type).sort((a, b) => a.period.localeCompare(b.period));
    if (own.length >= 2) return { type, cells: own };
  }
  return null;
}

export async function writeDeliverySheets(port: WorkbookPort, delivery: Delivery, options: DeliverySheetsOptions = {}): Promise<WrittenIndicatorSheet[]> {
  const names = options.areaNames ?? new Map<string, string>();
  const byIndicator = new Map<string, DeliveryCell[]>();
  for (const c of delivery.cells) byIndicator.set(c.indicator, [...(byIndicator.get(c.indicator) ?? []), c]);
  const definitions = [...delivery.definitions];
  for (const id of byIndicator.keys()) {
    if (!definitions.some((d) => d.id === id)) definitions.push({ id, version: 0, title: id, unit: "", factor: "none", description: "" });
  }
  // Names this call writes; a sheet of the same name from an earlier fetch is replaced, not renamed around.
  const taken = new Set<string>();
  const delivered = `Levererad: ${stockholmTime(delivery.createdAt)} (leverans nr ${delivery.number} till ${delivery.org})`;
  const protection = delivery.unsuppressed
    ? "Ej röjandekontrollerad: endast för huvudmannens eget bruk, får inte spridas."
    : `${SUPPRESSED_MARK} = värdet skyddas (röjandekontroll, tröskel ${delivery.threshold}).`;

  await port.replaceSheet(OVERVIEW_SHEET);
  taken.add(OVERVIEW_SHEET.toLocaleLowerCase("sv"));
  const written: WrittenIndicatorSheet[] = [];
  for (const def of definitions) {
    const cells = sortCells(byIndicator.get(def.id) ?? []);
    const sheet = indicatorSheetName(def.title, taken);
    taken.add(sheet.toLocaleLowerCase("sv"));
    await port.replaceSheet(sheet);
    const unit = `${def.unit}${FACTOR_TEXT[def.factor]}`.trim();
    const headerLines = [
      `${def.title}${unit ? ` (${unit})` : ""}`,
      `Källa: ${delivery.source}`,
      `Period: ${periodSpan(cells)}`,
      delivered,
      protection,
    ];
    const anyAlarm = cells.some((c) => c.alarm);
    const decimals = def.factor === "none" ? "0" : "0.0";
    const rows: CellValue[][] = cells.map((c) => [
      c.nyko ?? "Hela kommunen",
      c.nyko ? (names.get(c.nyko) ?? "") : "",
      c.level,
      PERIOD_TYPE_TEXT[c.periodType],
      c.period,
      c.suppressed || c.value === null ? SUPPRESSED_MARK : c.value,
      ...(anyAlarm ? [c.alarm ? "Larm" : ""] : []),
    ]);
    await port.writeTable({
      sheet,
      at: a1(headerLines.length, 0),
      name: `Lagesbild_${def.id}`,
      headerLines,
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
    // The header lines fill the rows above the table: its header row is row `headerLines.length` (0-based).
    const headerRow = headerLines.length;
    const firstDataRow = headerRow + 1;
    const suppressedRows = cells.map((c, i) => (c.suppressed || c.value === null ? i : -1)).filter((i) => i >= 0);
    if (suppressedRows.length) {
      const marks = suppressedRows.slice(0, MAX_NOTES_PER_SHEET).map((i) => ({
        cell: a1(firstDataRow + i, 5),
        fill: SUPPRESSED_FILL,
        note: `Skyddat värde (${SUPPRESSED_MARK}): för få händelser för att visas, eller skyddat för att det annars kunde räknas fram.`,
      }));
      await port.markCells(sheet, marks);
    }
    // The municipality's series beside the table, and its chart (a picture where the host has no native charts).
    const series = chartSeries(cells);
    if (series) {
      const col = anyAlarm ? 8 : 7;
      const seriesRows: CellValue[][] = series.cells.map((c) => [c.period, c.suppressed || c.value === null ? SUPPRESSED_MARK : c.value]);
      await port.writeValues(sheet, a1(headerRow, col), [[`Period (${PERIOD_TYPE_TEXT[series.type]})`, "Hela kommunen"], ...seriesRows], ["@", decimals]);
      const range = `${a1(headerRow, col)}:${columnLetter(col + 1)}${headerRow + 1 + seriesRows.length}`;
      await port.addChart({ sheet, title: `${def.title}, hela kommunen per ${PERIOD_TYPE_TEXT[series.type]}`, dataRange: range, at: a1(headerRow, col + 3), kind: series.type === "halfmonth" || series.type === "month" ? "line" : "column" });
    }
    written.push({ indicator: def.id, sheet, rows: rows.length, suppressed: suppressedRows.length, chart: series !== null });
  }

  const overviewLines = [`Lägesbild: leverans nr ${delivery.number}`, `Källa: ${delivery.source}`, delivered, protection, ...delivery.notes];
  await port.writeTable({
    sheet: OVERVIEW_SHEET,
    at: a1(overviewLines.length, 0),
    name: "Lagesbild_leverans",
    headerLines: overviewLines,
    columns: [{ header: "Indikator", numberFormat: "@" }, { header: "Blad", numberFormat: "@" }, { header: "Version", numberFormat: "0" }, { header: "Enhet", numberFormat: "@" }, { header: "Beskrivning", numberFormat: "@" }, { header: "Celler", numberFormat: "0" }, { header: "Skyddade", numberFormat: "0" }],
    rows: written.map((w) => {
      const def = definitions.find((d) => d.id === w.indicator)!;
      return [def.title, w.sheet, def.version, `${def.unit}${FACTOR_TEXT[def.factor]}`.trim(), def.description, w.rows, w.suppressed];
    }),
  });
  await port.selectCell(OVERVIEW_SHEET, "A1");
  return written;
}
