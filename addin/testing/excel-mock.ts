// A test-only Excel host built from office-addin-mock's OfficeMockObject: every proxy (worksheet, range, table,
// chart, setting, …) is an OfficeMockObject, so a property read before `load` + `sync` gives the mock's error
// text, exactly as office-addin-mock enforces. Behind the proxies sits a small workbook store. Writes are applied
// at `sync`, where each request's payload is measured and refused above Excel's 5 MB limit, and counted.
import { OfficeMockObject } from "office-addin-mock";
import { a1, parseA1 } from "../../shared/grid/a1";
import { rangeBounds } from "../../shared/workbook/layout";
import type { ExcelHost } from "../excel/office-workbook";

export const EXCEL_PAYLOAD_LIMIT = 5 * 1024 * 1024;
const NOT_LOADED = ["Error, property was not loaded", "Error, context.sync() was not called"];

export interface MockCell {
  value: string | number | boolean;
  /** Set when Excel would have made the written text a formula. */
  formula?: string;
  quotePrefix?: boolean;
}

export interface MockSheet {
  name: string;
  visibility: string;
  position: number;
  /** Keyed by `cellKey(row, col)` (a number: 200,000-row sheets must stay fast). */
  cells: Map<number, MockCell>;
  formats: Map<number, string>;
  fills: Map<string, string>;
  comments: Map<string, string>;
  validations: { range: string; source: string }[];
  conditionalFormats: { range: string; formula: string; fill: string }[];
  charts: {
    type: string; source: string; title: string; at: string; categoryTitle: string; valueTitle: string;
    /** Series given a look of their own (by index): the interval's bound lines. */
    styled?: { index: number; chartType: string; lineStyle: string; color: string; markerStyle: string }[];
  }[];
  shapes: { base64: string; left: number; top: number; width: number; height: number }[];
  tables: { name: string; range: string; style: string }[];
  pageLayout: { orientation: string; zoom: { horizontalFitToPages?: number; verticalFitToPages?: number } | null; printTitleRows: string | null };
  freeze: { rows: number; columns: number };
  /** Rows (1-based) before which a manual page break stands. */
  rowBreaks: number[];
  /** Column widths in points, by 0-based column. */
  columnWidths: Map<number, number>;
}

export interface MockRequest {
  requestBytes: number;
  responseBytes: number;
  suspendedScreenUpdating: boolean;
}

type Obj = Record<string, unknown>;

const MAX_COLS = 16384;
export const cellKey = (row: number, col: number): number => row * MAX_COLS + col;
/** The key of an A1 address. */
export function keyOf(address: string): number {
  const p = parseA1(address);
  return cellKey(p.row, p.col);
}
type Mock = OfficeMockObject & Obj;

interface Watch {
  obj: Mock;
  prop: string;
  last: unknown;
  write?: (value: unknown) => void;
  read?: () => unknown;
}

const COL_WIDTH_PT = 48;
const ROW_HEIGHT_PT = 15;

export class MockExcel implements ExcelHost {
  readonly sheets: MockSheet[] = [];
  readonly settings = new Map<string, string>();
  readonly requests: MockRequest[] = [];
  active = "";
  selection: { sheet: string; cell: string } | null = null;
  payloadLimit = EXCEL_PAYLOAD_LIMIT;

  constructor(sheetNames: string[] = ["Blad1"]) {
    for (const n of sheetNames) this.createSheet(n);
    this.active = sheetNames[0] ?? "";
  }

