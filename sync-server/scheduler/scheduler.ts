// The delivery scheduler: `runDue(now)` makes the round of the latest slot at or before `now` unless it exists,
// so a run missed while the server was down is made up at the next start (the latest missed slot; earlier
// missed slots would carry the same data). `startScheduler` ticks every minute; the clock is injected.
import { runRound, type DeliveryDeps, type RoundOutcome } from "../deliveries/round";
import { getDeliverySettings, roundBySlot } from "../stores/deliveries";
import { latestDueSlot } from "./slots";
import { purgeLinkTokens } from "../dedup/purge";

export async function runDue(deps: DeliveryDeps, now: Date): Promise<RoundOutcome | null> {
  // Linkage tokens for double reporting are kept only for a short window (docs/double-reporting.md).
  purgeLinkTokens(deps.db, now);
  const slot = latestDueSlot(now, getDeliverySettings(deps.db));
  if (!slot || roundBySlot(deps.db, slot.key)) return null;
  return runRound(deps, slot.key, slot.at);
}

export interface SchedulerHandle {
  /** Resolves when the current tick (if any) has finished. */
  idle(): Promise<void>;
  stop(): void;
}

export function startScheduler(deps: DeliveryDeps, intervalMs = 60_000): SchedulerHandle {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = (): void => {
    if (busy) return;
    busy = true;
    running = runDue(deps, deps.clock.now())
      .then(
        () => undefined,
        (err: unknown) => deps.logger?.error({ err: { message: err instanceof Error ? err.message : String(err) } }, "delivery round failed"),
      )
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    idle: () => running,
    stop: () => clearInterval(timer),
  };
}
