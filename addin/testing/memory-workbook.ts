// A test-only in-memory workbook host implementing the workbook port. The test build's own entry (test-host.ts) starts
// the task pane on it for the browser tests; its state can be inspected (and snapshotted as JSON) by tests.
import { a1, parseA1 } from "../../shared/grid/a1";
import type { CellValue } from "../../shared/grid/cell";
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
import { assertSheetName, excelTableName, rangeBounds, rangeContains, tableLayout } from "../../shared/workbook/layout";

export interface MemoryTable {
  name: string;
  range: string;
}

interface MemorySheet {
  name: string;
  hidden: boolean;
  values: Map<string, CellValue>;
  formats: Map<string, NumberFormat>;
  fills: Map<string, string>;
  notes: Map<string, string>;
  marked: Set<string>;
  dropdowns: { range: string; values: string[] }[];
  formatRanges: { range: string; format: NumberFormat }[];
  conditionalFormats: Omit<ConditionalFormatSpec, "sheet">[];
  charts: Omit<ChartSpec, "sheet">[];
  pictures: Omit<PictureSpec, "sheet">[];
  tables: MemoryTable[];
  pageSetup: Omit<PageSetupSpec, "sheet"> | null;
  columnWidths: (number | undefined)[];
}

export interface MemoryWorkbookSnapshot {
  sheets: { name: string; hidden: boolean; topLeft: string; values: Grid; fills: Record<string, string>; notes: Record<string, string>; charts: number; pictures: number; tables: MemoryTable[] }[];
  settings: Record<string, string>;
  selection: { sheet: string; cell: string } | null;
  activeSheet: string;
}

const key = (name: string) => name.toLocaleLowerCase("sv");

export class MemoryWorkbook implements WorkbookPort {
  private readonly sheets: MemorySheet[] = [];
  private readonly settings = new Map<string, string>();
  private active = "";
  private selection: { sheet: string; cell: string } | null = null;

  constructor(initial: Record<string, Grid> = {}) {
    for (const [name, grid] of Object.entries(initial)) this.loadGrid(name, grid);
    if (this.sheets.length === 0) this.createSheet("Blad1", false);
  }

  // ── inspection and test set-up ──────────────────────────────────────────────────────────────────────

  /** Creates the sheet if needed and writes the grid at A1 as a person pasting an export would. */
  loadGrid(sheet: string, values: Grid, at = "A1"): void {
    const s = this.find(sheet) ?? this.createSheet(sheet, false);
    this.put(s, at, values);
    if (!this.active) this.active = s.name;
  }

  /** Makes a sheet the active one (as a person clicking its tab). */
  activate(sheet: string): void {
    this.active = this.sheet(sheet).name;
  }

  cell(sheet: string, cell: string): CellValue {
    return this.sheet(sheet).values.get(cell) ?? null;
  }
  fillOf(sheet: string, cell: string): string | null {
    return this.sheet(sheet).fills.get(cell) ?? null;
  }
  noteOf(sheet: string, cell: string): string | null {
    return this.sheet(sheet).notes.get(cell) ?? null;
  }
  numberFormatOf(sheet: string, cell: string): NumberFormat | null {
    const s = this.sheet(sheet);
    const direct = s.formats.get(cell);
    if (direct) return direct;
    for (let i = s.formatRanges.length - 1; i >= 0; i--) if (rangeContains(s.formatRanges[i].range, cell)) return s.formatRanges[i].format;
    return null;
  }
  dropdownOf(sheet: string, cell: string): string[] | null {
    const found = [...this.sheet(sheet).dropdowns].reverse().find((d) => rangeContains(d.range, cell));
    return found ? [...found.values] : null;
  }
  conditionalFormatsOf(sheet: string): Omit<ConditionalFormatSpec, "sheet">[] {
    return this.sheet(sheet).conditionalFormats.map((c) => ({ ...c }));
  }
  chartsOf(sheet: string): Omit<ChartSpec, "sheet">[] {
    return this.sheet(sheet).charts.map((c) => ({ ...c }));
  }
  picturesOf(sheet: string): Omit<PictureSpec, "sheet">[] {
    return this.sheet(sheet).pictures.map((p) => ({ ...p }));
  }
  tablesOf(sheet: string): MemoryTable[] {
    return this.sheet(sheet).tables.map((t) => ({ ...t }));
  }
  pageSetupOf(sheet: string): Omit<PageSetupSpec, "sheet"> | null {
    const p = this.sheet(sheet).pageSetup;
    return p ? structuredClone(p) : null;
  }
  /** Width in characters of a column (0-based), or null when never set. */
  columnWidthOf(sheet: string, col: number): number | null {
    return this.sheet(sheet).columnWidths[col] ?? null;
  }
  isHidden(sheet: string): boolean {
    return this.sheet(sheet).hidden;
  }
  selected(): { sheet: string; cell: string } | null {
    return this.selection ? { ...this.selection } : null;
  }