  get syncCount(): number {
    return this.requests.length;
  }

  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const ctx = new MockContext(this);
    const result = await batch(ctx.context as unknown as Excel.RequestContext);
    if (ctx.hasPending()) await ctx.sync(); // Excel.run syncs what is left queued
    return result;
  }

  sheet(name: string): MockSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  createSheet(name: string): MockSheet {
    if (this.sheet(name)) throw officeError("ItemAlreadyExists", `A sheet named ${name} exists`);
    const s: MockSheet = {
      name, visibility: "Visible", position: this.sheets.length, cells: new Map(), formats: new Map(), fills: new Map(), comments: new Map(),
      validations: [], conditionalFormats: [], charts: [], shapes: [], tables: [],
      pageLayout: { orientation: "Portrait", zoom: null, printTitleRows: null }, freeze: { rows: 0, columns: 0 }, rowBreaks: [], columnWidths: new Map(),
    };
    this.sheets.push(s);
    return s;
  }

  deleteSheet(s: MockSheet): void {
    if (this.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0) throw officeError("InvalidOperation", "cannot delete the last visible sheet");
    this.sheets.splice(this.sheets.indexOf(s), 1);
    this.sheets.forEach((x, i) => (x.position = i));
    if (this.active.toLowerCase() === s.name.toLowerCase()) this.active = this.sheets.find((x) => x.visibility === "Visible")!.name;
  }

  /** Assigns a value as Excel does: a leading apostrophe quotes, =,+,-,@ make formulas, number-like text is parsed. */
  assign(s: MockSheet, cell: number, v: unknown): void {
    if (v === "" || v === null || v === undefined) {
      s.cells.delete(cell);
      return;
    }
    if (typeof v === "number" || typeof v === "boolean") {
      s.cells.set(cell, { value: v });
      return;
    }
    if (typeof v !== "string") throw officeError("InvalidArgument", `unsupported value ${String(v)}`);
    const first = v.charCodeAt(0);
    const plainStart = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first > 127;
    if (plainStart && !/^(true|false)$/i.test(v)) s.cells.set(cell, { value: v });
    else if (v.startsWith("'")) s.cells.set(cell, { value: v.slice(1), quotePrefix: true });
    else if (/^[-+]?\d+([.,]\d+)?$/.test(v.trim())) s.cells.set(cell, { value: Number(v.trim().replace(",", ".")) });
    else if (/^(true|false)$/i.test(v)) s.cells.set(cell, { value: v.toLowerCase() === "true" });
    else if (/^\d{1,2}:\d{2}$/.test(v)) s.cells.set(cell, { value: (Number(v.split(":")[0]) * 60 + Number(v.split(":")[1])) / 1440 });
    else if (/^\d{1,2}\/\d{1,2}$/.test(v)) s.cells.set(cell, { value: 46023 });
    else if (/^[=+\-@]./s.test(v) || /^[\t\r]/.test(v)) s.cells.set(cell, { value: 0, formula: v });
    else s.cells.set(cell, { value: v });
  }

  record(request: MockRequest): void {
    if (request.requestBytes > this.payloadLimit) throw officeError("RequestPayloadSizeLimitExceeded", `request of ${request.requestBytes} bytes`);
    if (request.responseBytes > this.payloadLimit) throw officeError("ResponsePayloadSizeLimitExceeded", `response of ${request.responseBytes} bytes`);
    this.requests.push(request);
  }
}

function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const isUnloaded = (v: unknown) => typeof v === "string" && NOT_LOADED.includes(v);
const jsonBytes = (v: unknown) => JSON.stringify(v ?? null).length;

class MockContext {
  readonly context: Mock;
  private mocks: Mock[] = [];
  private watches: Watch[] = [];
  private opBytes = 0;
  private suspended = false;

