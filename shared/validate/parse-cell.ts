// Parsers from a cell as Excel gives it to a typed value. Each returns a value or a Swedish reason; never a guess.
import type { CellValue } from "../grid/cell";
import { dateObjectToCivil, isoDate, serialToCivil } from "../grid/dates";
import { isValidCivilDate, type CivilDate } from "../protocol/iso-date";

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, message: string): Parsed<never> => ({ ok: false, code, message });

const MIN_SERIAL = 1; // 1900-01-01
const MAX_SERIAL = 73051; // 2099-12-31

/** Dates: Excel serials, Date objects (ExcelJS) or ISO text. `04/03/2025` is ambiguous and an error. */
export function parseDate(value: CellValue): Parsed<string> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return fail("date-invalid", "Ogiltigt datum.");
    return ok(isoDate(dateObjectToCivil(value)));
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < MIN_SERIAL || value > MAX_SERIAL)
      return fail("date-invalid", `Talet ${value} är inget datum.`);
    return ok(isoDate(serialToCivil(value)));
  }
  if (typeof value === "string") {
    const text = value.trim();
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text);
    if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    if (m) {
      const d: CivilDate = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
      return isValidCivilDate(d) ? ok(isoDate(d)) : fail("date-invalid", `”${text}” är inget giltigt datum.`);
    }
    if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(text))
      return fail("date-ambiguous", `”${text}” kan läsas på flera sätt. Skriv datumet som ÅÅÅÅ-MM-DD.`);
    return fail("date-invalid", `”${text}” är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD.`);
  }
  return fail("date-invalid", "Ogiltigt datum.");
}

/** Times: `HH:MM`, `HHMM`, `H:MM[:SS]`, a fraction of a day, or a Date (ExcelJS time cells). Returns minutes after midnight. */
export function parseTime(value: CellValue): Parsed<number> {
  if (value instanceof Date) return ok(value.getUTCHours() * 60 + value.getUTCMinutes());
  if (typeof value === "number") {
    if (value >= 0 && value < 1) return ok(Math.round(value * 1440) % 1440);
    if (Number.isInteger(value) && value >= 0 && value <= 2359 && value % 100 < 60) return ok(Math.floor(value / 100) * 60 + (value % 100));
    return fail("time-invalid", `Talet ${value} är ingen tid.`);
  }
  if (typeof value === "string") {
    const text = value.trim();
    const m = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/.exec(text) ?? /^(\d{2})(\d{2})$/.exec(text);
    if (m) {
      const h = Number(m[1]);
      const min = Number(m[2]);
      if (h <= 23 && min <= 59) return ok(h * 60 + min);
      if (h === 24 && min === 0) return ok(0);
    }
    return fail("time-invalid", `”${text}” är ingen tid. Skriv tiden som TT:MM.`);
  }
  return fail("time-invalid", "Ogiltig tid.");
}

/** Numbers: numbers, or text with a decimal comma and spaces as thousand separators. */
export function parseNumber(value: CellValue, integer: boolean): Parsed<number> {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string") {
    const text = value.trim().replace(/[\s\u00a0]/g, "").replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(text)) return fail("number-invalid", `”${value.trim()}” är inget tal.`);
    n = Number(text);
  } else return fail("number-invalid", "Värdet är inget tal.");
  if (!Number.isFinite(n)) return fail("number-invalid", "Värdet är inget tal.");
  if (integer && !Number.isInteger(n)) return fail("integer-invalid", `${n} är inget heltal.`);
  return ok(n);
}

/** Periods: month `2025-03`, school year `2024/25` (also `2024/2025`, `2024-25`) or calendar year `2025`. */
export function parsePeriod(value: CellValue, kind: "month" | "schoolyear" | "year"): Parsed<string> {
  if (kind === "year") {
    if (value instanceof Date) return ok(isoDate(dateObjectToCivil(value)).slice(0, 4));
    const text = String(value ?? "").trim();
    if (/^\d{4}$/.test(text) && Number(text) >= 1900 && Number(text) <= 2999) return ok(text);
    return fail("period-invalid", `”${text}” är inget år. Skriv året som ÅÅÅÅ, till exempel 2025.`);
  }
  if (kind === "month") {
    if (value instanceof Date) return ok(isoDate(dateObjectToCivil(value)).slice(0, 7));
    const text = String(value ?? "").trim();
    const m = /^(\d{4})-(\d{1,2})$/.exec(text);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return ok(`${m[1]}-${m[2].padStart(2, "0")}`);
    return fail("period-invalid", `”${text}” är ingen månad. Skriv månaden som ÅÅÅÅ-MM.`);
  }
  const text = String(value ?? "").trim();
  const m = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const start = Number(m[1]);
    const end = m[2].length === 4 ? Number(m[2]) : Number(m[1].slice(0, 2) + m[2]);
    const fixedEnd = end < start ? end + 100 : end;
    if (fixedEnd === start + 1) return ok(`${start}/${String(fixedEnd % 100).padStart(2, "0")}`);
  }
  return fail("period-invalid", `”${text}” är inget läsår. Skriv läsåret som ÅÅÅÅ/ÅÅ, till exempel 2024/25.`);
}
