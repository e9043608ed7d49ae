// Validates every cell of a sheet against a template version. Returns typed rows and issues; never throws.
import type { Grid } from "../protocol/workbook";
import type { Template, TemplateColumn } from "../templates/schema";
import { a1 } from "../grid/a1";
import { cellText, isBlank, type CellValue } from "../grid/cell";
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

/** Closed types repeat the same few values: parse each distinct cell value once. */
function memoised(parse: CellParser): CellParser {
  const byText = new Map<string, Parsed<TypedValue>>();
  const byNumber = new Map<number, Parsed<TypedValue>>();
  const LIMIT = 100_000;
  return (value) => {
    if (typeof value === "string") {
      let hit = byText.get(value);
      if (!hit) {
        hit = parse(value);
        if (byText.size < LIMIT) byText.set(value, hit);
      }
      return hit;
    }
    if (typeof value === "number" || value instanceof Date) {
      const key = typeof value === "number" ? value : -1e15 - value.getTime();
      let hit = byNumber.get(key);
      if (!hit) {
        hit = parse(value);
        if (byNumber.size < LIMIT) byNumber.set(key, hit);
      }
      return hit;
    }
    return parse(value);
  };
}

const MEMO_TYPES = new Set(["date", "time", "enum", "period", "nyko", "integer"]);

/** Two 32-bit FNV-1a lanes over a row's cells, for duplicate detection without building strings. */
function hashRow(line: readonly CellValue[], cols: readonly number[], out: Int32Array): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let k = 0; k < cols.length; k++) {
    const v = line[cols[k]];
    let tag: number;
    if (v === null || v === undefined) tag = 1;
    else if (typeof v === "string") {
      for (let i = 0; i < v.length; i++) {
        const c = v.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 16777619);
        h2 = Math.imul(h2 ^ c, 2246822519);
      }
      tag = 2;
    } else if (typeof v === "number") tag = (v * 1000) | 0;
    else if (v instanceof Date) tag = (v.getTime() / 1000) | 0;
    else tag = v ? 5 : 6;
    h1 = Math.imul(h1 ^ tag, 16777619);
    h2 = Math.imul(h2 ^ (tag + 0x9e37), 2246822519);
  }
  out[0] = h1;
  out[1] = h2;
}

function sameCells(a: readonly CellValue[], b: readonly CellValue[], cols: readonly number[]): boolean {
  for (const c of cols) {
    const x = a[c] ?? null;
    const y = b[c] ?? null;
    if (x instanceof Date && y instanceof Date ? x.getTime() !== y.getTime() : x !== y) return false;
  }
  return true;
}

/**
 * The first grid row of each distinct row hash: an open-addressing table in one typed array of (h1, h2, row + 1)
 * triples (one cache line per probe, no allocation per row). `firstOf` returns the row already holding the hash,
 * or records `row` and returns -1.
 */
class FirstRowByHash {
  private slots: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    let count = 1024;
    while (count < capacity * 2) count *= 2;
    this.slots = new Int32Array(count * 4);
  }

  firstOf(h1: number, h2: number, row: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    let at = ((h1 ^ (h2 >>> 15)) & mask) << 2;
    for (;;) {
      const stored = slots[at + 2];
      if (stored === 0) break;
      if (slots[at] === h1 && slots[at + 1] === h2) return stored - 1;
      at = (at + 4) & (slots.length - 1);
    }
    slots[at] = h1;
    slots[at + 1] = h2;
    slots[at + 2] = row + 1;
    if (++this.size * 2 > mask + 1) this.grow();
    return -1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.size = 0;
    for (let at = 0; at < old.length; at += 4) if (old[at + 2] !== 0) this.firstOf(old[at], old[at + 1], old[at + 2] - 1);
  }
}

/** Rows that are blank in every template column are skipped (a sheet's trailing empty rows). */
export function validateGrid(grid: Grid, template: Template, header: HeaderMatch): GridValidation {
  const issues: SheetIssue[] = [];
  const rows: ValidRow[] = [];
  const columns = template.columns
    .filter((c) => header.columns.has(c.key))
    .map((c) => ({
      column: c,
      col: header.columns.get(c.key) as number,
      // Free text and addresses are never typed values: they never leave, and the locator reads the raw cell.
      parse: c.type === "text" || c.type === "address" ? null : MEMO_TYPES.has(c.type) ? memoised(parserFor(c)) : parserFor(c),
    }));
  const allCols = [...header.columns.values(), ...header.unknown.map((u) => u.col)];
  const seen = new FirstRowByHash(grid.length - header.headerRow);
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

  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const line = grid[r] ?? [];
    let blank = true;
    for (const c of allCols) {
      if (!isBlank(line[c])) {
        blank = false;
        break;
      }
    }
    if (blank) continue;
    const values: Record<string, TypedValue> = {};
    let invalid = false;
    for (const { column, col, parse } of columns) {
      const raw = line[col];
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
      if (parse === null) continue;
      const parsed = parse(raw as CellValue);
      if (parsed.ok) values[column.key] = parsed.value;
      else {
        invalid = true;
        issues.push({ cell: a1(r, col), row: r + 1, column: column.header, code: parsed.code, severity: "error", message: `${parsed.message} (cell ${a1(r, col)})` });
      }
    }
    hashRow(line as CellValue[], allCols, hash);
    const first = seen.firstOf(hash[0], hash[1], r);
    if (first >= 0 && sameCells(grid[first] as CellValue[], line as CellValue[], allCols)) {
      issues.push({
        cell: a1(r, 0), row: r + 1, column: null, code: "duplicate-row", severity: "warning",
        message: `Rad ${r + 1} är en exakt kopia av rad ${first + 1}.`,
      });
    }
    rows.push({ sheetRow: r + 1, gridRow: r, values, invalid });
  }
  return { rows, issues };
}
