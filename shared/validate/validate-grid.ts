// Validates every cell of a sheet against a template version. Returns typed rows and issues; never throws.
import type { Grid } from "../protocol/workbook";
import type { Template, TemplateColumn } from "../templates/schema";
import { a1 } from "../grid/a1";
import { cellText, isBlank, isBlankText, type CellValue } from "../grid/cell";
import type { HeaderMatch } from "./header";
import type { SheetIssue } from "./issue";
import { parseDate, parseNumber, parsePeriod, parseTime, type Parsed } from "./parse-cell";
import { enumMatcher } from "./enum-matcher";

/** A typed value of one cell. Dates are ISO strings, times minutes after midnight, enums canonical values. */
export type TypedValue = string | number;

export interface ValidRow {
  /** 1-based sheet row. */
  sheetRow: number;
  /** 0-based grid row. */
  gridRow: number;
  /** Template column key → typed value (absent when blank). */
  values: Record<string, TypedValue>;
  /** True when some cell of the row has an error. */
  invalid: boolean;
}

export interface GridValidation {
  rows: ValidRow[];
  issues: SheetIssue[];
}

type CellParser = (value: CellValue) => Parsed<TypedValue>;

function parserFor(column: TemplateColumn): CellParser {
  switch (column.type) {
    case "date":
      return parseDate;
    case "time":
      return parseTime;
    case "integer":
      return (v) => parseNumber(v, true);
    case "decimal":
    case "coordinate":
      return (v) => parseNumber(v, false);
    case "period":
      return (v) => parsePeriod(v, column.periodKind ?? "month");
    case "enum": {
      const match = enumMatcher(column);
      return (v) => match(cellText(v));
    }
    case "nyko":
      return (v) => {
        const text = cellText(v).trim();
        return /^\d{1,12}$/.test(text)
          ? { ok: true, value: text }
          : { ok: false, code: "nyko-invalid", message: `”${text}” är ingen NYKO-kod.` };
      };
    default:
      return (v) => ({ ok: true, value: cellText(v).trim() });
    // text and address columns are not parsed (see validateGrid)
  }
}

/**
 * Reads one column's cells into typed values. Closed types repeat the same few values, so a memoising reader parses
 * each distinct cell value once and keeps its typed value (null when it does not parse): a cell equal to the one
 * before it (sorted dates) is answered without a look-up; text through a Map (a repeated cell is one string object,
 * whose hash V8 keeps); a date at midnight by its day number (a small integer, no number allocated per cell). One
 * class for every column, so the row loop's call is monomorphic.
 */
class CellReader {
  private readonly byText = new Map<string, TypedValue | null>();
  private readonly byNumber = new Map<number, TypedValue | null>();
  private readonly byDay = new Map<number, TypedValue | null>();
  private readonly byInstant = new Map<number, TypedValue | null>();
  // Days 1942–2121 (a day number since 1970 plus DAY_BASE) are answered from a dense table, without hashing.
  private dayTable: (TypedValue | null | undefined)[] | null = null;
  private lastText: string | null = null;
  private lastTextValue: TypedValue | null = null;
  private lastTime = Number.NaN;
  private lastTimeValue: TypedValue | null = null;

  constructor(
    private readonly parse: CellParser,
    private readonly memo: boolean,
  ) {}

  /** A non-blank cell's typed value, or its finding. */
  read(value: CellValue): Parsed<TypedValue> {
    const typed = this.value(value);
    return typed !== null ? { ok: true, value: typed } : this.parse(value);
  }

  /** A non-blank cell's typed value, or null when it does not parse (`read` gives the finding). */
  value(value: CellValue): TypedValue | null {
    if (!this.memo) return valueOf(this.parse(value));
    if (typeof value === "string") {
      if (value === this.lastText) return this.lastTextValue;
      let typed = this.byText.get(value);
      if (typed === undefined) {
        typed = valueOf(this.parse(value));
        if (this.byText.size < MEMO_LIMIT) this.byText.set(value, typed);
      }
      this.lastText = value;
      this.lastTextValue = typed;
      return typed;
    }
    if (typeof value === "number") return this.remember(this.byNumber, value, value);
    if (value instanceof Date) {
      const t = value.getTime();
      if (t === this.lastTime) return this.lastTimeValue;
      const day = t / 86_400_000;
      const typed = Number.isInteger(day) ? this.ofDay(day, value) : this.remember(this.byInstant, t, value);
      this.lastTime = t;
      this.lastTimeValue = typed;
      return typed;
    }
    return valueOf(this.parse(value));
  }

