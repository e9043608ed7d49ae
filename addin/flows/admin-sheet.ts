// Shared pieces of the huvudman's admin sheets and the actor's settings sheet: reading a table back by its header
// names (anchored at A1, so every issue names the sheet's own cell) and marking issues at their cells.
import { a1 } from "../../shared/grid/a1";
import type { CellValue } from "../../shared/grid/cell";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { readSheetGrid } from "./sheet-grid";
import { markTemplateIssues, type SheetIssue } from "./template-sheet";

export type { SheetIssue };
export const YES = "Ja";
export const NO = "Nej";
/** Shown where a choice is not available (not granted, not supported by the indicator). */
export const NOT_AVAILABLE = "–";
export const ERROR_FILL = "#FDE7E9";
export const OK_FILL = "#DFF6DD";
export const WARN_FILL = "#FFF4CE";

export interface TableRow {
  /** 0-based row of the sheet. */
  row: number;
  /** Trimmed text of the named column ("" when absent). */
  get(column: string): string;
  /** A1 address of the named column in this row. */
  cell(column: string): string;
}

export interface ReadTable {
  header: string[];
  headerRow: number;
  rows: TableRow[];
}

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** Finds the header row whose first cells are `firstHeaders` and reads every non-empty row below it. */
export async function readTable(port: WorkbookPort, sheet: string, firstHeaders: readonly string[]): Promise<ReadTable | null> {
  const grid = await readSheetGrid(port, sheet);
  const headerRow = grid.findIndex((r) => firstHeaders.every((h, i) => text(r[i]) === h));
  if (headerRow < 0) return null;
  const header = grid[headerRow].map(text);
  const rows: TableRow[] = [];
  for (let r = headerRow + 1; r < grid.length; r++) {
    const line = grid[r] ?? [];
    if (line.every((v) => text(v) === "")) continue;
    rows.push({
      row: r,
      get: (column) => {
        const c = header.indexOf(column);
        return c < 0 ? "" : text(line[c]);
      },
      cell: (column) => a1(r, Math.max(0, header.indexOf(column))),
    });
  }
  return { header, headerRow, rows };
}

/** Clears earlier marks and fills each issue's cell with its message as a note. */
export async function markIssues(port: WorkbookPort, sheet: string, issues: readonly SheetIssue[]): Promise<void> {
  await markTemplateIssues(port, sheet, issues);
}

/** A1 range of one column over `count` data rows starting at 0-based row `first`. */
export function columnRange(first: number, col: number, count: number): string {
  return `${a1(first, col)}:${a1(first + Math.max(1, count) - 1, col)}`;
}
