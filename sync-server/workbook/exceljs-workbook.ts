// The workbook port over an ExcelJS workbook: real .xlsx files for the command line (automated deliveries,
// blank templates) and tests. ExcelJS cannot make native charts, so a chart is inserted as a picture: the chart's SVG
// (shared/charts/chart-svg.ts, with title, axes and their titles) rendered by the one renderer (pictures/svg-png.ts).
// Settings live in a very hidden sheet; long dropdown lists in a hidden list sheet.
import ExcelJS from "exceljs";
import { a1, parseA1 } from "../../shared/grid/a1";
import { normaliseCell, type CellValue } from "../../shared/grid/cell";
import { chartSvg, type ChartSvgSeries } from "../../shared/charts/chart-svg";
import { SUPPRESSED_MARK } from "../../shared/protocol/delivery";
import { svgToPng } from "../pictures/svg-png";
import type {
  CellMark,
  ChartSpec,
  ConditionalFormatSpec,
  DropdownSpec,
  Grid,
  NumberFormat,
  PageSetupSpec,
  PictureSpec,
  UsedRange,
  WorkbookPort,
  WriteTableOptions,
} from "../../shared/protocol/workbook";
import {
  LIST_SHEET,
  assertSheetName,
  excelTableName,
  inlineListFormula,
  listSheetReference,
  marksSettingKey,
  rangeBounds,
  tableLayout,
} from "../../shared/workbook/layout";

/** Very hidden sheet with one setting per row: key in A, value in B (the streaming reader skips it too). */
export { SETTINGS_SHEET } from "../xlsx/read-grid";
import { SETTINGS_SHEET } from "../xlsx/read-grid";
/** Above this many cells a range number format is set on whole columns instead of cell by cell. */
const MAX_CELLWISE_FORMAT = 2_000;
/** Pictures are rendered at twice their displayed size, so that they stay sharp when zoomed or printed. */
const RENDER_SCALE = 2;

const key = (name: string) => name.toLocaleLowerCase("sv");

export class ExcelJsWorkbook implements WorkbookPort {
  constructor(readonly workbook: ExcelJS.Workbook = new ExcelJS.Workbook()) {}

