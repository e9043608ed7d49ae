// The matching window: a record's linkage tokens are kept until 45 days after its event date (the half-month
// deadline plus review time), then deleted; only the pair itself remains. See docs/double-reporting.md.
import { addDays } from "../../shared/periods/civil-date";
import { stockholmDate } from "../../shared/periods/stockholm";

export const LINK_WINDOW_DAYS = 45;

/** The first event date whose tokens are still kept at `now`. */
export function linkWindowStart(now: Date): string {
  return addDays(stockholmDate(now), -LINK_WINDOW_DAYS);
}
