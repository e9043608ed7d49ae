// The one parser of ISO dates (`YYYY-MM-DD`, a real day of the Gregorian calendar): request bodies, query parameters,
// record dates, periods and configuration all go through it. 2026-02-31, 2026-13-45 and 0000-00-00 are refused.
import { z } from "zod";

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the proleptic Gregorian calendar (plain arithmetic: no Date, so years 0–99 are right too). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export function isValidCivilDate(d: CivilDate): boolean {
  if (!Number.isInteger(d.year) || !Number.isInteger(d.month) || !Number.isInteger(d.day)) return false;
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= daysInMonth(d.year, d.month);
}

/** Parses `YYYY-MM-DD`, or null when it is not that shape or not a real calendar date. */
export function parseIsoDate(text: string): CivilDate | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidCivilDate(d) ? d : null;
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

export const INVALID_DATE_MESSAGE = "inget giltigt datum (skriv ÅÅÅÅ-MM-DD, en dag som finns i kalendern)";

/** A real calendar day `YYYY-MM-DD` in a contract (body or query). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: INVALID_DATE_MESSAGE })
  .refine(isIsoDate, { message: INVALID_DATE_MESSAGE });