  constructor(private readonly excel: MockExcel) {
    this.context = this.mock({
      workbook: {
        worksheets: {
          items: [],
          load(this: Mock, props: string) {
            OfficeMockObject.prototype.load.call(this, String(props).split(",").map((p) => p.split("/")[0]));
            return this;
          },
          getItem: (name: string) => {
            const s = excel.sheet(name);
            if (!s) throw officeError("ItemNotFound", `no sheet ${name}`);
            return this.sheetProxy(s);
          },
          getItemOrNullObject: (name: string) => {
            const s = excel.sheet(name);
            return s ? this.sheetProxy(s) : this.nullObject();
          },
          add: (name: string) => {
            this.op(name);
            return this.sheetProxy(excel.createSheet(name));
          },
          getActiveWorksheet: () => this.sheetProxy(excel.sheet(excel.active)!),
        },
        settings: {
          add: (key: string, value: string) => {
            this.op([key, value]);
            excel.settings.set(key, value);
          },
          getItemOrNullObject: (key: string) => {
            if (!excel.settings.has(key)) return this.nullObject();
            const m = this.mock({ value: "", delete: () => excel.settings.delete(key) });
            this.watch(m, "value", { read: () => excel.settings.get(key) });
            return m;
          },
        },
      },
      application: {
        suspendScreenUpdatingUntilNextSync: () => {
          this.suspended = true;
        },
      },
      sync: () => this.sync(),
    });
    const worksheets = (this.context.workbook as Mock).worksheets as Mock;
    this.watch(worksheets, "items", { read: () => excel.sheets.map((s) => ({ name: s.name, visibility: s.visibility, position: s.position })) });
  }

  hasPending(): boolean {
    return this.opBytes > 0 || this.watches.some((w) => w.write && !isUnloaded(w.obj[w.prop]) && w.obj[w.prop] !== w.last);
  }

  async sync(): Promise<void> {
    // 1. Measure: writes queued since the last sync, and the loads that will come back.
    const writes = this.watches.filter((w) => w.write && !isUnloaded(w.obj[w.prop]) && w.obj[w.prop] !== w.last);
    let requestBytes = this.opBytes;
    for (const w of writes) requestBytes += w.prop.length + jsonBytes(w.obj[w.prop]);
    const loads = this.watches.filter((w) => w.read && w.obj[w.prop] === NOT_LOADED[1]);
    let responseBytes = 0;
    const fresh = new Map<Watch, unknown>();
    for (const w of loads) {
      const v = w.read!();
      fresh.set(w, v);
      responseBytes += w.prop.length + jsonBytes(v);
    }
    try {
      this.excel.record({ requestBytes, responseBytes, suspendedScreenUpdating: this.suspended });
    } catch (error) {
      // A refused request is dropped whole: its writes are not applied and its loads never resolve.
      for (const w of writes) w.last = w.obj[w.prop];
      this.watches = this.watches.filter((w) => !loads.includes(w));
      this.opBytes = 0;
      this.suspended = false;
      throw error;
    }
    // 2. Apply the writes in the order the proxies were made, then resolve the loads.
    for (const w of writes) w.write!(w.obj[w.prop]);
    for (const [w, value] of fresh) {
      const internal = (w.obj as unknown as { _properties: Map<string, { _valueBeforeLoaded: unknown }> })._properties.get(w.prop);
      if (internal) internal._valueBeforeLoaded = value;
    }
    for (const m of this.mocks) await OfficeMockObject.prototype.sync.call(m);
    await new Promise((resolve) => setTimeout(resolve, 0)); // office-addin-mock settles its properties in microtasks
    for (const w of this.watches) w.last = w.obj[w.prop];
    this.opBytes = 0;
    this.suspended = false;
  }

  // ── proxies ─────────────────────────────────────────────────────────────────────────────────────────

  private mock(data: Obj): Mock {
    const m = new OfficeMockObject(data as never) as Mock;
    this.mocks.push(m);
    return m;
  }

  private watch(obj: Mock, prop: string, spec: { write?: (value: unknown) => void; read?: () => unknown }): void {
    this.watches.push({ obj, prop, last: obj[prop], ...spec });
  }

  private op(payload: unknown): void {
    this.opBytes += 16 + jsonBytes(payload);
  }

  private nullObject(): Mock {
    const m = this.mock({
      load(this: Mock) {
        return this;
      },
    });
    m.isNullObject = true;
    return m;
  }

