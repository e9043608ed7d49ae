// Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).
//
// Written forms: YYMMDD-NNNN, YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN; `+` instead of `-` for people aged 100 or
// more. The last digit is a Luhn (mod 10) check digit over the ten digits YYMMDDNNN. A coordination number is
// written the same way with 60 added to the day (61–91). Pure functions, no allocation on the hot path.

export type IdentityNumberKind = "personnummer" | "samordningsnummer";

const ZERO = 48;

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - ZERO;
}

/** Luhn check digit for nine digits (the YYMMDDNNN part). */
export function luhnCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = digitAt(nine, i);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when ten digits (YYMMDDNNNC) carry a correct Luhn check digit. */
export function hasValidCheckDigit(ten: string): boolean {
  return luhnCheckDigit(ten) === digitAt(ten, 9);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Classifies the date part. `year` is the full year when known (twelve-digit form), or null when only the two-digit
 * year is written: then 29 February is accepted when some century makes it a leap day (YY divisible by 4).
 */
function dateKind(year: number | null, yy: number, month: number, rawDay: number): IdentityNumberKind | null {
  if (month < 1 || month > 12) return null;
  const coordination = rawDay > 60;
  const day = coordination ? rawDay - 60 : rawDay;
  if (day < 1) return null;
  if (month === 2 && day === 29) {
    const leap = year === null ? yy % 4 === 0 : isLeapYear(year);
    if (!leap) return null;
  } else if (day > DAYS_IN_MONTH[month - 1]) {
    return null;
  }
  return coordination ? "samordningsnummer" : "personnummer";
}

/**
 * Classifies a string of exactly 10 or 12 digits (separator already removed): the kind when the date is a real
 * calendar date (day + 60 for coordination numbers), the century is 18, 19 or 20 (twelve digits) and the check
 * digit is right; otherwise null.
 */
export function classifyIdentityDigits(digits: string): IdentityNumberKind | null {
  let ten: string;
  let year: number | null = null;
  if (digits.length === 12) {
    const century = digitAt(digits, 0) * 10 + digitAt(digits, 1);
    if (century < 18 || century > 20) return null;
    year = century * 100 + digitAt(digits, 2) * 10 + digitAt(digits, 3);
    ten = digits.slice(2);
  } else if (digits.length === 10) {
    ten = digits;
  } else {
    return null;
  }
  for (let i = 0; i < 10; i++) {
    const d = digitAt(ten, i);
    if (d < 0 || d > 9) return null;
  }
  const yy = digitAt(ten, 0) * 10 + digitAt(ten, 1);
  const month = digitAt(ten, 2) * 10 + digitAt(ten, 3);
  const day = digitAt(ten, 4) * 10 + digitAt(ten, 5);
  const kind = dateKind(year, yy, month, day);
  if (kind === null) return null;
  return hasValidCheckDigit(ten) ? kind : null;
}

const WRITTEN_FORM = /^(\d{6}|\d{8})[-+]?(\d{4})$/;

/** Classifies one written identity number (any of the four forms, `-` or `+` separator); null when not valid. */
export function classifyIdentityNumber(text: string): IdentityNumberKind | null {
  const m = WRITTEN_FORM.exec(text.trim());
  if (!m) return null;
  return classifyIdentityDigits(m[1] + m[2]);
}