  static async fromFile(path: string): Promise<ExcelJsWorkbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return new ExcelJsWorkbook(wb);
  }

  static async fromBuffer(buffer: ArrayBuffer | Uint8Array): Promise<ExcelJsWorkbook> {
    const wb = new ExcelJS.Workbook();
    const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    return new ExcelJsWorkbook(wb);
  }

  async toBuffer(): Promise<Uint8Array> {
    const out = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(out as ArrayBuffer);
  }

  async save(path: string): Promise<void> {
    await this.workbook.xlsx.writeFile(path);
  }

  /** The worksheet by name, case-insensitively (undefined when absent). */
  worksheet(name: string): ExcelJS.Worksheet | undefined {
    return this.workbook.worksheets.find((w) => key(w.name) === key(name));
  }

  // ── sheets ──────────────────────────────────────────────────────────────────────────────────────────

  async listSheets(): Promise<string[]> {
    return this.workbook.worksheets.filter((w) => w.name !== SETTINGS_SHEET).map((w) => w.name);
  }

  async activeSheet(): Promise<string> {
    const sheets = this.workbook.worksheets;
    const tab = this.workbook.views?.[0]?.activeTab;
    const chosen = typeof tab === "number" ? sheets[tab] : undefined;
    return (chosen ?? sheets.find((w) => w.state === "visible" || w.state === undefined) ?? sheets[0])?.name ?? "";
  }

  async readUsedRange(sheet: string): Promise<UsedRange> {
    const ws = this.sheet(sheet);
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    const cells: { row: number; col: number; value: CellValue }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const value = normaliseCell(cell.value);
        if (value === null || value === "") return;
        cells.push({ row: rowNumber - 1, col: colNumber - 1, value });
        top = Math.min(top, rowNumber - 1);
        bottom = Math.max(bottom, rowNumber - 1);
        left = Math.min(left, colNumber - 1);
        right = Math.max(right, colNumber - 1);
      });
    });
    if (cells.length === 0) return { topLeft: "A1", values: [] };
    const values: Grid = Array.from({ length: bottom - top + 1 }, () => new Array<CellValue>(right - left + 1).fill(null));
    for (const c of cells) values[c.row - top][c.col - left] = c.value;
    return { topLeft: a1(top, left), values };
  }

  async addSheet(name: string, options?: { hidden?: boolean }): Promise<void> {
    if (this.worksheet(name)) throw new Error(`Det finns redan ett blad som heter ”${name}”`);
    assertSheetName(name);
    const ws = this.workbook.addWorksheet(name);
    if (options?.hidden) ws.state = "hidden";
  }

  async replaceSheet(name: string, options?: { hidden?: boolean }): Promise<void> {
    const old = this.worksheet(name);
    const orderNo = old ? (old as unknown as { orderNo: number }).orderNo : undefined;
    if (old) this.workbook.removeWorksheet(old.id);
    await this.addSheet(name, options);
    if (orderNo !== undefined) (this.worksheet(name) as unknown as { orderNo: number }).orderNo = orderNo;
  }

  async deleteSheet(name: string): Promise<void> {
    const ws = this.worksheet(name);
    if (ws) this.workbook.removeWorksheet(ws.id);
  }

  // ── values and tables ───────────────────────────────────────────────────────────────────────────────

  async writeValues(sheet: string, at: string, rows: CellValue[][], numberFormats?: (NumberFormat | undefined)[]): Promise<void> {
    const ws = this.sheet(sheet);
    const start = parseA1(at);
    rows.forEach((values, r) => {
      const row = ws.getRow(start.row + r + 1);
      values.forEach((v, c) => {
        const cell = row.getCell(start.col + c + 1);
        // A string is always a plain string cell: ExcelJS makes a formula only from { formula } objects.
        cell.value = v === "" ? null : v instanceof Date ? new Date(v.getTime()) : v;
        const f = numberFormats?.[c];
        if (f) cell.numFmt = f;
      });
    });
  }

  async writeTable(options: WriteTableOptions): Promise<void> {
    const ws = this.sheet(options.sheet);
    const layout = tableLayout(options);
    const name = excelTableName(options.name);
    for (const w of this.workbook.worksheets)
      if (w.getTables().some((t) => key(tableName(t)) === key(name))) throw new Error(`Tabellnamnet ”${name}” används redan`);
    if (options.headerLines?.length) await this.writeValues(options.sheet, a1(layout.linesRow, layout.col), options.headerLines.map((l) => [l]));
    const data = options.rows.length > 0 ? options.rows : [options.columns.map(() => null)];
    ws.addTable({
      name,
      ref: layout.at,
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: uniqueHeaders(options.columns.map((c) => c.header)).map((h) => ({ name: h, filterButton: true })),
      rows: data.map((row) => row.map((v) => (v === null ? "" : v))),
    });
    // ExcelJS writes the rows itself; make sure the cells are exactly what writeValues would write.
    await this.writeValues(options.sheet, a1(layout.headerRow + 1, layout.col), data, options.columns.map((c) => c.numberFormat));
  }

  async setNumberFormat(sheet: string, range: string, format: NumberFormat): Promise<void> {
    const ws = this.sheet(sheet);
    const b = rangeBounds(range);
    if ((b.bottom - b.top + 1) * (b.right - b.left + 1) > MAX_CELLWISE_FORMAT) {
      // A column style is one entry in the file instead of a styled cell per row; ExcelJS also stamps it on the
      // column's existing cells, so those outside the range get their own format back.
      for (let c = b.left; c <= b.right; c++) {
        const column = ws.getColumn(c + 1);
        const outside: [ExcelJS.Cell, string | undefined][] = [];
        column.eachCell({ includeEmpty: true }, (cell, row) => {
          if (row - 1 < b.top || row - 1 > b.bottom) outside.push([cell, cell.numFmt]);
        });
        column.numFmt = format;
        for (const [cell, f] of outside) {
          const style = { ...cell.style };
          if (f === undefined) delete style.numFmt;
          else style.numFmt = f;
          cell.style = style;
        }
      }
      return;
    }
    for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) ws.getCell(r + 1, c + 1).numFmt = format;
  }

  // ── marks, selection, validation ────────────────────────────────────────────────────────────────────

  async markCells(sheet: string, marks: CellMark[]): Promise<void> {
    const ws = this.sheet(sheet);
    const marked = new Set<string>(JSON.parse((await this.getSetting(marksSettingKey(ws.name))) ?? "[]") as string[]);
    for (const m of marks) {
      const cell = ws.getCell(m.cell);
      if (m.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${m.fill.replace("#", "").toUpperCase()}` } };
      if (m.note !== undefined) cell.note = m.note;
      marked.add(m.cell);
    }
    await this.setSetting(marksSettingKey(ws.name), JSON.stringify([...marked]));
  }

  async clearMarks(sheet: string): Promise<void> {
    const ws = this.sheet(sheet);
    const marked = JSON.parse((await this.getSetting(marksSettingKey(ws.name))) ?? "[]") as string[];
    for (const address of marked) {
      const cell = ws.getCell(address);
      const style = { ...cell.style };
      delete style.fill;
      cell.style = style;
      // ExcelJS has no public way to remove a note: drop it from the cell and from the value model it was copied into.
      const internal = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
      internal._comment = undefined;
      if (internal._value?.model) delete internal._value.model.comment;
    }
    await this.deleteSetting(marksSettingKey(ws.name));
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    const ws = this.sheet(sheet);
    parseA1(cell);
    // The selection is part of the sheet's view: a frozen pane stays as it was.
    const view = ws.views?.[0];
    ws.views = [view?.state === "frozen" ? { ...view, activeCell: cell } : { state: "normal", activeCell: cell }];
    const index = this.workbook.worksheets.indexOf(ws);
    const views = this.workbook.views?.length ? this.workbook.views : [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
    views[0] = { ...views[0], activeTab: index, firstSheet: Math.min(views[0].firstSheet ?? 0, index) };
    this.workbook.views = views;
  }

  async addDropdown(spec: DropdownSpec): Promise<void> {
    const ws = this.sheet(spec.sheet);
    rangeBounds(spec.range);
    let formula = inlineListFormula(spec.values);
    if (formula === null) {
      const lists = this.worksheet(LIST_SHEET) ?? this.hiddenSheet(LIST_SHEET, "hidden");
      const col = lists.actualColumnCount;
      spec.values.forEach((v, i) => (lists.getCell(i + 1, col + 1).value = v));
      formula = listSheetReference(col, spec.values.length);
    }
    dataValidations(ws).add(spec.range, {
      type: "list",
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Ogiltigt värde",
      error: "Välj ett värde i listan.",
    });
  }

  async addConditionalFormat(spec: ConditionalFormatSpec): Promise<void> {
    const ws = this.sheet(spec.sheet);
    const first = spec.range.split(":")[0];
    const text = spec.textEquals.replace(/"/g, '""');
    ws.addConditionalFormatting({
      ref: spec.range,
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: [`EXACT(${first},"${text}")`],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: `FF${spec.fill.replace("#", "").toUpperCase()}` } } },
        },
      ],
    });
  }

  // ── charts, pictures ────────────────────────────────────────────────────────────────────────────────

  async addChart(spec: ChartSpec): Promise<void> {
    const ws = this.sheet(spec.sheet);
    const b = rangeBounds(spec.dataRange);
    const cell = (r: number, c: number) => normaliseCell(ws.getCell(r + 1, c + 1).value);
    const text = (v: CellValue) => (v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    const categories: string[] = [];
    for (let r = b.top + 1; r <= b.bottom; r++) categories.push(text(cell(r, b.left)));
    let suppressed = false;
    const column = (c: number): (number | null)[] => {
      const values: (number | null)[] = [];
      for (let r = b.top + 1; r <= b.bottom; r++) {
        const v = cell(r, c);
        if (v === SUPPRESSED_MARK) suppressed = true;
        values.push(typeof v === "number" && Number.isFinite(v) ? v : null);
      }
      return values;
    };
    // The interval's two columns are bounds of the first series, not series of their own.
    const bounds = spec.interval ? new Set([b.left + spec.interval.lowColumn, b.left + spec.interval.highColumn]) : new Set<number>();
    const series: ChartSvgSeries[] = [];
    for (let c = b.left + 1; c <= b.right; c++) if (!bounds.has(c)) series.push({ name: text(cell(b.top, c)), values: column(c) });
    if (spec.interval && series.length > 0) {
      series[0].low = column(b.left + spec.interval.lowColumn);
      series[0].high = column(b.left + spec.interval.highColumn);
    }
    const footnotes = [
      ...(suppressed ? [`Lucka = skyddat värde (${SUPPRESSED_MARK}), inte 0.`] : []),
      ...(spec.interval ? [spec.kind === "line" ? "Skuggat band = 95 % konfidensintervall." : "Streck = 95 % konfidensintervall."] : []),
    ];
    const width = 560;
    const height = 320;
    const svg = chartSvg({
      kind: spec.kind,
      title: spec.title,
      categoryTitle: spec.categoryTitle ?? text(cell(b.top, b.left)),
      valueTitle: spec.valueTitle,
      categories,
      series,
      footnote: footnotes.length ? footnotes.join(" ") : undefined,
      width,
      height,
    });
    this.placeImage(ws, spec.at, svgToPng(svg, { width: width * RENDER_SCALE }).png, width, height);
  }

  async insertPicture(spec: PictureSpec): Promise<void> {
    const png = spec.svg !== undefined ? svgToPng(spec.svg, { width: spec.widthPx * RENDER_SCALE }).png : Buffer.from(spec.pngBase64, "base64");
    this.placeImage(this.sheet(spec.sheet), spec.at, png, spec.widthPx, spec.heightPx);
  }

  // ── printing and view ───────────────────────────────────────────────────────────────────────────────

  async setPageSetup(spec: PageSetupSpec): Promise<void> {
    const ws = this.sheet(spec.sheet);
    // A4, as many pages tall as the content takes (fitToHeight 0), so many wide.
    ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: spec.orientation, fitToPage: true, fitToWidth: spec.fitToWidth, fitToHeight: 0 };
    if (spec.printTitleRows) ws.pageSetup.printTitlesRow = `${spec.printTitleRows.first}:${spec.printTitleRows.last}`;
    if (spec.freeze) {
      const { rows, columns } = spec.freeze;
      const activeCell = ws.views?.[0]?.activeCell;
      ws.views = rows > 0 || columns > 0
        ? [{ state: "frozen", xSplit: columns, ySplit: rows, topLeftCell: a1(rows, columns), ...(activeCell ? { activeCell } : {}) }]
        : [{ state: "normal", ...(activeCell ? { activeCell } : {}) }];
    }
    if (spec.rowBreaks) {
      // In the file a break is stored under the last row above it.
      const breaks = rowBreaks(ws);
      breaks.length = 0;
      for (const row of [...new Set(spec.rowBreaks)].sort((a, b) => a - b)) if (row > 1) ws.getRow(row - 1).addPageBreak();
    }
  }

  async setColumnWidths(sheet: string, widths: (number | undefined)[]): Promise<void> {
    const ws = this.sheet(sheet);
    widths.forEach((w, c) => {
      if (w !== undefined) ws.getColumn(c + 1).width = w;
    });
  }

  // ── settings ────────────────────────────────────────────────────────────────────────────────────────

  async getSetting(k: string): Promise<string | null> {
    const ws = this.worksheet(SETTINGS_SHEET);
    if (!ws) return null;
    const row = this.settingRow(ws, k);
    if (row === null) return null;
    const v = normaliseCell(ws.getCell(row, 2).value);
    return v === null ? "" : String(v);
  }

  async setSetting(k: string, value: string): Promise<void> {
    const ws = this.worksheet(SETTINGS_SHEET) ?? this.hiddenSheet(SETTINGS_SHEET, "veryHidden");
    const row = this.settingRow(ws, k) ?? ws.actualRowCount + 1;
    ws.getCell(row, 1).value = k;
    ws.getCell(row, 2).value = value;
  }

  private async deleteSetting(k: string): Promise<void> {
    const ws = this.worksheet(SETTINGS_SHEET);
    const row = ws ? this.settingRow(ws, k) : null;
    if (ws && row !== null) ws.spliceRows(row, 1);
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.worksheet(name);
    if (!ws) throw new Error(`Bladet ”${name}” finns inte`);
    return ws;
  }

  private hiddenSheet(name: string, state: "hidden" | "veryHidden"): ExcelJS.Worksheet {
    const ws = this.workbook.addWorksheet(name);
    ws.state = state;
    return ws;
  }

  private settingRow(ws: ExcelJS.Worksheet, k: string): number | null {
    for (let r = 1; r <= ws.actualRowCount; r++) if (normaliseCell(ws.getCell(r, 1).value) === k) return r;
    return null;
  }

  private placeImage(ws: ExcelJS.Worksheet, at: string, png: Uint8Array, width: number, height: number): void {
    const p = parseA1(at);
    const id = this.workbook.addImage({ buffer: Buffer.from(png) as unknown as ExcelJS.Buffer, extension: "png" });
    ws.addImage(id, { tl: { col: p.col, row: p.row }, ext: { width, height }, editAs: "oneCell" });
  }
}

/** ExcelJS keeps range-wide validations in `dataValidations`, which its typings omit. */
export function dataValidations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void; model: Record<string, ExcelJS.DataValidation | undefined> } {
  return (ws as unknown as { dataValidations: ReturnType<typeof dataValidations> }).dataValidations;
}

/** The manual row page breaks ExcelJS keeps (and its typings omit): `id` is the last row above the break. */
export function rowBreaks(ws: ExcelJS.Worksheet): { id: number; max?: number; man?: number }[] {
  const internal = ws as unknown as { rowBreaks?: { id: number }[] };
  internal.rowBreaks ??= [];
  return internal.rowBreaks;
}

function tableName(t: unknown): string {
  const table = t as { name?: string; table?: { name?: string } };
  return table.table?.name ?? table.name ?? "";
}

/** Excel needs distinct table headers: later duplicates get " 2", " 3", … */
function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const base = h === "" ? "Kolumn" : h;
    const n = (seen.get(key(base)) ?? 0) + 1;
    seen.set(key(base), n);
    return n === 1 ? base : `${base} ${n}`;
  });
}

