// The sheet "Trygghet och händelser" (issue 15 §2): a direct measure of safety (a survey share) beside the incident
// indicators of the same areas and year, from the delivery's own cells only: every value on it is a published value
// of this delivery, or the sum of published values (a count for the year made of its published quarters, months and
// half-months, mixed as the delivery publishes them, when the delivery has no year cell: the yearly analysis's rule,
// shared/reports/year-values.ts). A suppressed part makes the sum `..`, an unreported one `saknas`; an indicator the
// delivery does not cover for the whole year shows `–`. Nothing on it is computed from anything disclosure control
// did not publish. Written through the workbook port by `writeDeliverySheets`, so the pane's refresh and
// `lagesbild fetch` both write it.
//
// On paper (landscape, one page wide, like every delivery sheet): while the areas × indicators table prints at
// SAFETY_MIN_SCALE or more it is one table. A wider one (a delivery covering a whole year of every incident
// indicator) is cut into column groups, each its own table under a title line: the area labels and the direct
// measures lead every group, so each printed page still shows safety beside the incidents, and the incidents are
// shared out evenly over the fewest groups that print at SAFETY_MIN_SCALE. A group that fits on a page but not on the
// rest of one starts the next page; a group too long for a page is cut by rows, each part with its title line and
// header row, filling the pages. The sheet's title line is repeated on every page.
import { DIRECT_MEASURES } from "../indicators/builtin";
import { a1 } from "../grid/a1";
import type { CellValue } from "../grid/cell";
import { cellStatus, MISSING_MARK, SUPPRESSED_MARK, type Delivery } from "../protocol/delivery";
import type { CellMark, WorkbookPort } from "../protocol/workbook";
import { PublishedCells, yearValue, type YearValue } from "../reports/year-values";
import { replaceOwnSheet } from "./own-sheets";
import { printScale, rowsPerPage } from "./print-pages";
import { evenChunks, fitWidths, MUNICIPALITY } from "./wide-blocks";

export const SAFETY_SHEET = "Trygghet och händelser";
export const SAFETY_SHEET_KEY = "delivery:safety";
/** An indicator the delivery does not cover for the whole year. */
export const NOT_COVERED_MARK = "–";
export const NOT_COVERED_NOTE = `${NOT_COVERED_MARK} = leveransen har inga publicerade värden för hela året för indikatorn (inget årsvärde och inte alla årets kvartal, månader eller halvmånader).`;
export const SUM_NOTE = "Ett antal för året utan årscell i leveransen är summan av årets publicerade kvartal, månader och halvmånader.";
/**
 * The smallest print scale the sheet is laid out for: above the delivery print test's floor of 0.6, with a margin
 * for Excel's own measure of the columns.
 */
export const SAFETY_MIN_SCALE = 0.65;
const SUPPRESSED_FILL = "#EDEBE9";
const MISSING_FILL = "#FDEBD3";
const LABEL_HEADERS = ["Område", "Namn", "Nivå"] as const;
/** Rows kept free on every page, so that a small difference from Excel's own pagination moves no row over. */
const SLACK_ROWS = 2;
/** The fewest rows a part of a long column group starts with at the foot of a page. */
const MIN_PART_ROWS = 5;

type Definition = Delivery["definitions"][number];
/** A value shown on the sheet: a number, `..`, `saknas` or `–`. */
export type SafetyValue = number | typeof SUPPRESSED_MARK | typeof MISSING_MARK | typeof NOT_COVERED_MARK;

export interface SafetyTable {
  year: string;
  /** The direct measures first, then the other indicators, each with cells for the year. */
  indicators: Definition[];
  /** How many of `indicators`, from the first, are direct measures. */
  direct: number;
  /** Municipality first, then the areas of the direct measures' published level(s), by level and code. */
  rows: { nyko: string | null; level: number; values: SafetyValue[] }[];
}

