// The matching window: a submission's linkage tokens are kept until 45 days after the submission was received
// (not after the event), then deleted; only the pair itself remains. Partners that load their history within 45
// days of each other are matched, however old the events. See docs/double-reporting.md.
export const LINK_WINDOW_DAYS = 45;
const DAY_MS = 86_400_000;

/** The earliest receipt time (ISO instant) whose submissions' tokens are still kept at `now`. */
export function linkWindowStart(now: Date): string {
  return new Date(now.getTime() - LINK_WINDOW_DAYS * DAY_MS).toISOString();
}

/** Until when (ISO instant) the tokens of a submission received at `receivedAt` are kept. */
export function linkTokensExpireAt(receivedAt: string): string {
  return new Date(Date.parse(receivedAt) + LINK_WINDOW_DAYS * DAY_MS).toISOString();
}
