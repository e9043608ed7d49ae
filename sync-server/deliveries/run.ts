// Delivery rounds as jobs: one round at a time, within its time budget, off the request path (protection runs in a
// worker thread). A manual run while a round is running (the scheduler's or another huvudman's) joins it: the
// caller gets the running round's job id and, when it ends, its outcome, never a second concurrent round.
import type { JobHandle } from "../jobs/runner";
import { runRound, type DeliveryDeps, type RoundOutcome } from "./round";

export const ROUND_JOB = "delivery-round";
/** Default time budget of a round: the hardest demo round takes under a minute alone on two cores. */
export const DEFAULT_ROUND_BUDGET_MS = 10 * 60_000;

/** Starts the round of `slot` as the delivery job, or joins the delivery job already running. */
export function startRound(deps: DeliveryDeps, slot: string, at: Date): JobHandle<RoundOutcome | null> {
  return deps.jobs.start(ROUND_JOB, deps.roundBudgetMs, (control) => runRound(deps, slot, at, control));
}
