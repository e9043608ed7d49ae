// The printed shape of an indicator sheet: the delivery's cells (one per area × period, the long form that CSV and
// JSON keep) laid out wide, areas as rows and periods as columns, one block per period type and run of at most
// MAX_PERIOD_COLUMNS periods. Blocks are cut by rows so that each fits on one landscape page at the print scale
// that fit-to-width gives, and a block that would not fit on the rest of a page starts the next page: every printed
// page shows the indicator's title (the repeated title row), a block title and the block's own column headers.
// Pure: the writer (delivery-sheets.ts) carries the plan out through the workbook port.
import type { CellValue } from "../grid/cell";
import { PERIOD_TYPE_TEXT } from "../periods/text";
import { PUBLISHED_PERIOD_TYPES } from "../periods/period";
import { cellMark, cellStatus, type DeliveryCell, type PeriodType } from "../protocol/delivery";
import { CHANGE_TEXT, UNCERTAIN_MARK } from "../stats/cell-uncertainty";
import { columnWidthPt, printScale, pxToPt, rowsCovered, rowsPerPage } from "./print-pages";

/** Periods side by side in one block at most (a year of months and one more; half-months come in two blocks). */
export const MAX_PERIOD_COLUMNS = 13;
export const LABEL_HEADERS = ["Område", "Områdesnamn", "Nivå"] as const;
export const MUNICIPALITY = "Hela kommunen";
/** Columns before the periods: area code, area name, level. */
export const LABEL_COLUMNS = LABEL_HEADERS.length;
/** Period types finest first (the order of the blocks). */
export const PERIOD_ORDER = PUBLISHED_PERIOD_TYPES;
/** Pictures: the chart (as ExcelJS renders it) and the area map the pane inserts, in pixels. */
export const CHART_PX = { width: 480, height: 288 } as const;
// The map's box: the server's map SVG is 800 wide and at most about 845 tall (its legend grows with the classes and
// states), so at 480 px wide it stays within 510 px; `insertAreaMaps` keeps every map inside this box.
export const MAP_PX = { width: 480, height: 510 } as const;
/** Rows kept free on every page, so that a small difference from Excel's own pagination moves no row over. */
const SLACK_ROWS = 2;
const MAX_COLUMN_WIDTH = 40;
const MIN_COLUMN_WIDTH = 6;

export interface Area {
  nyko: string | null;
  level: number;
}

export interface WideBlock {
  periodType: PeriodType;
  /** The block's period columns, in order. */
  periods: string[];
  areas: Area[];
  /** The delivery's cell for each area (row) and period (column), or undefined where the delivery has none. */
  cells: (DeliveryCell | undefined)[][];
  /** Which of the block's row parts this is (1-based), of how many. */
  part: number;
  parts: number;
}

export interface PlacedBlock extends WideBlock {
  /** 0-based rows: the block's title line, its header row, its first data row. */
  titleRow: number;
  headerRow: number;
  firstDataRow: number;
}

/**
 * The latest-period view: the latest published period of one period type, one row per area with the value, its 95 %
 * interval (two columns), the "osäker" mark and the change against the previous period and the same period a year
 * before ("ingen säker förändring" unless the exact test says otherwise).
 */
export interface LatestView {
  periodType: PeriodType;
  period: string;
  areas: Area[];
  cells: DeliveryCell[];
}

export interface PlacedLatest extends LatestView {
  part: number;
  parts: number;
  titleRow: number;
  headerRow: number;
  firstDataRow: number;
}

/** The latest-period view's columns after the area labels. */
export const LATEST_HEADERS = ["Värde", "Låg (95 %)", "Hög (95 %)", "Osäker", "Mot föregående period", "Mot samma period i fjol"] as const;
/** Which period type the latest-period view shows, in order of preference (the period people read: a month). */
const LATEST_PREFERENCE: readonly PeriodType[] = ["month", "quarter", "halfmonth", "week", "year", "schoolyear"];

/**
 * The latest-period view of an indicator's cells: the preferred period type's latest period with a published value,
 * every area with a cell in it. Null when the delivery carries no intervals (made before they existed).
 */
export function latestView(cells: readonly DeliveryCell[]): LatestView | null {
  if (!cells.some((c) => c.low !== undefined || c.change !== undefined)) return null;
  for (const type of LATEST_PREFERENCE) {
    const own = cells.filter((c) => c.periodType === type);
    const period = own.filter((c) => cellStatus(c) === "value").map((c) => c.period).sort().pop();
    if (period === undefined) continue;
    const at = own.filter((c) => c.period === period).sort((a, b) => compareAreas(a, b));
    return { periodType: type, period, areas: at.map((c) => ({ nyko: c.nyko, level: c.level })), cells: at };
  }
  return null;
}

/** The latest-period view's title line: "månad 2026-10: senaste perioden med 95 % konfidensintervall". */
export function latestTitle(v: LatestView & { part?: number; parts?: number }): string {
  const part = v.parts !== undefined && v.parts > 1 ? `, del ${v.part} av ${v.parts}` : "";
  return `${PERIOD_TYPE_TEXT[v.periodType]} ${v.period}: senaste perioden med 95 % konfidensintervall och förändring${part}`;
}

