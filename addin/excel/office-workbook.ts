// The workbook port over Office.js: the only code that calls `Excel.run`. Each step queues its loads and writes
// and then syncs once; large reads and writes go in chunks whose requests stay under Excel's 5 MB limit, with
// screen updating suspended while a large write runs.
//
// Requirement sets used (the manifest asks for the highest of them, ExcelApi 1.10):
//   1.1 worksheets, ranges, values, numberFormat, tables, charts · 1.4 getItemOrNullObject, settings,
//   getUsedRangeOrNullObject · 1.6 conditional formats · 1.8 data validation · 1.9 shapes.addImage,
//   suspendScreenUpdatingUntilNextSync, pageLayout and page breaks · 1.10 comments (the notes on marked cells);
//   freezePanes and a chart series' own type, line style and markers (the interval's bounds) are 1.7,
//   range.format.columnWidth 1.2.
import { a1, parseA1 } from "../../shared/grid/a1";
import type { CellValue } from "../../shared/grid/cell";
import type {
  CellMark,
  ChartSpec,
  ConditionalFormatSpec,
  DropdownSpec,
  NumberFormat,
  PageSetupSpec,
  PictureSpec,
  UsedRange,
  WorkbookPort,
  WriteTableOptions,
} from "../../shared/protocol/workbook";
import {
  LIST_SHEET,
  excelTableName,
  inlineListFormula,
  listSheetReference,
  marksSettingKey,
  rangeBounds,
  tableLayout,
} from "../../shared/workbook/layout";
import { columnWidthPt, pxToPt } from "../../shared/workbook/print-pages";
import { svgToPngBase64WithCanvas } from "./svg-canvas";
import { chunkRows, DEFAULT_LIMITS, type ChunkLimits } from "./chunks";
import { estimateRowBytes, fromExcelValue, toExcelValue } from "./values";

/** What this module needs of the `Excel` namespace (the real one in the add-in, a mock in tests). */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface OfficeWorkbookOptions {
  excel?: ExcelHost;
  limits?: Partial<ChunkLimits>;
  /** Writes of more cells than this suspend screen updating (default 10,000). */
  largeWriteCells?: number;
  /** SVG → PNG (base64) for pictures given as SVG; default: the browser's canvas. */
  renderSvg?: (svg: string, widthPx: number, heightPx: number) => Promise<string>;
}

const MARKS_PER_REQUEST = 500;

export class OfficeWorkbook implements WorkbookPort {
  private readonly excel: ExcelHost;
  private readonly limits: ChunkLimits;
  private readonly largeWriteCells: number;
  private readonly renderSvg: (svg: string, widthPx: number, heightPx: number) => Promise<string>;

