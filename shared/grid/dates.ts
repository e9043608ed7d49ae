// Excel date serials (1900 system) and ISO dates. Excel serial 25569 is 1970-01-01; serial 60 is the fictional 1900-02-29.

const MS_PER_DAY = 86_400_000;
const EPOCH_SERIAL = 25569;

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number;
}

export function isValidCivilDate(d: CivilDate): boolean {
  if (!Number.isInteger(d.year) || !Number.isInteger(d.month) || !Number.isInteger(d.day)) return false;
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= daysInMonth(d.year, d.month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** Excel serial (integer part) → civil date. */
export function serialToCivil(serial: number): CivilDate {
  const whole = Math.floor(serial);
  const ms = (whole - EPOCH_SERIAL) * MS_PER_DAY;
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function civilToSerial(d: CivilDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY + EPOCH_SERIAL;
}

/**
 * ExcelJS gives dates as Date objects at UTC midnight of the civil date (it reads serials as UTC).
 * We take the UTC fields, so the civil date is what the sheet shows, whatever the machine's zone.
 */
export function dateObjectToCivil(d: Date): CivilDate {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Days since 1970-01-01 of a civil date (for bucketing and period arithmetic). */
export function epochDay(d: CivilDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY;
}

export function parseIsoDate(text: string): CivilDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidCivilDate(d) ? d : null;
}