/** A row of the latest-period view after the area labels: value (or its mark), low, high, osäker, the two changes. */
export function latestRow(c: DeliveryCell): CellValue[] {
  const published = cellStatus(c) === "value";
  return [
    shownValue(c),
    published ? (c.low ?? null) : null,
    published ? (c.high ?? null) : null,
    c.uncertain ? UNCERTAIN_MARK : null,
    c.change?.previous ? CHANGE_TEXT[c.change.previous] : null,
    c.change?.lastYear ? CHANGE_TEXT[c.change.lastYear] : null,
  ];
}

export interface IndicatorSheetPlan {
  blocks: PlacedBlock[];
  /** The latest-period view's parts (none for a delivery without intervals). */
  latest: PlacedLatest[];
  /** Widths in characters from column A. */
  widths: number[];
  /** 1-based rows that start a new page. */
  rowBreaks: number[];
  /** 0-based row of the lines below the tables (notes). */
  belowRow: number;
  /** 0-based row of the chart's series (in A:B) and the chart beside it (null without a chart). */
  chartRow: number | null;
  /** 0-based row of the area map, and its column. */
  mapRow: number;
  mapCol: number;
  /** 1-based: the rows frozen on screen and the repeated title rows. */
  freeze: { rows: number; columns: number };
  scale: number;
}

/** The fewest consecutive runs of at most `max` items, as even as can be (25 by 13: 13 and 12). */
export function evenChunks<T>(items: readonly T[], max: number): T[][] {
  if (items.length === 0) return [];
  const n = Math.ceil(items.length / Math.max(1, max));
  const out: T[][] = [];
  for (let i = 0, start = 0; i < n; i++) {
    const size = Math.ceil((items.length - start) / (n - i));
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

const areaKey = (a: Area) => `${a.level}:${a.nyko ?? ""}`;
const compareAreas = (a: Area, b: Area) => a.level - b.level || (a.nyko ?? "").localeCompare(b.nyko ?? "");

/**
 * What a cell of the wide table shows: the value, exactly `..` when it is suppressed, `saknas` when not every
 * expected partner has reported its period (never 0). A period the delivery has no cell for stays empty.
 */
export function shownValue(cell: DeliveryCell | undefined): CellValue {
  // A rate without a denominator has no value: empty, neither `..` nor `saknas`.
  return cell ? (cellMark(cell) ?? cell.value) : null;
}

/** The row labels of an area: code (or the municipality), name, level. */
export function areaLabels(area: Area, names: ReadonlyMap<string, string>): CellValue[] {
  return [area.nyko ?? MUNICIPALITY, area.nyko ? (names.get(area.nyko) ?? "") : "", area.level];
}

/** Blocks per period type (finest first) and run of periods, each with every area that has a cell of that type. */
export function periodBlocks(cells: readonly DeliveryCell[]): WideBlock[] {
  const blocks: WideBlock[] = [];
  for (const type of PERIOD_ORDER) {
    const own = cells.filter((c) => c.periodType === type);
    if (own.length === 0) continue;
    const areas = new Map<string, Area>();
    for (const c of own) areas.set(areaKey(c), { nyko: c.nyko, level: c.level });
    const sortedAreas = [...areas.values()].sort(compareAreas);
    const index = new Map(own.map((c) => [`${areaKey(c)}|${c.period}`, c]));
    for (const periods of evenChunks([...new Set(own.map((c) => c.period))].sort(), MAX_PERIOD_COLUMNS)) {
      blocks.push({
        periodType: type, periods, areas: sortedAreas, part: 1, parts: 1,
        cells: sortedAreas.map((a) => periods.map((p) => index.get(`${areaKey(a)}|${p}`))),
      });
    }
  }
  return blocks;
}

/** The block's title line, e.g. "månad 2025-11 – 2026-10" or "halvmånad 2026-01-H1 – 2026-06-H2, del 2 av 2". */
export function blockTitle(b: WideBlock): string {
  const span = `${b.periods[0]}${b.periods.length > 1 ? ` – ${b.periods[b.periods.length - 1]}` : ""}`;
  return `${PERIOD_TYPE_TEXT[b.periodType]} ${span}${b.parts > 1 ? `, del ${b.part} av ${b.parts}` : ""}`;
}

const textWidth = (v: CellValue, decimals: number): number =>
  v === null ? 0 : typeof v === "number" ? v.toFixed(decimals).length : String(v).length;

/** Column widths that fit the longest text of each column (names in full), within bounds. */
export function fitWidths(columns: readonly (readonly CellValue[])[], decimals: number): number[] {
  return columns.map((texts) => Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, ...texts.map((t) => textWidth(t, decimals) + 2))));
}

export interface PlanInput {
  cells: readonly DeliveryCell[];
  names: ReadonlyMap<string, string>;
  /** Lines above the tables (title first: it is the title row repeated on every page). */
  headerLines: number;
  /** Lines below the tables. */
  belowLines: number;
  /** The chart's series (period and label texts), or null when there is no chart. */
  series: { header: CellValue[]; rows: CellValue[][] } | null;
  decimals: number;
}

