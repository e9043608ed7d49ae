// The sheet "Trygghet och händelser" (issue 15 §2): a direct measure of safety (a survey share) beside the incident
// indicators of the same areas and year, from the delivery's own cells only: every value on it is a published value
// of this delivery, or the sum of published values (a count for the year made of its published quarters, months or
// half-months when the delivery has no year cell). A suppressed part makes the sum `..`, an unreported one `saknas`;
// an indicator the delivery does not cover for the whole year shows `–`. Nothing on it is computed from anything
// disclosure control did not publish. Written through the workbook port by `writeDeliverySheets`, so the pane's
// refresh and `lagesbild fetch` both write it.
import { DIRECT_MEASURES } from "../indicators/builtin";
import { a1 } from "../grid/a1";
import type { CellValue } from "../grid/cell";
import { periodsWithin } from "../periods/tree";
import { cellStatus, MISSING_MARK, SUPPRESSED_MARK, type Delivery, type DeliveryCell, type PeriodType } from "../protocol/delivery";
import type { CellMark, WorkbookPort } from "../protocol/workbook";
import { replaceOwnSheet } from "./own-sheets";
import { fitWidths, MUNICIPALITY } from "./wide-blocks";

export const SAFETY_SHEET = "Trygghet och händelser";
export const SAFETY_SHEET_KEY = "delivery:safety";
/** An indicator the delivery does not cover for the whole year. */
export const NOT_COVERED_MARK = "–";
export const NOT_COVERED_NOTE = `${NOT_COVERED_MARK} = leveransen har inga publicerade värden för hela året för indikatorn (inget årsvärde och inte alla årets kvartal, månader eller halvmånader).`;
export const SUM_NOTE = "Ett antal för året utan årscell i leveransen är summan av årets publicerade kvartal, månader eller halvmånader.";
const SUPPRESSED_FILL = "#EDEBE9";
const MISSING_FILL = "#FDEBD3";

type Definition = Delivery["definitions"][number];
/** A value shown on the sheet: a number, `..`, `saknas` or `–`. */
export type SafetyValue = number | typeof SUPPRESSED_MARK | typeof MISSING_MARK | typeof NOT_COVERED_MARK;

export interface SafetyTable {
  year: string;
  /** The direct measures first, then the other indicators, each with cells for the year. */
  indicators: Definition[];
  /** Municipality first, then the areas of the direct measures' published level(s), by level and code. */
  rows: { nyko: string | null; level: number; values: SafetyValue[] }[];
}

const key = (indicator: string, nyko: string | null, type: PeriodType, period: string) => `${indicator}|${nyko ?? ""}|${type}|${period}`;

function shown(c: DeliveryCell): SafetyValue {
  const s = cellStatus(c);
  if (s === "suppressed") return SUPPRESSED_MARK;
  if (s === "missing") return MISSING_MARK;
  return c.value ?? NOT_COVERED_MARK;
}

/**
 * The indicator's value for an area and year from the delivery: its year cell, else (for counts only: a rate over a
 * year is no sum of its parts) the sum of one finer period type's cells that cover the whole year.
 */
export function yearValue(index: ReadonlyMap<string, DeliveryCell>, def: Definition, nyko: string | null, year: string): SafetyValue {
  const own = index.get(key(def.id, nyko, "year", year));
  if (own) return shown(own);
  if (def.factor !== "none") return NOT_COVERED_MARK;
  for (const type of ["quarter", "month", "halfmonth"] as const) {
    const parts = periodsWithin(year, type).map((p) => index.get(key(def.id, nyko, type, p)));
    if (parts.some((c) => c === undefined)) continue;
    const values = parts.map((c) => shown(c!));
    if (values.includes(MISSING_MARK)) return MISSING_MARK;
    if (values.includes(SUPPRESSED_MARK)) return SUPPRESSED_MARK;
    if (values.some((v) => typeof v !== "number")) return NOT_COVERED_MARK;
    return (values as number[]).reduce((a, b) => a + b, 0);
  }
  return NOT_COVERED_MARK;
}

/** The table of the latest year in which a direct measure has a published value, or null when none has any. */
export function safetyTable(delivery: Delivery): SafetyTable | null {
  const direct = delivery.definitions.filter((d) => DIRECT_MEASURES.includes(d.id));
  const directCells = delivery.cells.filter((c) => c.periodType === "year" && direct.some((d) => d.id === c.indicator));
  const years = [...new Set(directCells.filter((c) => cellStatus(c) === "value").map((c) => c.period))].sort();
  const year = years[years.length - 1];
  if (year === undefined) return null;
  const index = new Map(delivery.cells.map((c) => [key(c.indicator, c.nyko, c.periodType, c.period), c]));
  const areas = new Map<string, { nyko: string | null; level: number }>();
  for (const c of directCells) if (c.period === year) areas.set(c.nyko ?? "", { nyko: c.nyko, level: c.level });
  const rows = [...areas.values()].sort((a, b) => a.level - b.level || (a.nyko ?? "").localeCompare(b.nyko ?? ""));
  const others = delivery.definitions.filter((d) => !DIRECT_MEASURES.includes(d.id));
  const shownDirect = direct.filter((d) => rows.some((r) => index.has(key(d.id, r.nyko, "year", year))));
  // The other indicators that have something for the year in at least one row.
  const beside = others.filter((d) => rows.some((r) => yearValue(index, d, r.nyko, year) !== NOT_COVERED_MARK));
  const indicators = [...shownDirect, ...beside];
  return { year, indicators, rows: rows.map((r) => ({ ...r, values: indicators.map((d) => yearValue(index, d, r.nyko, year)) })) };
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
  const headers = ["Område", "Namn", "Nivå", ...table.indicators.map((d) => `${d.title}${d.unit ? ` (${d.unit})` : ""}`)];
  const rows: CellValue[][] = table.rows.map((r) => [r.nyko ?? MUNICIPALITY, r.nyko ? (names.get(r.nyko) ?? "") : "", r.level, ...r.values]);
  const at = lines.length;
  await port.writeTable({
    sheet,
    at: a1(at, 0),
    name: "Lagesbild_trygghet",
    headerLines: lines,
    columns: [
      { header: headers[0], numberFormat: "@" },
      { header: headers[1], numberFormat: "@" },
      { header: headers[2], numberFormat: "0" },
      ...table.indicators.map((d, i) => ({ header: headers[3 + i], numberFormat: d.factor === "none" ? "0" : "0.0" })),
    ],
    rows,
  });
  const marks: CellMark[] = [];
  table.rows.forEach((r, i) =>
    r.values.forEach((v, j) => {
      const cell = a1(at + 1 + i, 3 + j);
      if (v === SUPPRESSED_MARK) marks.push({ cell, fill: SUPPRESSED_FILL, note: "Skyddat värde (..): för få för att visas, eller skyddat för att det annars kunde räknas fram." });
      else if (v === MISSING_MARK) marks.push({ cell, fill: MISSING_FILL, note: "Saknas: alla parter som ska rapportera har inte rapporterat hela året ännu." });
    }),
  );
  if (marks.length) await port.markCells(sheet, marks);
  const headerRow = at + 1;
  // Wide headers wrap in Excel; the widths follow the values, with room for the start of each title.
  await port.setColumnWidths(sheet, fitWidths(headers.map((h, i) => [h.slice(0, 18), ...rows.map((r) => r[i])]), 1));
  await port.setPageSetup({ sheet, orientation: "landscape", fitToWidth: 1, printTitleRows: { first: headerRow, last: headerRow }, freeze: { rows: headerRow, columns: 2 } });
  return sheet;
}