  /** The whole state as plain JSON (for page.evaluate in browser tests). */
  snapshot(): MemoryWorkbookSnapshot {
    return {
      sheets: this.sheets.map((s) => {
        const used = usedRange(s);
        return {
          name: s.name,
          hidden: s.hidden,
          topLeft: used.topLeft,
          values: used.values.map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v))),
          fills: Object.fromEntries(s.fills),
          notes: Object.fromEntries(s.notes),
          charts: s.charts.length,
          pictures: s.pictures.length,
          tables: s.tables.map((t) => ({ ...t })),
        };
      }),
      settings: Object.fromEntries(this.settings),
      selection: this.selected(),
      activeSheet: this.active,
    };
  }

  // ── the port ────────────────────────────────────────────────────────────────────────────────────────

  async listSheets(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  async activeSheet(): Promise<string> {
    return this.active;
  }

  async readUsedRange(sheet: string): Promise<UsedRange> {
    return usedRange(this.sheet(sheet));
  }

  async addSheet(name: string, options?: { hidden?: boolean }): Promise<void> {
    if (this.find(name)) throw new Error(`Det finns redan ett blad som heter ”${name}”`);
    this.createSheet(name, options?.hidden ?? false);
  }

  async replaceSheet(name: string, options?: { hidden?: boolean }): Promise<void> {
    const i = this.sheets.findIndex((s) => key(s.name) === key(name));
    if (i >= 0) this.sheets.splice(i, 1);
    const fresh = this.createSheet(name, options?.hidden ?? false, i >= 0 ? i : undefined);
    if (i >= 0 && key(this.active) === key(name)) this.active = fresh.name;
  }

  async deleteSheet(name: string): Promise<void> {
    const i = this.sheets.findIndex((s) => key(s.name) === key(name));
    if (i < 0) return;
    this.sheets.splice(i, 1);
    if (key(this.active) === key(name)) this.active = this.sheets.find((s) => !s.hidden)?.name ?? "";
    if (this.selection && key(this.selection.sheet) === key(name)) this.selection = null;
  }

  async writeValues(sheet: string, at: string, rows: CellValue[][], numberFormats?: (NumberFormat | undefined)[]): Promise<void> {
    const s = this.sheet(sheet);
    this.put(s, at, rows);
    if (numberFormats) {
      const start = parseA1(at);
      rows.forEach((row, r) => row.forEach((_, c) => {
        const f = numberFormats[c];
        if (f) s.formats.set(a1(start.row + r, start.col + c), f);
      }));
    }
  }

  async writeTable(options: WriteTableOptions): Promise<void> {
    const s = this.sheet(options.sheet);
    const layout = tableLayout(options);
    const name = excelTableName(options.name);
    if (this.sheets.some((x) => x.tables.some((t) => key(t.name) === key(name)))) throw new Error(`Tabellnamnet ”${name}” används redan`);
    if (options.headerLines?.length) this.put(s, a1(layout.linesRow, layout.col), options.headerLines.map((l) => [l]));
    await this.writeValues(options.sheet, layout.at, [options.columns.map((c) => c.header)]);
    const data = options.rows.length > 0 ? options.rows : [options.columns.map(() => null)];
    await this.writeValues(options.sheet, a1(layout.headerRow + 1, layout.col), data, options.columns.map((c) => c.numberFormat));
    s.tables.push({ name, range: layout.range });
  }

  async setNumberFormat(sheet: string, range: string, format: NumberFormat): Promise<void> {
    this.sheet(sheet).formatRanges.push({ range, format });
  }

  async markCells(sheet: string, marks: CellMark[]): Promise<void> {
    const s = this.sheet(sheet);
    for (const m of marks) {
      parseA1(m.cell);
      if (m.fill) s.fills.set(m.cell, m.fill.toUpperCase());
      if (m.note !== undefined) s.notes.set(m.cell, m.note);
      s.marked.add(m.cell);
    }
  }

  async clearMarks(sheet: string): Promise<void> {
    const s = this.sheet(sheet);
    for (const cell of s.marked) {
      s.fills.delete(cell);
      s.notes.delete(cell);
    }
    s.marked.clear();
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    const s = this.sheet(sheet);
    parseA1(cell);
    this.active = s.name;
    this.selection = { sheet: s.name, cell };
  }

  async addDropdown(spec: DropdownSpec): Promise<void> {
    rangeBounds(spec.range); // validates the address
    this.sheet(spec.sheet).dropdowns.push({ range: spec.range, values: [...spec.values] });
  }

  async addConditionalFormat(spec: ConditionalFormatSpec): Promise<void> {
    const { sheet, ...rest } = spec;
    this.sheet(sheet).conditionalFormats.push({ ...rest, fill: rest.fill.toUpperCase() });
  }

  async addChart(spec: ChartSpec): Promise<void> {
    const { sheet, ...rest } = spec;
    this.sheet(sheet).charts.push(rest);
  }

  async insertPicture(spec: PictureSpec): Promise<void> {
    const { sheet, ...rest } = spec;
    this.sheet(sheet).pictures.push(rest);
  }

  async setPageSetup(spec: PageSetupSpec): Promise<void> {
    const { sheet, ...rest } = spec;
    const s = this.sheet(sheet);
    s.pageSetup = structuredClone({ ...s.pageSetup, ...rest });
  }

  async setColumnWidths(sheet: string, widths: (number | undefined)[]): Promise<void> {
    const s = this.sheet(sheet);
    widths.forEach((w, i) => {
      if (w !== undefined) s.columnWidths[i] = w;
    });
  }

  async getSetting(k: string): Promise<string | null> {
    return this.settings.get(k) ?? null;
  }

  async setSetting(k: string, value: string): Promise<void> {
    this.settings.set(k, value);
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────

  private find(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => key(s.name) === key(name));
  }

  private sheet(name: string): MemorySheet {
    const s = this.find(name);
    if (!s) throw new Error(`Bladet ”${name}” finns inte`);
    return s;
  }

  private createSheet(name: string, hidden: boolean, index?: number): MemorySheet {
    assertSheetName(name);
    const s: MemorySheet = {
      name, hidden, values: new Map(), formats: new Map(), fills: new Map(), notes: new Map(), marked: new Set(),
      dropdowns: [], formatRanges: [], conditionalFormats: [], charts: [], pictures: [], tables: [], pageSetup: null, columnWidths: [],
    };
    if (index === undefined) this.sheets.push(s);
    else this.sheets.splice(index, 0, s);
    if (!this.active && !hidden) this.active = name;
    return s;
  }

  private put(s: MemorySheet, at: string, rows: CellValue[][]): void {
    const start = parseA1(at);
    rows.forEach((row, r) => row.forEach((v, c) => {
      const cell = a1(start.row + r, start.col + c);
      if (v === null || v === "" || v === undefined) s.values.delete(cell);
      else s.values.set(cell, v instanceof Date ? new Date(v.getTime()) : v);
    }));
  }
}

function usedRange(s: MemorySheet): UsedRange {
  if (s.values.size === 0) return { topLeft: "A1", values: [] };
  let top = Infinity, left = Infinity, bottom = -1, right = -1;
  for (const cell of s.values.keys()) {
    const p = parseA1(cell);
    top = Math.min(top, p.row);
    left = Math.min(left, p.col);
    bottom = Math.max(bottom, p.row);
    right = Math.max(right, p.col);
  }
  const values: Grid = [];
  for (let r = top; r <= bottom; r++) {
    const row: CellValue[] = [];
    for (let c = left; c <= right; c++) row.push(s.values.get(a1(r, c)) ?? null);
    values.push(row);
  }
  return { topLeft: a1(top, left), values };
}

export function createMemoryWorkbook(initial: Record<string, Grid> = {}): MemoryWorkbook {
  return new MemoryWorkbook(initial);
}

/** Makes the workbook reachable from browser tests as `window.__lagesbildWorkbook`. */
export function exposeMemoryWorkbook(workbook: MemoryWorkbook, target: object = globalThis): void {
  (target as { __lagesbildWorkbook?: MemoryWorkbook }).__lagesbildWorkbook = workbook;
}