/** A year's value (year-values.ts) as the sheet shows it. */
function shown(v: YearValue): SafetyValue {
  if (v.status === "value") return v.value;
  if (v.status === "suppressed") return SUPPRESSED_MARK;
  if (v.status === "missing") return MISSING_MARK;
  return NOT_COVERED_MARK;
}

/** The table of the latest year in which a direct measure has a published value, or null when none has any. */
export function safetyTable(delivery: Delivery): SafetyTable | null {
  const direct = delivery.definitions.filter((d) => DIRECT_MEASURES.includes(d.id));
  const directCells = delivery.cells.filter((c) => c.periodType === "year" && direct.some((d) => d.id === c.indicator));
  const years = [...new Set(directCells.filter((c) => cellStatus(c) === "value").map((c) => c.period))].sort();
  const year = years[years.length - 1];
  if (year === undefined) return null;
  const cells = new PublishedCells(delivery.cells);
  const window = { year: Number(year), lastMonth: 12 };
  const value = (d: Definition, nyko: string | null) => shown(yearValue(cells, d.id, nyko, window, d.factor === "none"));
  const areas = new Map<string, { nyko: string | null; level: number }>();
  for (const c of directCells) if (c.period === year) areas.set(c.nyko ?? "", { nyko: c.nyko, level: c.level });
  const rows = [...areas.values()].sort((a, b) => a.level - b.level || (a.nyko ?? "").localeCompare(b.nyko ?? ""));
  const others = delivery.definitions.filter((d) => !DIRECT_MEASURES.includes(d.id));
  const shownDirect = direct.filter((d) => rows.some((r) => cells.get(d.id, r.nyko, "year", year) !== undefined));
  // The other indicators that have something for the year in at least one row.
  const beside = others.filter((d) => rows.some((r) => value(d, r.nyko) !== NOT_COVERED_MARK));
  const indicators = [...shownDirect, ...beside];
  return { year, indicators, direct: shownDirect.length, rows: rows.map((r) => ({ ...r, values: indicators.map((d) => value(d, r.nyko)) })) };
}

/** One table of the sheet: some of the indicators (by index) for some of the rows (by index). */
export interface SafetyBlock {
  /** Indexes into the table's indicators: the direct measures, then this group's other indicators. */
  indicators: number[];
  /** Indexes into the table's rows. */
  rows: number[];
  /** The column group (1-based) of how many, and the part of its rows (1-based) of how many. */
  group: number;
  groups: number;
  part: number;
  parts: number;
  /** 0-based rows: the block's title line (null for the sheet's one table, right under its lines) and header row. */
  titleRow: number | null;
  headerRow: number;
}

export interface SafetyPlan {
  blocks: SafetyBlock[];
  /** Widths in characters from column A: area, name, level, then the indicator columns by position. */
  widths: number[];
  /** The print scale fit to width gives the widths. */
  scale: number;
  /** 1-based rows that start a new page. */
  rowBreaks: number[];
  /** 1-based rows repeated on every page. */
  printTitleRows: { first: number; last: number };
  freeze: { rows: number; columns: number };
}

/** An indicator's column header: its title and unit. */
export const indicatorHeader = (d: Definition): string => `${d.title}${d.unit ? ` (${d.unit})` : ""}`;

/** The area labels of a row: code (or the municipality), name, level. */
function labels(r: SafetyTable["rows"][number], names: ReadonlyMap<string, string>): CellValue[] {
  return [r.nyko ?? MUNICIPALITY, r.nyko ? (names.get(r.nyko) ?? "") : "", r.level];
}

/**
 * Where the table goes on the sheet: one table when it prints at SAFETY_MIN_SCALE or more, else the fewest column
 * groups (the direct measures in each) that do, cut by rows to fit the pages. `lineCount` lines come first.
 */
