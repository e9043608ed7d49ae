// The delivery scheduler: `runDue(now)` makes the round of the latest slot at or before `now` unless it exists,
// so a run missed while the server was down is made up at the next start (the latest missed slot; earlier
// missed slots would carry the same data). `startScheduler` ticks every minute; the clock is injected. Other
// areas' periodic work (such as the dedup area's purge of expired linkage tokens) is handed in by whoever starts
// the scheduler and runs at every tick before the round.
import type { DeliveryDeps, RoundOutcome } from "../deliveries/round";
import { startRound } from "../deliveries/run";
import { getDeliverySettings, slotTaken } from "../stores/deliveries";
import { latestDueSlot } from "./slots";

export async function runDue(deps: DeliveryDeps, now: Date): Promise<RoundOutcome | null> {
  const slot = latestDueSlot(now, getDeliverySettings(deps.db));
  if (!slot || slotTaken(deps.db, slot.key)) return null;
  return startRound(deps, slot.key, slot.at).result;
}

/** Periodic work of another area, run at every tick with the tick's time. */
export type PeriodicTask = (now: Date) => unknown;

export interface SchedulerHandle {
  /** Resolves when the current tick (if any) has finished. */
  idle(): Promise<void>;
  stop(): void;
}

export function startScheduler(deps: DeliveryDeps, intervalMs = 60_000, tasks: readonly PeriodicTask[] = []): SchedulerHandle {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const fail = (what: string) => (err: unknown) => deps.logger?.error({ err: { message: err instanceof Error ? err.message : String(err) } }, what);
  const tick = (): void => {
    if (busy) return;
    busy = true;
    const now = deps.clock.now();
    for (const task of tasks) {
      try {
        task(now);
      } catch (err) {
        fail("periodic task failed")(err);
      }
    }
    running = runDue(deps, now)
      .then(() => undefined, fail("delivery round failed"))
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
