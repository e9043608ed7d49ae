// A diagnostic of request latency, off unless `LAGESBILD_STALL_MS` is set: logs every time the event loop was held
// longer than the threshold ("event loop stalled": how long, how much of it the main thread was on the CPU and how
// much it waited for a core, and when it ended on the monotonic clock a CPU profile uses), and every few seconds
// the event-loop delay percentiles (`perf_hooks.monitorEventLoopDelay`). On-CPU and waiting times come from Linux's
// per-thread scheduler statistics; elsewhere they are absent. `npm run bench -- load` reads these lines.
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Logger } from "../logger";

const TICK_MS = 10;
const SUMMARY_MS = 5_000;

/** Nanoseconds the main thread has run on a CPU and waited in the run queue so far, or null off Linux. */
function mainThreadSchedule(): { cpu: number; wait: number } | null {
  try {
    const [cpu, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").trim().split(/\s+/).map(Number);
    return Number.isFinite(cpu) && Number.isFinite(wait) ? { cpu, wait } : null;
  } catch {
    return null;
  }
}

/** Starts watching the event loop; returns a function that stops it. */
export function watchEventLoop(logger: Logger, thresholdMs: number): () => void {
  const histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  histogram.enable();
  let last = performance.now();
  let sched = mainThreadSchedule();
  const tick = setInterval(() => {
    const now = performance.now();
    const stalledMs = now - last - TICK_MS;
    const nowSched = mainThreadSchedule();
    if (stalledMs >= thresholdMs) {
      const ms = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? null : Math.round((a - b) / 1e5) / 10);
      logger.warn(
        { stalledMs: Math.round(stalledMs), cpuMs: ms(nowSched?.cpu, sched?.cpu), waitMs: ms(nowSched?.wait, sched?.wait), endedAtUs: Number(process.hrtime.bigint() / 1000n) },
        "event loop stalled",
      );
    }
    last = now;
    sched = nowSched;
  }, TICK_MS);
  const summary = setInterval(() => {
    const at = (p: number) => Math.round(histogram.percentile(p) / 1e5) / 10;
    logger.info({ p50Ms: at(50), p99Ms: at(99), maxMs: Math.round(histogram.max / 1e5) / 10 }, "event loop delay");
    histogram.reset();
  }, SUMMARY_MS);
  tick.unref();
  summary.unref();
  return () => {
    clearInterval(tick);
    clearInterval(summary);
    histogram.disable();
  };
}