export function planSafetySheet(table: SafetyTable, names: ReadonlyMap<string, string>, lineCount: number): SafetyPlan {
  const direct = table.indicators.slice(0, table.direct).map((_, i) => i);
  const others = table.indicators.slice(table.direct).map((_, i) => table.direct + i);
  const labelWidths = fitWidths(LABEL_HEADERS.map((h, i) => [h, ...table.rows.map((r) => labels(r, names)[i])]), 1);
  // The values decide a column's width, with room for the start of its title (a longer title is cut on the page).
  const columnWidth = (i: number) => fitWidths([[indicatorHeader(table.indicators[i]).slice(0, 18), ...table.rows.map((r) => r.values[i])]], 1)[0];
  const layout = (groups: number[][]) => {
    const widths = [...labelWidths];
    for (const g of groups) g.forEach((ind, p) => (widths[LABEL_HEADERS.length + p] = Math.max(widths[LABEL_HEADERS.length + p] ?? 0, columnWidth(ind))));
    return { groups, widths, scale: printScale({ orientation: "landscape", fitToWidth: 1, columnWidths: widths }) };
  };
  // More groups until they print at the scale (at worst one other indicator per group, whatever its scale).
  let chosen = layout([[...direct, ...others]]);
  for (let n = 2; chosen.scale < SAFETY_MIN_SCALE && n <= others.length; n++) {
    chosen = layout(evenChunks(others, Math.ceil(others.length / n)).map((g) => [...direct, ...g]));
  }
  const { groups, widths, scale } = chosen;
  const allRows = table.rows.map((_, i) => i);

  if (groups.length === 1) {
    // One table under the lines, its header row repeated on every page (as the sheet always was).
    const headerRow = lineCount;
    return {
      blocks: [{ indicators: groups[0], rows: allRows, group: 1, groups: 1, part: 1, parts: 1, titleRow: null, headerRow }],
      widths, scale, rowBreaks: [],
      printTitleRows: { first: headerRow + 1, last: headerRow + 1 },
      freeze: { rows: headerRow + 1, columns: 2 },
    };
  }

  // Column groups: each part is a title line, a header row and its rows; every page repeats the sheet's title line.
  // A group that fits on a page starts the next page when it does not fit on the rest of this one; a longer one
  // fills the rest of this page (when a few rows fit) and goes on over the next pages.
  const usable = rowsPerPage(scale, { orientation: "landscape" }) - SLACK_ROWS;
  const fresh = Math.max(1, usable - 1 - 2);
  const blocks: SafetyBlock[] = [];
  const rowBreaks: number[] = [];
  let row = lineCount + 1; // a free row under the lines
  let onPage = row;
  groups.forEach((indicators, g) => {
    // The parts: the whole group when it fits on the rest of this page or on a page of its own; else the rest of this
    // page (when a few rows fit there) and the other rows shared out evenly over the fewest further pages.
    const room = usable - onPage - (blocks.length === 0 ? 0 : 1) - 2;
    let rest = allRows;
    const parts: number[][] = [];
    if (rest.length <= room) [parts[0], rest] = [rest, []];
    else if (rest.length > fresh && room >= MIN_PART_ROWS) [parts[0], rest] = [rest.slice(0, room), rest.slice(room)];
    parts.push(...evenChunks(rest, fresh));
    parts.forEach((rows, p) => {
      let gap = blocks.length === 0 ? 0 : 1;
      if (onPage + gap + 2 + rows.length > usable && onPage > 1) {
        rowBreaks.push(row + 1);
        onPage = 1;
        gap = 0;
      }
      row += gap;
      blocks.push({ indicators, rows, group: g + 1, groups: groups.length, part: p + 1, parts: parts.length, titleRow: row, headerRow: row + 1 });
      row += 2 + rows.length;
      onPage += gap + 2 + rows.length;
    });
  });
  return { blocks, widths, scale, rowBreaks, printTitleRows: { first: 1, last: 1 }, freeze: { rows: 0, columns: 2 } };
}