  private remember(map: Map<number, TypedValue | null>, key: number, value: CellValue): TypedValue | null {
    let typed = map.get(key);
    if (typed === undefined) {
      typed = valueOf(this.parse(value));
      if (map.size < MEMO_LIMIT) map.set(key, typed);
    }
    return typed;
  }

  private ofDay(day: number, value: CellValue): TypedValue | null {
    const at = day + DAY_BASE;
    if (at < 0 || at >= DAY_TABLE) return this.remember(this.byDay, day, value);
    const table = (this.dayTable ??= new Array<TypedValue | null | undefined>(DAY_TABLE).fill(undefined));
    let typed = table[at];
    if (typed === undefined) table[at] = typed = valueOf(this.parse(value));
    return typed;
  }
}

const valueOf = (parsed: Parsed<TypedValue>): TypedValue | null => (parsed.ok ? parsed.value : null);

const MEMO_LIMIT = 100_000;
const DAY_TABLE = 65_536;
const DAY_BASE = 10_000;

const MEMO_TYPES = new Set(["date", "time", "enum", "period", "nyko", "integer"]);

/**
 * Two 32-bit lanes over a row's cells, for duplicate detection without building strings. A string is sampled (its
 * length and five of its characters: the first two, the middle and the last two), not read whole: rows with the same
 * hash are compared cell by cell, so a weaker hash costs a comparison, never a wrong or missed duplicate.
 */
function hashRow(line: readonly CellValue[], cols: Int32Array, out: Int32Array): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let k = 0; k < cols.length; k++) {
    const v = line[cols[k]];
    let tag: number;
    let more = 0;
    if (typeof v === "string") {
      const n = v.length;
      if (n === 0) tag = 2;
      else {
        const last = n - 1;
        tag = (n << 16) ^ v.charCodeAt(0) ^ (v.charCodeAt(last) << 8);
        more = v.charCodeAt(n >> 1) ^ (v.charCodeAt(last >> 1) << 7) ^ (v.charCodeAt(last > 0 ? last - 1 : 0) << 14) ^ (v.charCodeAt(n > 1 ? 1 : 0) << 21);
      }
    } else if (typeof v === "number") tag = (v * 1000) | 0;
    else if (v === null || v === undefined) tag = 1;
    else if (v instanceof Date) tag = (v.getTime() / 1000) | 0;
    else tag = v ? 5 : 6;
    h1 = Math.imul(h1 ^ tag, 16777619);
    h2 = Math.imul(h2 ^ (tag + 0x9e37), 2246822519);
    h1 = Math.imul(h1 ^ more, 16777619);
    h2 = Math.imul(h2 ^ more, 2246822519);
  }
  out[0] = h1;
  out[1] = h2;
}

function sameCells(a: readonly CellValue[], b: readonly CellValue[], cols: Int32Array): boolean {
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    const x = a[c] ?? null;
    const y = b[c] ?? null;
    if (x instanceof Date && y instanceof Date ? x.getTime() !== y.getTime() : x !== y) return false;
  }
  return true;
}

const NO_CELLS: readonly CellValue[] = [];

/**
 * Exact copies among a sheet's rows, found once every row is read: each non-blank row's two hashes are kept in order
 * (typed arrays, no allocation per row), then sorted (a radix sort: passes over memory in order, where a table looked
 * up per row would read a random place of megabytes each time), and rows with the same hashes are compared cell by
 * cell. `copies` gives, per kept row, the first earlier row equal to it in every cell of `cols`, or -1.
 */
class DuplicateRows {
  private h1: Int32Array;
  private h2: Int32Array;
  private rows: Int32Array;
  /** Per kept row: how many findings came before it (where its duplicate finding goes). */
  private findings: Int32Array;
  count = 0;

