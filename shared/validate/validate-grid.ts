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

/** A cheap exact fingerprint of a row's cells, for duplicate detection. */
function fingerprint(line: readonly CellValue[], cols: readonly number[]): string {
  let key = "";
  for (const c of cols) {
    const v = line[c];
    key += v === null || v === undefined ? "\u0001" : v instanceof Date ? `\u0002${v.getTime()}\u0001` : `${typeof v === "string" ? "s" : "n"}${v}\u0001`;
  }
  return key;
}

/** Rows that are blank in every template column are skipped (a sheet's trailing empty rows). */
export function validateGrid(grid: Grid, template: Template, header: HeaderMatch): GridValidation {
  const issues: SheetIssue[] = [];
  const rows: ValidRow[] = [];
  const columns = template.columns
    .filter((c) => header.columns.has(c.key))
    .map((c) => ({ column: c, col: header.columns.get(c.key) as number, parse: MEMO_TYPES.has(c.type) ? memoised(parserFor(c)) : parserFor(c) }));
  const allCols = [...header.columns.values(), ...header.unknown.map((u) => u.col)];
  const seen = new Map<string, number>();

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
      const parsed = parse(raw as CellValue);
      if (parsed.ok) values[column.key] = parsed.value;
      else {
        invalid = true;
        issues.push({ cell: a1(r, col), row: r + 1, column: column.header, code: parsed.code, severity: "error", message: `${parsed.message} (cell ${a1(r, col)})` });
      }
    }
    const print = fingerprint(line as CellValue[], allCols);
    const first = seen.get(print);
    if (first !== undefined) {
      issues.push({
        cell: a1(r, 0), row: r + 1, column: null, code: "duplicate-row", severity: "warning",
        message: `Rad ${r + 1} är en exakt kopia av rad ${first}.`,
      });
    } else seen.set(print, r + 1);
    rows.push({ sheetRow: r + 1, gridRow: r, values, invalid });
  }
  return { rows, issues };
}