export function planIndicatorSheet(input: PlanInput): IndicatorSheetPlan {
  const whole = periodBlocks(input.cells);
  // Widths from every text each column holds: labels, names, period headers, values, the chart's series.
  const columns: CellValue[][] = [];
  const add = (col: number, v: CellValue) => (columns[col] ??= []).push(v);
  LABEL_HEADERS.forEach((h, i) => add(i, h));
  for (const b of whole) {
    for (const a of b.areas) areaLabels(a, input.names).forEach((v, i) => add(i, v));
    b.periods.forEach((p, i) => add(LABEL_COLUMNS + i, p));
    b.cells.forEach((row) => row.forEach((c, i) => add(LABEL_COLUMNS + i, shownValue(c))));
  }
  const latest = latestView(input.cells);
  if (latest) {
    LATEST_HEADERS.forEach((h, i) => add(LABEL_COLUMNS + i, h));
    for (const [r, c] of latest.cells.entries()) {
      areaLabels(latest.areas[r], input.names).forEach((v, i) => add(i, v));
      latestRow(c).forEach((v, i) => add(LABEL_COLUMNS + i, v));
    }
  }
  if (input.series) for (const row of [input.series.header, ...input.series.rows]) row.forEach((v, i) => add(i, v));
  const widths = fitWidths(Array.from({ length: Math.max(columns.length, LABEL_COLUMNS) }, (_, i) => columns[i] ?? []), input.decimals);

  // The pictures start in the column after the labels: anything of theirs beyond the columns widens the page.
  const labelsPt = widths.slice(0, LABEL_COLUMNS).reduce((s, w) => s + columnWidthPt(w), 0);
  const columnsPt = widths.reduce((s, w) => s + columnWidthPt(w), 0);
  const extraWidthPt = Math.max(0, labelsPt + pxToPt(Math.max(CHART_PX.width, MAP_PX.width)) - columnsPt);
  const shape = { orientation: "landscape" as const, fitToWidth: 1, columnWidths: widths, extraWidthPt };
  const scale = printScale(shape);
  const usable = rowsPerPage(scale, shape) - SLACK_ROWS;
  // A page after the first repeats the title row above its block's title line and header row.
  const rowsPerBlock = Math.max(1, usable - 1 - 2);

  const blocks: PlacedBlock[] = [];
  const rowBreaks: number[] = [];
  let row = input.headerLines + 1; // a free row under the header lines
  let onPage = row;
  // Places a part of `rows` data rows under its title line and header row: on the page in hand, else on the next.
  const placePart = (rows: number, first: boolean): number => {
    const height = 2 + rows;
    const gap = first ? 0 : 1;
    if (onPage + gap + height > usable && onPage > 1) {
      rowBreaks.push(row + 1);
      onPage = 1 + height;
    } else {
      row += gap;
      onPage += gap + height;
    }
    const at = row;
    row += height;
    return at;
  };
  for (const b of whole) {
    const parts = evenChunks(b.areas.map((a, i) => ({ a, cells: b.cells[i] })), rowsPerBlock);
    parts.forEach((part, i) => {
      const at = placePart(part.length, blocks.length === 0);
      blocks.push({ ...b, areas: part.map((p) => p.a), cells: part.map((p) => p.cells), part: i + 1, parts: parts.length, titleRow: at, headerRow: at + 1, firstDataRow: at + 2 });
    });
  }
  const placedLatest: PlacedLatest[] = [];
  if (latest) {
    const parts = evenChunks(latest.areas.map((a, i) => ({ a, c: latest.cells[i] })), rowsPerBlock);
    parts.forEach((part, i) => {
      const at = placePart(part.length, blocks.length === 0 && i === 0);
      placedLatest.push({ ...latest, areas: part.map((p) => p.a), cells: part.map((p) => p.c), part: i + 1, parts: parts.length, titleRow: at, headerRow: at + 1, firstDataRow: at + 2 });
    });
  }
  const belowRow = blocks.length + placedLatest.length > 0 ? row + 1 : row;
  onPage += belowRow - row + input.belowLines;
  row = belowRow + input.belowLines;
  while (onPage > usable) onPage -= usable - 1; // lines that ran over onto further pages

  // The chart with its series, and the map under it: each on the page in hand while it has room, else on the next.
  const place = (height: number): number => {
    const at = row + 1;
    if (onPage + 1 + height > usable) {
      rowBreaks.push(at + 1);
      onPage = 1 + height;
    } else onPage += 1 + height;
    row = at + height;
    return at;
  };
  const chartRow = input.series ? place(Math.max(1 + input.series.rows.length, rowsCovered(CHART_PX.height))) : null;
  const mapRow = place(rowsCovered(MAP_PX.height));
  const single = blocks.length === 1 && placedLatest.length === 0;
  return {
    blocks, latest: placedLatest, widths, rowBreaks, belowRow, chartRow, mapRow, mapCol: LABEL_COLUMNS, scale,
    freeze: { rows: single ? blocks[0].firstDataRow : 0, columns: LABEL_COLUMNS },
  };
}