  /** `rows`: the grid's length (the most rows that can be kept). */
  constructor(rows: number) {
    const n = Math.max(rows, 1);
    this.h1 = new Int32Array(n);
    this.h2 = new Int32Array(n);
    this.rows = new Int32Array(n);
    this.findings = new Int32Array(n);
  }

  keep(h1: number, h2: number, row: number, findingsBefore: number): void {
    if (this.count === this.rows.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.h1 = grow(this.h1);
      this.h2 = grow(this.h2);
      this.rows = grow(this.rows);
      this.findings = grow(this.findings);
    }
    this.h1[this.count] = h1;
    this.h2[this.count] = h2;
    this.findings[this.count] = findingsBefore;
    this.rows[this.count++] = row;
  }

  row(k: number): number {
    return this.rows[k];
  }

  findingsBefore(k: number): number {
    return this.findings[k];
  }

  /** Per kept row (in order of keeping), the first earlier grid row equal to it in every cell of `cols`, or -1. */
  copies(grid: Grid, cols: Int32Array): Int32Array {
    const n = this.count;
    const first = new Int32Array(n).fill(-1);
    // A few keys first, so that every line of the sort has run before the sheet's hundred thousand rows do: the
    // engine optimises a long loop while it runs, and code after it that has never run would throw that away.
    sortedByKey(WARM_KEYS, WARM_KEYS.length);
    const { order, key } = sortedByKey(this.h1, n);
    // Runs of equal first hashes (usually none longer than one row).
    let a = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && key[i] === key[a]) continue;
      if (i - a > 1) this.compareRun(order, a, i, grid, cols, first);
      a = i;
    }
    return first;
  }

  /**
   * One run of equal first hashes, in order of keeping: each row is compared with the run's distinct rows so far that
   * have its second hash too, as they came; a row equal to one of them gets that row in `first`.
   */
  private compareRun(order: Int32Array, from: number, to: number, grid: Grid, cols: Int32Array, first: Int32Array): void {
    const reps: number[] = [];
    for (let i = from; i < to; i++) {
      const k = order[i];
      const h2 = this.h2[k];
      const line = (grid[this.rows[k]] ?? NO_CELLS) as readonly CellValue[];
      let equal = -1;
      for (const rep of reps) {
        if (this.h2[rep] === h2 && sameCells((grid[this.rows[rep]] ?? NO_CELLS) as readonly CellValue[], line, cols)) {
          equal = rep;
          break;
        }
      }
      if (equal >= 0) first[k] = this.rows[equal];
      else reps.push(k);
    }
  }
}

const WARM_KEYS = Int32Array.from([3, -1, 0x12345678, 3]);

/** The indexes 0…n-1 ordered by `keys` as unsigned numbers, equal keys in index order (a stable LSD radix sort), and the keys in that order. */
function sortedByKey(keys: Int32Array, n: number): { order: Int32Array; key: Int32Array } {
  const a = { order: new Int32Array(n), key: keys.slice(0, n) };
  const b = { order: new Int32Array(n), key: new Int32Array(n) };
  for (let i = 0; i < n; i++) a.order[i] = i;
  const counts = new Int32Array(257);
  // Four passes of one byte each, from a to b and back (each pass a small function: optimised after its first call).
  radixPass(a.order, a.key, b.order, b.key, 0, counts, n);
  radixPass(b.order, b.key, a.order, a.key, 8, counts, n);
  radixPass(a.order, a.key, b.order, b.key, 16, counts, n);
  radixPass(b.order, b.key, a.order, a.key, 24, counts, n);
  return a;
}

/** One stable counting pass of a radix sort on the byte of the keys at `shift`. */
function radixPass(order: Int32Array, key: Int32Array, toOrder: Int32Array, toKey: Int32Array, shift: number, counts: Int32Array, n: number): void {
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[((key[i] >>> shift) & 255) + 1]++;
  for (let d = 0; d < 256; d++) counts[d + 1] += counts[d];
  for (let i = 0; i < n; i++) {
    const at = counts[(key[i] >>> shift) & 255]++;
    toOrder[at] = order[i];
    toKey[at] = key[i];
  }
}

