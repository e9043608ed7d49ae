// The workbook port: everything the flows need from a workbook. Implemented by Office.js (add-in),
// ExcelJS (real .xlsx files) and a test-only in-memory host. One contract suite runs against all three.
import type { CellValue } from "../grid/cell";

export type Grid = CellValue[][];

export interface UsedRange {
  /** A1 address of the top-left cell of the used range (e.g. "A1"). */
  topLeft: string;
  /** Rows of cells as Excel gives them; dates as serial numbers (Office.js) or Date objects (ExcelJS). */
  values: Grid;
}

export type NumberFormat = string; // Excel number format, e.g. "0", "0.0", "yyyy-mm-dd", "hh:mm", "@"

export interface TableColumnSpec {
  header: string;
  numberFormat?: NumberFormat;
}

export interface WriteTableOptions {
  sheet: string;
  /** A1 address of the top-left cell (the header row). */
  at: string;
  name: string;
  columns: TableColumnSpec[];
  rows: CellValue[][];
  /**
   * Lines written in the rows directly above `at` (title, source, period, time of delivery), one line per row in
   * the first column. When `at` leaves too few rows above it, the table moves down so that the lines fit.
   */
  headerLines?: string[];
}

export interface CellMark {
  /** A1 address on the sheet. */
  cell: string;
  fill?: string; // hex colour "#RRGGBB"
  note?: string;
}

export interface DropdownSpec {
  sheet: string;
  /** A1 range, e.g. "D2:D1000". */
  range: string;
  values: string[];
}

export interface ConditionalFormatSpec {
  sheet: string;
  range: string;
  /** Cells whose text equals this value get the fill. */
  textEquals: string;
  fill: string;
}

export interface ChartSpec {
  sheet: string;
  title: string;
  /** A1 range of the data (with headers) the chart plots. */
  dataRange: string;
  /** A1 address where the chart's top-left corner goes. */
  at: string;
  kind: "column" | "line";
  /** Title of the category (x) axis, e.g. "Period (månad)". */
  categoryTitle?: string;
  /** Title of the value (y) axis, e.g. the indicator's unit. */
  valueTitle?: string;
  /**
   * The first series' 95 % interval: two columns of the data range (0-based from its first column) holding the low
   * and high bounds, drawn as an error band (line) or whiskers (column), not plotted as series of their own.
   */
  interval?: { lowColumn: number; highColumn: number };
}

/** A picture: a PNG as it is, or an SVG document that the host renders (resvg on the server, canvas in the pane). */
export type PictureSpec = {
  sheet: string;
  at: string;
  /** Displayed size. */
  widthPx: number;
  heightPx: number;
} & ({ /** PNG image, base64 without data: prefix. */ pngBase64: string; svg?: undefined } | { svg: string; pngBase64?: undefined });

/**
 * How a sheet prints and what stays in view on screen. Rows are 1-based, as Excel shows them.
 * Column widths are in Excel's unit: characters of the default font's widest digit. An optional field left out
 * leaves that setting as it was.
 */
export interface PageSetupSpec {
  sheet: string;
  orientation: "landscape" | "portrait";
  /** Pages wide the sheet prints on; the height follows the content (as many pages as it takes). */
  fitToWidth: number;
  /** Rows repeated at the top of every printed page (e.g. the table's header row). */
  printTitleRows?: { first: number; last: number };
  /** Rows at the top and columns at the left that stay in view while scrolling (0 = none). */
  freeze?: { rows: number; columns: number };
  /** Rows that start a new printed page. */
  rowBreaks?: number[];
}

export interface WorkbookPort {
  listSheets(): Promise<string[]>;
  activeSheet(): Promise<string>;
  readUsedRange(sheet: string): Promise<UsedRange>;
  /** Adds an empty sheet; fails if the name is taken. */
  addSheet(name: string, options?: { hidden?: boolean }): Promise<void>;
  /** Deletes the sheet if present and adds it again empty. */
  replaceSheet(name: string, options?: { hidden?: boolean }): Promise<void>;
  deleteSheet(name: string): Promise<void>;
  /** Writes values; text is always written literally (see grid/literal.ts). */
  writeValues(sheet: string, at: string, rows: CellValue[][], numberFormats?: (NumberFormat | undefined)[]): Promise<void>;
  writeTable(options: WriteTableOptions): Promise<void>;
  /** Sets one number format on every cell of an A1 range (e.g. the empty data rows of a template column). */
  setNumberFormat(sheet: string, range: string, format: NumberFormat): Promise<void>;
  /** Fills and notes cells; the implementation remembers which cells it marked. */
  markCells(sheet: string, marks: CellMark[]): Promise<void>;
  /** Removes the fills and notes that `markCells` placed on the sheet (and nothing else). */
  clearMarks(sheet: string): Promise<void>;
  selectCell(sheet: string, cell: string): Promise<void>;
  addDropdown(spec: DropdownSpec): Promise<void>;
  addConditionalFormat(spec: ConditionalFormatSpec): Promise<void>;
  addChart(spec: ChartSpec): Promise<void>;
  insertPicture(spec: PictureSpec): Promise<void>;
  /** Orientation, fit to width, repeated title rows, frozen panes and page breaks of a sheet. */
  setPageSetup(spec: PageSetupSpec): Promise<void>;
  /** Column widths in characters, from column A; an undefined entry leaves that column as it is. */
  setColumnWidths(sheet: string, widths: (number | undefined)[]): Promise<void>;
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
}
