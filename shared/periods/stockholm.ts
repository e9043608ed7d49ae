// Instants ⇄ civil date and time in Europe/Stockholm, through Intl (shared code may not use Node's tz libraries).
import { parseIsoDate } from "../protocol/iso-date";

export const STOCKHOLM = "Europe/Stockholm";

const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: STOCKHOLM,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export interface StockholmDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  hour: number;
  minute: number;
  second: number;
}

function parts(instant: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter.formatToParts(instant)) {
    if (p.type === "year") out.year = Number(p.value);
    else if (p.type === "month") out.month = Number(p.value);
    else if (p.type === "day") out.day = Number(p.value);
    else if (p.type === "hour") out.hour = Number(p.value) % 24;
    else if (p.type === "minute") out.minute = Number(p.value);
    else if (p.type === "second") out.second = Number(p.value);
  }
  return out;
}

/** The wall-clock date and time in Stockholm at an instant. */
export function toStockholm(instant: Date): StockholmDateTime {
  const p = parts(instant);
  const date = `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
  return { date, hour: p.hour, minute: p.minute, second: p.second };
}

/** The Stockholm civil date at an instant, `YYYY-MM-DD`. */
export function stockholmDate(instant: Date): string {
  return toStockholm(instant).date;
}

/** Offset of Stockholm from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function stockholmOffsetMs(instant: Date): number {
  const p = parts(instant);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which Stockholm's clocks show `date` `hour:minute`. Stockholm is UTC+1 (CET) or UTC+2 (CEST),
 * so the instant is one of two candidates. A wall time that occurs twice in autumn resolves to the first
 * (summer-time) occurrence; a wall time skipped by the spring change resolves to the instant one hour later
 * on the wall (02:30 → 03:30 CEST).
 */
export function stockholmInstant(date: string, hour = 0, minute = 0): Date {
  const d = parseIsoDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  const wall = Date.UTC(d.year, d.month - 1, d.day, hour, minute);
  const summer = wall - 7_200_000;
  const winter = wall - 3_600_000;
  for (const t of [summer, winter]) {
    const p = toStockholm(new Date(t));
    if (p.date === date && p.hour === hour && p.minute === minute) return new Date(t);
  }
  return new Date(winter);
}

/**
 * An instant (a Date or ISO text) as Europe/Stockholm `YYYY-MM-DD HH:MM`: the one way every time shown to a user is
 * written (pane, sheets, command line). "" for none, the text itself if unreadable.
 */
export function stockholmTime(instant: string | Date | null | undefined): string {
  if (instant === null || instant === undefined || instant === "") return "";
  const d = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(d.getTime())) return typeof instant === "string" ? instant : "";
  const t = toStockholm(d);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${stockholmDate(d)} ${two(t.hour)}:${two(t.minute)}`;
}
