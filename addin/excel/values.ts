// Cell values on their way into and out of Office.js `range.values`.
import type { CellValue } from "../../shared/grid/cell";
import { literalText } from "../../shared/grid/literal";

const MS_PER_DAY = 86_400_000;

// Text Excel would turn into something else when assigned to range.values: numbers, percentages, fractions,
// dates, times and booleans. Such text gets the quote prefix too, so "0301" stays "0301".
const COERCED = /^\s*([-+]?(\d[\d\s]*([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?%?|\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?(\s+\d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?|true|false|sant|falskt|#[A-Z/0!?]+[!?]?)\s*$/i;

/** A value as it is assigned to `range.values`: text literal, dates as serials, null as "" (clears the cell). */
export function toExcelValue(v: CellValue): string | number | boolean {
  if (v === null) return "";
  if (v instanceof Date) return v.getTime() / MS_PER_DAY + 25569;
  if (typeof v === "string") {
    const literal = literalText(v);
    if (literal !== v) return literal;
    return COERCED.test(v) ? `'${v}` : v;
  }
  return v;
}

/** A value as `range.values` gives it back; "" (an empty cell) becomes null. */
export function fromExcelValue(v: unknown): CellValue {
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/** Bytes a row adds to a request or response (JSON as Office.js sends it; UTF-16 text counted as UTF-8 upper bound). */
export function estimateRowBytes(row: readonly unknown[]): number {
  let n = 2;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (typeof v === "string") n += 3 + v.length * 3;
    else n += 1 + textLength(v);
  }
  return n;
}

/** The length of `String(v)` without making the string for the usual values (a read of a large sheet asks per cell). */
function textLength(v: unknown): number {
  if (v === null) return 4;
  if (typeof v === "boolean") return v ? 4 : 5;
  if (typeof v === "number" && Number.isSafeInteger(v)) {
    let digits = v < 0 ? 2 : 1;
    for (let a = Math.abs(v); a >= 10; a = Math.floor(a / 10)) digits++;
    return digits;
  }
  return String(v).length;
}