/** One template column present in the sheet: where it is, its slot in a row's typed values, and its parser. */
export interface PlannedColumn {
  column: TemplateColumn;
  /** 0-based grid column. */
  col: number;
  /** Index in the typed values of a row. */
  slot: number;
  /** Null for free text and addresses: never typed values (they never leave; the locator reads the raw cell). */
  reader: CellReader | null;
}

/** The typed values of one row by slot (`undefined` when the cell is blank or its column is not typed). Reused per row. */
export type RowValues = (TypedValue | undefined)[];

export const ROW_BLANK = 0;
export const ROW_VALID = 1;
export const ROW_INVALID = 2;

/**
 * Validates a sheet one row at a time with parsers decided once per sheet. `issues` starts with the header's
 * findings and then holds each validated row's, in row order; `validate` fills `values` and returns ROW_BLANK
 * (skipped: blank in every template column), ROW_VALID or ROW_INVALID. Rows must come in grid order.
 */
export interface RowValidator {
  readonly columns: readonly PlannedColumn[];
  readonly issues: SheetIssue[];
  /** The slot of a template column key, or -1 when the sheet does not have the column. */
  slotOf(key: string | undefined | null): number;
  /** `grid`: the one the validator was made for (`finish` compares its rows). */
  validate(grid: Grid, r: number, values: RowValues): number;
  /**
   * Completes `issues` once every row is validated: exact copies of earlier rows are found over the whole sheet at
   * the end, and each one's warning is put after the row's other findings.
   */
  finish(): void;
}