  constructor(options: OfficeWorkbookOptions = {}) {
    // `Excel` is looked up only when a batch runs, so constructing this without an Office host does not throw.
    this.excel = options.excel ?? { run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch) };
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.largeWriteCells = options.largeWriteCells ?? 10_000;
    this.renderSvg = options.renderSvg ?? svgToPngBase64WithCanvas;
  }

  // ── sheets ──────────────────────────────────────────────────────────────────────────────────────────

  async listSheets(): Promise<string[]> {
    return this.excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  async activeSheet(): Promise<string> {
    return this.excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet().load("name");
      await ctx.sync();
      return sheet.name;
    });
  }

  async readUsedRange(sheet: string): Promise<UsedRange> {
    return this.excel.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true).load("address,rowIndex,columnIndex,rowCount,columnCount");
      await ctx.sync();
      if (used.isNullObject) return { topLeft: "A1", values: [] };
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const values: CellValue[][] = [];
      let rowsPerRequest = Math.max(1, Math.floor(Math.min(this.limits.maxCells, this.limits.maxBytes / 64) / used.columnCount));
      for (let start = 0; start < used.rowCount; ) {
        const count = Math.min(rowsPerRequest, used.rowCount - start);
        const range = ws.getRange(`${a1(used.rowIndex + start, used.columnIndex)}:${a1(used.rowIndex + start + count - 1, used.columnIndex + used.columnCount - 1)}`).load("values");
        try {
          await ctx.sync();
        } catch (error) {
          if (isPayloadTooLarge(error) && count > 1) {
            rowsPerRequest = Math.max(1, Math.floor(count / 2));
            continue;
          }
          throw error;
        }
        let largest = 1;
        // The rows Office.js hands over are this read's own: measured, then turned into cell values in place (no
        // second array per row, no string per number).
        for (const row of range.values as unknown[][]) {
          largest = Math.max(largest, estimateRowBytes(row));
          for (let c = 0; c < row.length; c++) row[c] = fromExcelValue(row[c]);
          values.push(row as CellValue[]);
        }
        start += count;
        // Size the next request from what the rows so far actually weighed.
        rowsPerRequest = Math.max(1, Math.min(Math.floor(this.limits.maxCells / used.columnCount), Math.floor((this.limits.maxBytes * 0.9) / largest)));
      }
      const trimmed = values.length === 1 && values[0].length === 1 && values[0][0] === null ? [] : values;
      return { topLeft: a1(used.rowIndex, used.columnIndex), values: trimmed };
    });
  }

  async addSheet(name: string, options?: { hidden?: boolean }): Promise<void> {
    await this.excel.run(async (ctx) => {
      const existing = ctx.workbook.worksheets.getItemOrNullObject(name);
      await ctx.sync();
      if (!existing.isNullObject) throw new Error(`Det finns redan ett blad som heter ”${name}”`);
      const ws = ctx.workbook.worksheets.add(name);
      if (options?.hidden) ws.visibility = "Hidden";
      await ctx.sync();
    });
  }

  async replaceSheet(name: string, options?: { hidden?: boolean }): Promise<void> {
    await this.excel.run(async (ctx) => {
      const old = ctx.workbook.worksheets.getItemOrNullObject(name).load("position");
      await ctx.sync();
      if (old.isNullObject) {
        const ws = ctx.workbook.worksheets.add(name);
        if (options?.hidden) ws.visibility = "Hidden";
        await ctx.sync();
        return;
      }
      // Add under a temporary name first: Excel refuses to delete a workbook's last visible sheet.
      const fresh = ctx.workbook.worksheets.add(`~lagesbild-${Date.now() % 1_000_000}`);
      old.delete();
      fresh.name = name;
      fresh.position = old.position;
      if (options?.hidden) fresh.visibility = "Hidden";
      await ctx.sync();
    });
  }

  async deleteSheet(name: string): Promise<void> {
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
      await ctx.sync();
      if (ws.isNullObject) return;
      ws.delete();
      await ctx.sync();
    });
  }

  // ── values and tables ───────────────────────────────────────────────────────────────────────────────

  async writeValues(sheet: string, at: string, rows: CellValue[][], numberFormats?: (NumberFormat | undefined)[]): Promise<void> {
    await this.excel.run(async (ctx) => {
      await this.writeChunked(ctx, ctx.workbook.worksheets.getItem(sheet), at, rows, numberFormats);
    });
  }

  async writeTable(options: WriteTableOptions): Promise<void> {
    const layout = tableLayout(options);
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(options.sheet);
      if (options.headerLines?.length) queueValues(ws, a1(layout.linesRow, layout.col), options.headerLines.map((l) => [l]));
      queueValues(ws, layout.at, [options.columns.map((c) => c.header)]);
      const data = options.rows.length > 0 ? options.rows : [options.columns.map(() => null)];
      await this.writeChunked(ctx, ws, a1(layout.headerRow + 1, layout.col), data, options.columns.map((c) => c.numberFormat));
      const table = ws.tables.add(`${layout.range}`, true);
      table.name = excelTableName(options.name);
      table.style = "TableStyleMedium2";
      await ctx.sync();
    });
  }

  async setNumberFormat(sheet: string, range: string, format: NumberFormat): Promise<void> {
    const b = rangeBounds(range);
    const width = b.right - b.left + 1;
    const rows = Array.from({ length: b.bottom - b.top + 1 }, () => new Array<string>(width).fill(format));
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const chunks = chunkRows(rows, this.limits);
      if (chunks.length > 1) ctx.application.suspendScreenUpdatingUntilNextSync();
      for (const [start, end] of chunks) {
        ws.getRange(`${a1(b.top + start, b.left)}:${a1(b.top + end - 1, b.right)}`).numberFormat = rows.slice(start, end);
        await ctx.sync();
      }
    });
  }

  // ── marks, selection, validation ────────────────────────────────────────────────────────────────────

  async markCells(sheet: string, given: CellMark[]): Promise<void> {
    // One mark per cell (a cell takes one comment): later marks of the same cell win, field by field.
    const byCell = new Map<string, CellMark>();
    for (const m of given) byCell.set(m.cell, { ...byCell.get(m.cell), ...m });
    const marks = [...byCell.values()];
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const setting = ctx.workbook.settings.getItemOrNullObject(marksSettingKey(sheet)).load("value");
      const notes = marks.filter((m) => m.note !== undefined).map((m) => m.cell);
      const existing = await commentsAt(ctx, ws, notes);
      const marked = new Set<string>(setting.isNullObject ? [] : (JSON.parse(String(setting.value)) as string[]));
      for (let i = 0; i < marks.length; i += MARKS_PER_REQUEST) {
        for (const m of marks.slice(i, i + MARKS_PER_REQUEST)) {
          parseA1(m.cell);
          if (m.fill) ws.getRange(m.cell).format.fill.color = m.fill;
          if (m.note !== undefined) {
            existing.get(m.cell)?.delete();
            ws.comments.add(ws.getRange(m.cell), m.note);
          }
          marked.add(m.cell);
        }
        if (i + MARKS_PER_REQUEST >= marks.length) ctx.workbook.settings.add(marksSettingKey(sheet), JSON.stringify([...marked]));
        await ctx.sync();
      }
    });
  }

  async clearMarks(sheet: string): Promise<void> {
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const setting = ctx.workbook.settings.getItemOrNullObject(marksSettingKey(sheet)).load("value");
      await ctx.sync();
      if (setting.isNullObject) return;
      const marked = JSON.parse(String(setting.value)) as string[];
      const existing = await commentsAt(ctx, ws, marked);
      for (let i = 0; i < marked.length; i += MARKS_PER_REQUEST) {
        for (const cell of marked.slice(i, i + MARKS_PER_REQUEST)) {
          ws.getRange(cell).format.fill.clear();
          existing.get(cell)?.delete();
        }
        await ctx.sync();
      }
      setting.delete();
      await ctx.sync();
    });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    parseA1(cell);
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    });
  }

  async addDropdown(spec: DropdownSpec): Promise<void> {
    rangeBounds(spec.range);
    await this.excel.run(async (ctx) => {
      const inline = inlineListFormula(spec.values);
      let source: string;
      if (inline !== null) source = inline.slice(1, -1); // Office.js takes the list without the quotes
      else {
        let lists = ctx.workbook.worksheets.getItemOrNullObject(LIST_SHEET);
        await ctx.sync();
        if (lists.isNullObject) {
          lists = ctx.workbook.worksheets.add(LIST_SHEET);
          lists.visibility = "Hidden";
        }
        const used = lists.getUsedRangeOrNullObject(true).load("columnIndex,columnCount");
        await ctx.sync();
        const col = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
        queueValues(lists, a1(0, col), spec.values.map((v) => [v]));
        source = `=${listSheetReference(col, spec.values.length)}`;
      }
      const dv = ctx.workbook.worksheets.getItem(spec.sheet).getRange(spec.range).dataValidation;
      dv.clear();
      dv.rule = { list: { inCellDropDown: true, source } };
      dv.errorAlert = { showAlert: true, style: "Stop", title: "Ogiltigt värde", message: "Välj ett värde i listan." };
      await ctx.sync();
    });
  }

  async addConditionalFormat(spec: ConditionalFormatSpec): Promise<void> {
    const first = spec.range.split(":")[0];
    const text = spec.textEquals.replace(/"/g, '""');
    await this.excel.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem(spec.sheet).getRange(spec.range).conditionalFormats.add("Custom");
      cf.custom.rule.formula = `=EXACT(${first},"${text}")`;
      cf.custom.format.fill.color = spec.fill;
      await ctx.sync();
    });
  }

  // ── charts, pictures ────────────────────────────────────────────────────────────────────────────────

  async addChart(spec: ChartSpec): Promise<void> {
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(spec.sheet);
      const chart = ws.charts.add(spec.kind === "column" ? "ColumnClustered" : "Line", ws.getRange(spec.dataRange), "Columns");
      chart.title.text = spec.title;
      if (spec.categoryTitle) chart.axes.categoryAxis.title.text = spec.categoryTitle;
      if (spec.valueTitle) chart.axes.valueAxis.title.text = spec.valueTitle;
      if (spec.interval) {
        // The interval's bounds as thin dashed lines in the first series' colour family: an error band on a line
        // chart, and on a column chart lines over the columns (Office.js cannot set custom error-bar values).
        const series = chart.series;
        for (const offset of [spec.interval.lowColumn, spec.interval.highColumn]) {
          const s = series.getItemAt(offset - 1);
          s.chartType = "Line";
          s.format.line.color = "#6CA0DC";
          s.format.line.lineStyle = "Dash";
          s.format.line.weight = 1;
          s.markerStyle = "None";
        }
      }
      chart.setPosition(spec.at);
      await ctx.sync();
    });
  }

  async insertPicture(spec: PictureSpec): Promise<void> {
    const base64 = spec.svg !== undefined ? await this.renderSvg(spec.svg, spec.widthPx, spec.heightPx) : spec.pngBase64;
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(spec.sheet);
      const cell = ws.getRange(spec.at).load("left,top");
      await ctx.sync();
      const shape = ws.shapes.addImage(base64);
      shape.left = cell.left;
      shape.top = cell.top;
      shape.width = pxToPt(spec.widthPx);
      shape.height = pxToPt(spec.heightPx);
      await ctx.sync();
    });
  }

  // ── printing and view ───────────────────────────────────────────────────────────────────────────────

  async setPageSetup(spec: PageSetupSpec): Promise<void> {
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(spec.sheet);
      ws.pageLayout.orientation = spec.orientation === "landscape" ? "Landscape" : "Portrait";
      // As many pages tall as the content takes (0), so many wide.
      ws.pageLayout.zoom = { horizontalFitToPages: spec.fitToWidth, verticalFitToPages: 0 };
      if (spec.printTitleRows) ws.pageLayout.setPrintTitleRows(`$${spec.printTitleRows.first}:$${spec.printTitleRows.last}`);
      if (spec.freeze) {
        const { rows, columns } = spec.freeze;
        ws.freezePanes.unfreeze();
        if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRange(`A1:${a1(rows - 1, columns - 1)}`));
        else if (rows > 0) ws.freezePanes.freezeRows(rows);
        else if (columns > 0) ws.freezePanes.freezeColumns(columns);
      }
      if (spec.rowBreaks) {
        ws.horizontalPageBreaks.removePageBreaks();
        for (const row of spec.rowBreaks) ws.horizontalPageBreaks.add(`A${row}`);
      }
      await ctx.sync();
    });
  }

  async setColumnWidths(sheet: string, widths: (number | undefined)[]): Promise<void> {
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      widths.forEach((w, c) => {
        if (w !== undefined) ws.getRange(`${a1(0, c)}:${a1(0, c)}`).getEntireColumn().format.columnWidth = columnWidthPt(w);
      });
      await ctx.sync();
    });
  }

  // ── settings ────────────────────────────────────────────────────────────────────────────────────────

  async getSetting(key: string): Promise<string | null> {
    return this.excel.run(async (ctx) => {
      const setting = ctx.workbook.settings.getItemOrNullObject(key).load("value");
      await ctx.sync();
      return setting.isNullObject ? null : String(setting.value);
    });
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.excel.run(async (ctx) => {
      ctx.workbook.settings.add(key, value);
      await ctx.sync();
    });
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────

  /** Writes rows in chunks under the request limit, one sync per chunk, formats before values. */
  private async writeChunked(ctx: Excel.RequestContext, ws: Excel.Worksheet, at: string, rows: CellValue[][], numberFormats?: (NumberFormat | undefined)[]): Promise<void> {
    const width = rows.reduce((n, r) => Math.max(n, r.length), 0);
    if (width === 0) return;
    const start = parseA1(at);
    const values = rows.map((r) => Array.from({ length: width }, (_, c) => toExcelValue(r[c] ?? null)));
    const formatBytes = (numberFormats ?? []).reduce<number>((n, f) => n + (f ? f.length + 8 : 0), 0);
    const chunks = chunkRows(values, this.limits, formatBytes);
    const large = values.length * width > this.largeWriteCells;
    for (const [from, to] of chunks) {
      if (large) ctx.application.suspendScreenUpdatingUntilNextSync();
      const top = start.row + from;
      const bottom = start.row + to - 1;
      numberFormats?.forEach((f, c) => {
        if (f && c < width) ws.getRange(`${a1(top, start.col + c)}:${a1(bottom, start.col + c)}`).numberFormat = Array.from({ length: to - from }, () => [f]);
      });
      ws.getRange(`${a1(top, start.col)}:${a1(bottom, start.col + width - 1)}`).values = values.slice(from, to);
      await ctx.sync();
    }
  }
}