/** A column group's title line: "Del 2 av 3: trygghetsmåtten och Ordningsstörningar, Tillgreppsbrott". */
export function safetyBlockTitle(table: SafetyTable, b: SafetyBlock): string {
  const incidents = b.indicators.filter((i) => i >= table.direct).map((i) => table.indicators[i].title);
  const rows = b.parts > 1 ? `, områden ${b.rows[0] + 1}–${b.rows[b.rows.length - 1] + 1} av ${table.rows.length}` : "";
  return `Del ${b.group} av ${b.groups}: trygghetsmåtten${incidents.length ? ` och ${incidents.join(", ")}` : ""}${rows}`;
}

/** Writes the sheet when the delivery has a direct measure with a published value; returns its name, or null. */
export async function writeSafetySheet(port: WorkbookPort, delivery: Delivery, names: ReadonlyMap<string, string>, topLines: readonly string[]): Promise<string | null> {
  const table = safetyTable(delivery);
  if (!table) return null;
  const sheet = await replaceOwnSheet(port, SAFETY_SHEET_KEY, SAFETY_SHEET);
  const lines = [
    `Trygghet och händelser ${table.year}: direkta mått på trygghet (enkäter) bredvid händelseindikatorerna för samma områden och år`,
    "Alla värden är publicerade värden ur den här leveransen (efter röjandekontroll) eller summor av sådana.",
    ...topLines,
    SUM_NOTE,
    NOT_COVERED_NOTE,
  ];
  let plan = planSafetySheet(table, names, lines.length);
  if (plan.blocks[0].titleRow !== null) {
    lines.push(`Tabellen är delad i ${plan.blocks[plan.blocks.length - 1].group} delar som var och en får plats på sidans bredd; trygghetsmåtten står först i varje del.`);
    plan = planSafetySheet(table, names, lines.length);
    await port.writeValues(sheet, "A1", lines.map((l) => [l]), ["@"]);
  }
  const marks: CellMark[] = [];
  for (const [k, b] of plan.blocks.entries()) {
    await port.writeTable({
      sheet,
      at: a1(b.headerRow, 0),
      name: k === 0 ? "Lagesbild_trygghet" : `Lagesbild_trygghet_${k + 1}`,
      headerLines: b.titleRow === null ? lines : [safetyBlockTitle(table, b)],
      columns: [
        { header: LABEL_HEADERS[0], numberFormat: "@" },
        { header: LABEL_HEADERS[1], numberFormat: "@" },
        { header: LABEL_HEADERS[2], numberFormat: "0" },
        ...b.indicators.map((i) => ({ header: indicatorHeader(table.indicators[i]), numberFormat: table.indicators[i].factor === "none" ? "0" : "0.0" })),
      ],
      rows: b.rows.map((r) => [...labels(table.rows[r], names), ...b.indicators.map((i) => table.rows[r].values[i])]),
    });
    b.rows.forEach((r, y) =>
      b.indicators.forEach((i, x) => {
        const v = table.rows[r].values[i];
        const cell = a1(b.headerRow + 1 + y, LABEL_HEADERS.length + x);
        if (v === SUPPRESSED_MARK) marks.push({ cell, fill: SUPPRESSED_FILL, note: "Skyddat värde (..): för få för att visas, eller skyddat för att det annars kunde räknas fram." });
        else if (v === MISSING_MARK) marks.push({ cell, fill: MISSING_FILL, note: "Saknas: alla parter som ska rapportera har inte rapporterat hela året ännu." });
      }),
    );
  }
  if (marks.length) await port.markCells(sheet, marks);
  await port.setColumnWidths(sheet, plan.widths);
  await port.setPageSetup({ sheet, orientation: "landscape", fitToWidth: 1, printTitleRows: plan.printTitleRows, freeze: plan.freeze, rowBreaks: plan.rowBreaks });
  return sheet;
}
