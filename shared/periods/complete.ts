// Completeness: a period is published only once it has ended and the submission deadline for it has passed.
// The deadline is `deadlineDays` whole days after the period ends, at 00:00 Stockholm time: for 2026-03-H1
// (ends at the end of 15 March) with the default four days, the deadline is 20 March 00:00.
import { addDays } from "./civil-date";
import { halfMonthOf, periodEndExclusive, periodStart, type AnyPeriodType } from "./period";
import { periodsBetween } from "./tree";
import { stockholmDate, stockholmInstant } from "./stockholm";

export const DEFAULT_DEADLINE_DAYS = 4;

/** The civil date at whose 00:00 (Stockholm) the submission deadline for the period falls. */
export function deadlineDate(period: string, deadlineDays = DEFAULT_DEADLINE_DAYS): string {
  if (!Number.isInteger(deadlineDays) || deadlineDays < 0) throw new Error(`deadlineDays must be a whole number ≥ 0: ${deadlineDays}`);
  return addDays(periodEndExclusive(period), deadlineDays);
}

/** The instant of the submission deadline for the period. */
export function deadlineInstant(period: string, deadlineDays = DEFAULT_DEADLINE_DAYS): Date {
  return stockholmInstant(deadlineDate(period, deadlineDays));
}

/** The instant the period ends (00:00 Stockholm on the day after its last day). */
export function periodEndInstant(period: string): Date {
  return stockholmInstant(periodEndExclusive(period));
}

/** Whether the period has ended at `now`. */
export function hasEnded(period: string, now: Date): boolean {
  return stockholmDate(now) >= periodEndExclusive(period);
}

/** Whether the period is complete at `now`: it has ended and its submission deadline has passed. */
export function isComplete(period: string, now: Date, deadlineDays = DEFAULT_DEADLINE_DAYS): boolean {
  return stockholmDate(now) >= deadlineDate(period, deadlineDays);
}

/** Whether a submission at `submittedAt` for the period was on time (before its deadline). */
export function isOnTime(period: string, submittedAt: Date, deadlineDays = DEFAULT_DEADLINE_DAYS): boolean {
  return submittedAt.getTime() < deadlineInstant(period, deadlineDays).getTime();
}

/** The latest half-month that is complete at `now`. */
export function lastCompleteHalfMonth(now: Date, deadlineDays = DEFAULT_DEADLINE_DAYS): string {
  // The half-month containing today − deadlineDays − 1 is complete only when it ended exactly deadlineDays ago;
  // otherwise the one before it is (a single step back).
  let p = halfMonthOf(addDays(stockholmDate(now), -deadlineDays - 1));
  while (!isComplete(p, now, deadlineDays)) p = halfMonthOf(addDays(periodStart(p), -1));
  return p;
}

/** The complete periods of `type` from the one containing `from` up to `now`, in order. */
export function completePeriods(type: AnyPeriodType, from: string, now: Date, deadlineDays = DEFAULT_DEADLINE_DAYS): string[] {
  return periodsBetween(type, from, stockholmDate(now)).filter((p) => isComplete(p, now, deadlineDays));
}
