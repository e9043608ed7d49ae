// Host-independent decisions every workbook implementation makes the same way: where a table and its header
// lines go, valid table and sheet names, how a dropdown list is expressed, which cells a mark touches.
import { a1, columnLetter, parseA1 } from "../grid/a1";
import type { WriteTableOptions } from "../protocol/workbook";

/** Hidden sheet that holds long dropdown lists (Excel's inline list is at most 255 characters). */
export const LIST_SHEET = "_lagesbild_listor";

export interface TableLayout {
  /** 0-based row and column of the first header line (if any). */
  linesRow: number;
  headerRow: number;
  col: number;
  /** A1 address of the table's header row start. */
  at: string;
  /** A1 range of the table (header + data rows; at least one data row). */
  range: string;
  dataRowCount: number;
}

export function tableLayout(options: WriteTableOptions): TableLayout {
  const start = parseA1(options.at);
  const lines = options.headerLines?.length ?? 0;
  const headerRow = Math.max(start.row, lines);
  const dataRowCount = Math.max(1, options.rows.length);
  const lastCol = start.col + Math.max(1, options.columns.length) - 1;
  return {
    linesRow: headerRow - lines,
    headerRow,
    col: start.col,
    at: a1(headerRow, start.col),
    range: `${a1(headerRow, start.col)}:${a1(headerRow + dataRowCount, lastCol)}`,
    dataRowCount,
  };
}

/** Excel table names: a letter or underscore first, then letters, digits, underscores and dots; at most 255. */
export function excelTableName(name: string): string {
  let n = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9_.]/g, "_");
  if (!/^[A-Za-z_]/.test(n)) n = `T_${n}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(n) || /^[RrCc]$/.test(n)) n = `T_${n}`; // would look like a cell reference
  return n.slice(0, 255);
}

/** Null when the name is a valid worksheet name, otherwise the reason. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 31) return "ett bladnamn har 1–31 tecken";
  if (/[[\]:*?/\\]/.test(name)) return "ett bladnamn får inte innehålla [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "ett bladnamn får inte börja eller sluta med '";
  return null;
}

export function assertSheetName(name: string): void {
  const problem = sheetNameProblem(name);
  if (problem) throw new Error(`Ogiltigt bladnamn ”${name}”: ${problem}`);
}

/** The inline list formula `"a,b,c"`, or null when the values need a range on the list sheet. */
export function inlineListFormula(values: string[]): string | null {
  if (values.some((v) => v.includes(",") || v.includes('"'))) return null;
  const formula = `"${values.join(",")}"`;
  return formula.length - 2 <= 255 ? formula : null;
}

/** Absolute reference to `count` values in column `col` (0-based) of the list sheet. */
export function listSheetReference(col: number, count: number): string {
  const c = columnLetter(col);
  return `'${LIST_SHEET}'!$${c}$1:$${c}$${Math.max(1, count)}`;
}

/** Quotes a sheet name for use in an address: 'My sheet'!A1. */
export function qualified(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** Every A1 cell of a range such as "B2:C4" (or a single cell). */
export function cellsOfRange(range: string): string[] {
  const [from, to = from] = range.split(":");
  const a = parseA1(from);
  const b = parseA1(to);
  const out: string[] = [];
  for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++)
    for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) out.push(a1(r, c));
  return out;
}

/** Bounds of an A1 range, 0-based and inclusive. */
export function rangeBounds(range: string): { top: number; left: number; bottom: number; right: number } {
  const [from, to = from] = range.split(":");
  const a = parseA1(from);
  const b = parseA1(to);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** True when the cell lies in the range. */
export function rangeContains(range: string, cell: string): boolean {
  const b = rangeBounds(range);
  const p = parseA1(cell);
  return p.row >= b.top && p.row <= b.bottom && p.col >= b.left && p.col <= b.right;
}

/** Settings key under which an implementation remembers the cells it marked on a sheet. */
export function marksSettingKey(sheet: string): string {
  return `lagesbild.marks.${sheet}`;
}