/** Queues a small write (no sync): text made literal. */
function queueValues(ws: Excel.Worksheet, at: string, rows: CellValue[][]): void {
  const width = rows.reduce((n, r) => Math.max(n, r.length), 1);
  const start = parseA1(at);
  ws.getRange(`${at}:${a1(start.row + rows.length - 1, start.col + width - 1)}`).values = rows.map((r) =>
    Array.from({ length: width }, (_, c) => toExcelValue(r[c] ?? null)),
  );
}

/** The comments on the given cells of a sheet (two syncs when the sheet has comments, one otherwise). */
async function commentsAt(ctx: Excel.RequestContext, ws: Excel.Worksheet, cells: string[]): Promise<Map<string, Excel.Comment>> {
  const found = new Map<string, Excel.Comment>();
  const comments = ws.comments.load("items");
  await ctx.sync();
  if (cells.length === 0 || comments.items.length === 0) return found;
  const wanted = new Set(cells);
  const locations = comments.items.map((c) => ({ comment: c, range: c.getLocation().load("address") }));
  await ctx.sync();
  for (const { comment, range } of locations) {
    const cell = range.address.split("!").pop()!.replace(/\$/g, "");
    if (wanted.has(cell)) found.set(cell, comment);
  }
  return found;
}

function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/** The port in the add-in: the real Excel. */
export function createOfficeWorkbook(options: OfficeWorkbookOptions = {}): OfficeWorkbook {
  return new OfficeWorkbook(options);
}
