// How many pages a sheet prints on: a pure estimate of what Excel does with a sheet set to print fit to N pages
// wide, with title rows repeated on every page and manual page breaks. The delivery writer uses it to cut its
// tables into blocks that each fit on one page; tests use it to hold a year's delivery to tens of pages.
//
// The model (Excel's defaults): A4, "Normal" margins (0.7 in left and right, 0.75 in top and bottom), rows of
// 15 pt, a column of width w characters is w·7 + 5 pixels (the default font's widest digit is 7 px), 96 px per inch.
// Fit to width scales the whole page down (never up) to an integer percentage of at least 10 %.

export interface Paper {
  /** Printable width and height in points, portrait. */
  widthPt: number;
  heightPt: number;
}

const INCH = 72;
/** A4 less Excel's "Normal" margins, in points. */
export const A4: Paper = { widthPt: (8.27 - 1.4) * INCH, heightPt: (11.69 - 1.5) * INCH };
export const ROW_HEIGHT_PT = 15;
/** Excel's default column width in characters. */
export const DEFAULT_COLUMN_WIDTH = 8.43;
const PX_TO_PT = 0.75;

/** A column's width in points, from its width in characters. */
export function columnWidthPt(chars: number | undefined): number {
  return (Math.trunc((chars ?? DEFAULT_COLUMN_WIDTH) * 7) + 5) * PX_TO_PT;
}

/** Pixels (as pictures are sized) to points. */
export const pxToPt = (px: number): number => px * PX_TO_PT;

/** How many rows a picture of this height covers. */
export function rowsCovered(heightPx: number): number {
  return Math.ceil(pxToPt(heightPx) / ROW_HEIGHT_PT);
}

export interface PrintShape {
  orientation: "landscape" | "portrait";
  /** Pages wide (the fit-to-width setting); 0 or absent prints at 100 %. */
  fitToWidth?: number;
  /** Widths in characters of the columns in use, from A (undefined: Excel's default). */
  columnWidths: (number | undefined)[];
  /** Width in points of anything beyond the columns, such as a picture reaching further right (default none). */
  extraWidthPt?: number;
  /** The last row in use (1-based), pictures included. */
  rows: number;
  /** Rows repeated at the top of every page (1-based, inclusive). */
  printTitleRows?: { first: number; last: number };
  /** Rows (1-based) that start a new page. */
  rowBreaks?: readonly number[];
  paper?: Paper;
}

function printable(shape: Pick<PrintShape, "orientation" | "paper">): { widthPt: number; heightPt: number } {
  const paper = shape.paper ?? A4;
  return shape.orientation === "landscape" ? { widthPt: paper.heightPt, heightPt: paper.widthPt } : paper;
}

/** The print scale (0.1 – 1) Excel chooses for fit to width. */
export function printScale(shape: Pick<PrintShape, "orientation" | "paper" | "fitToWidth" | "columnWidths" | "extraWidthPt">): number {
  if (!shape.fitToWidth) return 1;
  const width = shape.columnWidths.reduce<number>((sum, w) => sum + columnWidthPt(w), 0) + (shape.extraWidthPt ?? 0);
  const fit = (printable(shape).widthPt * shape.fitToWidth) / Math.max(width, 1);
  return Math.max(0.1, Math.min(1, Math.floor(fit * 100) / 100));
}

/** Rows of the default height that fit on one page at a scale. */
export function rowsPerPage(scale: number, shape: Pick<PrintShape, "orientation" | "paper">): number {
  return Math.max(1, Math.floor(printable(shape).heightPt / (ROW_HEIGHT_PT * scale)));
}

/** The pages the sheet prints on, down the rows (times `fitToWidth` across). */
export function estimatePrintedPages(shape: PrintShape): number {
  if (shape.rows <= 0) return 0;
  const perPage = rowsPerPage(printScale(shape), shape);
  const titles = shape.printTitleRows;
  const titleCount = titles ? titles.last - titles.first + 1 : 0;
  const breaks = [...new Set(shape.rowBreaks ?? [])].filter((b) => b > 1 && b <= shape.rows).sort((a, b) => a - b);
  let pages = 0;
  for (let row = 1; row <= shape.rows; pages++) {
    // Once the title rows have been passed, each page repeats them above its own rows.
    const room = titles && row > titles.last ? Math.max(1, perPage - titleCount) : perPage;
    const nextBreak = breaks.find((b) => b > row) ?? Infinity;
    row = Math.min(row + room, nextBreak, shape.rows + 1);
  }
  return pages * Math.max(1, shape.fitToWidth ?? 1);
}