export function rowValidator(grid: Grid, template: Template, header: HeaderMatch): RowValidator {
  const issues: SheetIssue[] = [];
  const columns: PlannedColumn[] = template.columns
    .filter((c) => header.columns.has(c.key))
    .map((c, slot) => ({
      column: c,
      col: header.columns.get(c.key) as number,
      slot,
      reader: c.type === "text" || c.type === "address" ? null : new CellReader(parserFor(c), MEMO_TYPES.has(c.type)),
    }));
  // The fast path's plan, in flat arrays: grid column, required, reader, by slot; and the unknown columns.
  const colOf = Int32Array.from(columns.map((c) => c.col));
  const requiredOf = columns.map((c) => c.column.required);
  const readerOf = columns.map((c) => c.reader);
  const unknownCols = Int32Array.from(header.unknown.map((u) => u.col));
  // Slots read in every row (typed or required) and the others (free text and addresses that may be blank).
  const readSlots = Int32Array.from(columns.filter((c) => c.reader !== null || c.column.required).map((c) => c.slot));
  const otherSlots = Int32Array.from(columns.filter((c) => c.reader === null && !c.column.required).map((c) => c.slot));
  const slots = new Map(columns.map((c) => [c.column.key, c.slot]));
  const allCols = Int32Array.from([...header.columns.values(), ...header.unknown.map((u) => u.col)]);
  const kept = new DuplicateRows(grid.length);
  const hash = new Int32Array(2);

  for (const missing of header.missing) {
    issues.push({
      cell: null,
      row: header.headerRow + 1,
      column: missing.header,
      code: "column-missing",
      severity: "error",
      message: `Kolumnen ”${missing.header}” saknas i rubrikraden (rad ${header.headerRow + 1}).`,
    });
  }
  for (const u of header.unknown) {
    issues.push({
      cell: a1(header.headerRow, u.col),
      row: header.headerRow + 1,
      column: u.header,
      code: "column-unknown",
      severity: "warning",
      message: `Kolumnen ”${u.header}” finns inte i mallen och skickas inte.`,
    });
  }

  /**
   * The common row, without a finding: every required cell filled and every typed cell read. Returns ROW_VALID or
   * ROW_BLANK, or -1 (with nothing recorded) when the row has a finding, for `checkedRow` to report in cell order.
   */
  const cleanRow = (line: readonly CellValue[], values: RowValues): number => {
    let filled = false;
    for (let j = 0; j < readSlots.length; j++) {
      const k = readSlots[j];
      const raw = line[colOf[k]];
      if (raw === null || raw === undefined || (typeof raw === "string" && isBlankText(raw))) {
        if (requiredOf[k]) return -1;
        values[k] = undefined;
        continue;
      }
      filled = true;
      const reader = readerOf[k];
      if (reader === null) values[k] = undefined;
      else {
        const typed = reader.value(raw);
        if (typed === null) return -1;
        values[k] = typed;
      }
    }
    // Free text and addresses are never typed: their cells matter only to tell a blank row.
    for (let j = 0; j < otherSlots.length; j++) {
      const k = otherSlots[j];
      values[k] = undefined;
      if (!filled && !isBlank(line[colOf[k]])) filled = true;
    }
    if (!filled) {
      for (let k = 0; k < unknownCols.length; k++) if (!isBlank(line[unknownCols[k]])) return -1;
      return ROW_BLANK;
    }
    return ROW_VALID;
  };

  /** Any row, its findings in cell order. */
  const checkedRow = (line: readonly CellValue[], r: number, values: RowValues): number => {
    let blank = true;
    for (let k = 0; k < allCols.length; k++) {
      if (!isBlank(line[allCols[k]])) {
        blank = false;
        break;
      }
    }
    if (blank) return ROW_BLANK;
    let invalid = false;
    for (let k = 0; k < columns.length; k++) {
      const { column, col, reader } = columns[k];
      const raw = line[col];
      values[k] = undefined;
      if (isBlank(raw)) {
        if (column.required) {
          invalid = true;
          issues.push({
            cell: a1(r, col), row: r + 1, column: column.header, code: "required-missing", severity: "error",
            message: `${column.header} måste fyllas i (cell ${a1(r, col)}).`,
          });
        }
        continue;
      }
      if (reader === null) continue;
      const parsed = reader.read(raw as CellValue);
      if (parsed.ok) values[k] = parsed.value;
      else {
        invalid = true;
        issues.push({ cell: a1(r, col), row: r + 1, column: column.header, code: parsed.code, severity: "error", message: `${parsed.message} (cell ${a1(r, col)})` });
      }
    }
    return invalid ? ROW_INVALID : ROW_VALID;
  };

  const validate = (g: Grid, r: number, values: RowValues): number => {
    const line = (g[r] ?? NO_CELLS) as readonly CellValue[];
    let state = cleanRow(line, values);
    if (state < 0) state = checkedRow(line, r, values);
    if (state === ROW_BLANK) return ROW_BLANK;
    hashRow(line, allCols, hash);
    kept.keep(hash[0], hash[1], r, issues.length);
    return state;
  };

  let finished = false;
  /** Puts each copied row's finding after the row's other findings, in row order. */
  const finish = () => {
    if (finished) return;
    finished = true;
    const first = kept.copies(grid, allCols);
    let any = false;
    for (let k = 0; k < first.length && !any; k++) any = first[k] >= 0;
    if (!any) return;
    const merged: SheetIssue[] = [];
    let from = 0;
    for (let k = 0; k < first.length; k++) {
      if (first[k] < 0) continue;
      for (const end = kept.findingsBefore(k); from < end; from++) merged.push(issues[from]);
      const r = kept.row(k);
      merged.push({
        cell: a1(r, 0), row: r + 1, column: null, code: "duplicate-row", severity: "warning",
        message: `Rad ${r + 1} är en exakt kopia av rad ${first[k] + 1}.`,
      });
    }
    for (; from < issues.length; from++) merged.push(issues[from]);
    issues.length = 0;
    for (const issue of merged) issues.push(issue);
  };

  return { columns, issues, finish, slotOf: (key) => (key == null ? -1 : (slots.get(key) ?? -1)), validate };
}

/** Rows that are blank in every template column are skipped (a sheet's trailing empty rows). */
export function validateGrid(grid: Grid, template: Template, header: HeaderMatch): GridValidation {
  const validator = rowValidator(grid, template, header);
  const rows: ValidRow[] = [];
  const typed: RowValues = new Array(validator.columns.length).fill(undefined);
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const state = validator.validate(grid, r, typed);
    if (state === ROW_BLANK) continue;
    const values: Record<string, TypedValue> = {};
    for (const c of validator.columns) if (typed[c.slot] !== undefined) values[c.column.key] = typed[c.slot] as TypedValue;
    rows.push({ sheetRow: r + 1, gridRow: r, values, invalid: state === ROW_INVALID });
  }
  validator.finish();
  return { rows, issues: validator.issues };
}
