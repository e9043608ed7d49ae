// Excel date serials (1900 system) and civil dates (parsed by shared/protocol/iso-date). Excel serial 25569 is
// 1970-01-01; serial 60 is the fictional 1900-02-29.

import type { CivilDate } from "../protocol/iso-date";

const MS_PER_DAY = 86_400_000;
const EPOCH_SERIAL = 25569;

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
