// Delivery slots: the configured days of the month at hour:minute Europe/Stockholm (default the 5th and the 20th
// at 06:00), and the configured weekdays too (the weekly delivery). Wall times are converted per date, so a slot lies at the right instant on both sides of a DST change.
import { addDays, isoWeekday } from "../../shared/periods/civil-date";
import { stockholmDate, stockholmInstant } from "../../shared/periods/stockholm";

export interface Schedule {
  days: readonly number[];
  /** ISO weekdays (1 = Monday) with a slot as well. */
  weekdays?: readonly number[];
  hour: number;
  minute: number;
}

export interface Slot {
  /** The slot's key: its instant as ISO 8601 UTC. */
  key: string;
  at: Date;
}

function slotOn(date: string, s: Schedule): Slot | null {
  if (!s.days.includes(Number(date.slice(8, 10))) && !(s.weekdays ?? []).includes(isoWeekday(date))) return null;
  const at = stockholmInstant(date, s.hour, s.minute);
  return { key: at.toISOString(), at };
}

/** The latest slot at or before `now` within the last `lookBackDays` days, or null. */
export function latestDueSlot(now: Date, s: Schedule, lookBackDays = 62): Slot | null {
  let date = stockholmDate(now);
  for (let k = 0; k <= lookBackDays; k++, date = addDays(date, -1)) {
    const slot = slotOn(date, s);
    if (slot && slot.at.getTime() <= now.getTime()) return slot;
  }
  return null;
}

/** The first slot strictly after `now` (within a year), or null. */
export function nextSlot(now: Date, s: Schedule): Slot | null {
  let date = stockholmDate(now);
  for (let k = 0; k <= 366; k++, date = addDays(date, 1)) {
    const slot = slotOn(date, s);
    if (slot && slot.at.getTime() > now.getTime()) return slot;
  }
  return null;
}