  private sheetProxy(s: MockSheet): Mock {
    const excel = this.excel;
    const m = this.mock({
      name: s.name,
      position: s.position,
      visibility: s.visibility,
      getRange: (address: string) => this.rangeProxy(s, address),
      getUsedRangeOrNullObject: () => {
        const used = usedBounds(s);
        return used ? this.rangeProxy(s, `${a1(used.top, used.left)}:${a1(used.bottom, used.right)}`) : this.nullObject();
      },
      activate: () => {
        this.op("activate");
        excel.active = s.name;
      },
      delete: () => {
        this.op("delete");
        excel.deleteSheet(s);
      },
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          this.op(address);
          if (!hasHeaders) throw officeError("InvalidArgument", "tables are written with headers");
          const table = { name: `Tabell${excel.sheets.reduce((n, x) => n + x.tables.length, 1)}`, range: address.split("!").pop()!, style: "" };
          s.tables.push(table);
          const t = this.mock({ name: table.name, style: "" });
          this.watch(t, "name", {
            write: (v) => {
              if (excel.sheets.some((x) => x.tables.some((y) => y !== table && y.name.toLowerCase() === String(v).toLowerCase()))) throw officeError("InvalidArgument", "table name taken");
              table.name = String(v);
            },
          });
          this.watch(t, "style", { write: (v) => (table.style = String(v)) });
          return t;
        },
      },
      charts: {
        add: (type: string, source: Mock, seriesBy: string) => {
          this.op([type, seriesBy]);
          const chart: MockSheet["charts"][number] = { type, source: String(source.__address), title: "", at: "", categoryTitle: "", valueTitle: "" };
          s.charts.push(chart);
          const c = this.mock({
            title: { text: "" },
            axes: { categoryAxis: { title: { text: "" } }, valueAxis: { title: { text: "" } } },
            setPosition: (at: string) => (chart.at = at),
            series: {
              getItemAt: (index: number) => {
                const styled = { index, chartType: "", lineStyle: "", color: "", markerStyle: "" };
                (chart.styled ??= []).push(styled);
                const m = this.mock({ chartType: "", markerStyle: "", format: { line: { color: "", lineStyle: "", weight: 0 } } });
                this.watch(m, "chartType", { write: (v) => (styled.chartType = String(v)) });
                this.watch(m, "markerStyle", { write: (v) => (styled.markerStyle = String(v)) });
                const line = (m.format as unknown as { line: Mock }).line;
                this.watch(line, "color", { write: (v) => (styled.color = String(v)) });
                this.watch(line, "lineStyle", { write: (v) => (styled.lineStyle = String(v)) });
                return m;
              },
            },
          });
          this.watch(c.title as Mock, "text", { write: (v) => (chart.title = String(v)) });
          const axes = c.axes as unknown as Record<"categoryAxis" | "valueAxis", { title: Mock }>;
          this.watch(axes.categoryAxis.title, "text", { write: (v) => (chart.categoryTitle = String(v)) });
          this.watch(axes.valueAxis.title, "text", { write: (v) => (chart.valueTitle = String(v)) });
          return c;
        },
      },
      shapes: {
        addImage: (base64: string) => {
          this.op(base64);
          const shape = { base64, left: 0, top: 0, width: 0, height: 0 };
          s.shapes.push(shape);
          const sh = this.mock({ left: 0, top: 0, width: 0, height: 0 });
          for (const k of ["left", "top", "width", "height"] as const) this.watch(sh, k, { write: (v) => (shape[k] = Number(v)) });
          return sh;
        },
      },
      pageLayout: {
        orientation: "Portrait",
        zoom: {},
        setPrintTitleRows: (rows: string) => {
          this.op(["printTitleRows", rows]);
          if (!/^\$\d+:\$\d+$/.test(rows)) throw officeError("InvalidArgument", `print title rows ${rows}`);
          s.pageLayout.printTitleRows = rows;
        },
      },
      freezePanes: {
        unfreeze: () => {
          this.op("unfreeze");
          s.freeze = { rows: 0, columns: 0 };
        },
        freezeRows: (n: number) => {
          this.op(["freezeRows", n]);
          s.freeze = { rows: n, columns: 0 };
        },
        freezeColumns: (n: number) => {
          this.op(["freezeColumns", n]);
          s.freeze = { rows: 0, columns: n };
        },
        freezeAt: (range: Mock) => {
          this.op(["freezeAt", String(range.__address)]);
          const b = rangeBounds(String(range.__address));
          if (b.top !== 0 || b.left !== 0) throw officeError("InvalidArgument", "freezeAt takes a range from A1");
          s.freeze = { rows: b.bottom + 1, columns: b.right + 1 };
        },
      },
      horizontalPageBreaks: {
        removePageBreaks: () => {
          this.op("removePageBreaks");
          s.rowBreaks = [];
        },
        add: (at: string) => {
          this.op(["pageBreak", at]);
          const p = parseA1(at);
          if (!s.rowBreaks.includes(p.row + 1)) s.rowBreaks.push(p.row + 1);
        },
      },
      comments: {
        items: [],
        add: (cell: string | Mock, content: string) => {
          this.op([String(typeof cell === "string" ? cell : cell.__address), content]);
          if (typeof cell === "string" && !cell.includes("!")) throw officeError("InvalidArgument", "a comment address needs the sheet name");
          const address = (typeof cell === "string" ? cell : String(cell.__address)).split("!").pop()!.replace(/\$/g, "");
          if (s.comments.has(address)) throw officeError("InvalidArgument", `a comment exists at ${address}`);
          s.comments.set(address, content);
        },
      },
    });
    m.__sheet = s;
    this.watch(m, "name", { read: () => s.name, write: (v) => (s.name = String(v)) });
    this.watch(m, "position", {
      read: () => s.position,
      write: (v) => {
        excel.sheets.splice(excel.sheets.indexOf(s), 1);
        excel.sheets.splice(Number(v), 0, s);
        excel.sheets.forEach((x, i) => (x.position = i));
      },
    });
    this.watch(m, "visibility", { read: () => s.visibility, write: (v) => (s.visibility = String(v)) });
    const layout = m.pageLayout as Mock;
    this.watch(layout, "orientation", { write: (v) => {
      if (v !== "Landscape" && v !== "Portrait") throw officeError("InvalidArgument", `orientation ${String(v)}`);
      s.pageLayout.orientation = String(v);
    } });
    this.watch(layout, "zoom", { write: (v) => (s.pageLayout.zoom = { ...(v as object) }) });
    const comments = m.comments as Mock;
    this.watch(comments, "items", {
      read: () =>
        [...s.comments.keys()].map((cell) => ({
          getLocation: () => {
            const loc = this.mock({ address: "" });
            this.watch(loc, "address", { read: () => `${s.name}!${cell}` });
            return loc;
          },
          delete: () => {
            this.op(["delete comment", cell]);
            s.comments.delete(cell);
          },
        })),
    });
    return m;
  }

  private rangeProxy(s: MockSheet, address: string): Mock {
    const excel = this.excel;
    const b = rangeBounds(address);
    const rows = b.bottom - b.top + 1;
    const cols = b.right - b.left + 1;
    const cellsOf = () => Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => a1(b.top + r, b.left + c)));
    const grid = <T>(f: (key: number) => T): T[][] => {
      const out: T[][] = new Array(rows);
      for (let r = 0; r < rows; r++) {
        const row: T[] = new Array(cols);
        const base = cellKey(b.top + r, b.left);
        for (let c = 0; c < cols; c++) row[c] = f(base + c);
        out[r] = row;
      }
      return out;
    };
    const each = (v: unknown[][], f: (key: number, value: unknown) => void) => {
      for (let r = 0; r < rows; r++) {
        const base = cellKey(b.top + r, b.left);
        for (let c = 0; c < cols; c++) f(base + c, v[r][c]);
      }
    };
    const checkShape = (v: unknown, what: string) => {
      if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols))
        throw officeError("InvalidArgument", `${what} must be ${rows}×${cols} for ${address}`);
    };
    const m = this.mock({
      address: "", rowIndex: b.top, columnIndex: b.left, rowCount: rows, columnCount: cols, left: 0, top: 0, values: [], numberFormat: [],
      format: { fill: { color: "", clear: () => { this.op(["clear", address]); for (const row of cellsOf()) for (const c of row) s.fills.delete(c); } } },
      dataValidation: {
        rule: {}, errorAlert: {},
        clear: () => {
          this.op(["clear validation", address]);
          s.validations = s.validations.filter((v) => v.range !== address);
        },
      },
      conditionalFormats: {
        add: (type: string) => {
          this.op(type);
          if (type !== "Custom") throw officeError("InvalidArgument", "only custom conditional formats are modelled");
          const entry = { range: address, formula: "", fill: "" };
          s.conditionalFormats.push(entry);
          const cf = this.mock({ custom: { rule: { formula: "" }, format: { fill: { color: "" } } } });
          const custom = cf.custom as Mock;
          this.watch(custom.rule as Mock, "formula", { write: (v) => (entry.formula = String(v)) });
          this.watch((custom.format as Mock).fill as Mock, "color", { write: (v) => (entry.fill = String(v).toUpperCase()) });
          return cf;
        },
      },
      getEntireColumn: () => {
        const column = this.mock({ format: { columnWidth: 0 } });
        this.watch(column.format as Mock, "columnWidth", { write: (v) => { for (let c = b.left; c <= b.right; c++) s.columnWidths.set(c, Number(v)); } });
        return column;
      },
      select: () => {
        this.op(["select", address]);
        excel.active = s.name;
        excel.selection = { sheet: s.name, cell: address };
      },
    });
    m.__address = address;
    this.watch(m, "address", { read: () => `${s.name}!${address}` });
    this.watch(m, "left", { read: () => b.left * COL_WIDTH_PT });
    this.watch(m, "top", { read: () => b.top * ROW_HEIGHT_PT });
    this.watch(m, "values", {
      read: () => grid((k) => s.cells.get(k)?.value ?? ""),
      write: (v) => {
        checkShape(v, "values");
        each(v as unknown[][], (k, value) => excel.assign(s, k, value));
      },
    });
    this.watch(m, "numberFormat", {
      read: () => grid((k) => s.formats.get(k) ?? "General"),
      write: (v) => {
        checkShape(v, "numberFormat");
        each(v as unknown[][], (k, value) => s.formats.set(k, String(value)));
      },
    });
    const fill = (m.format as Mock).fill as Mock;
    this.watch(fill, "color", { write: (v) => { for (const row of cellsOf()) for (const c of row) s.fills.set(c, String(v).toUpperCase()); } });
    const dv = m.dataValidation as Mock;
    this.watch(dv, "rule", {
      write: (v) => {
        const source = (v as { list?: { source?: string } }).list?.source;
        if (typeof source !== "string") throw officeError("InvalidArgument", "only list validation is modelled");
        s.validations.push({ range: address, source });
      },
    });
    this.watch(dv, "errorAlert", { write: () => undefined });
    return m;
  }
}

function usedBounds(s: MockSheet): { top: number; left: number; bottom: number; right: number } | null {
  if (s.cells.size === 0) return null;
  let top = Infinity, left = Infinity, bottom = -1, right = -1;
  for (const k of s.cells.keys()) {
    const row = Math.floor(k / MAX_COLS);
    const col = k % MAX_COLS;
    if (row < top) top = row;
    if (row > bottom) bottom = row;
    if (col < left) left = col;
    if (col > right) right = col;
  }
  return { top, left, bottom, right };
}
