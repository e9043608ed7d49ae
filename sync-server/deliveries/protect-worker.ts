// Protection off the event loop: a worker thread runs protectTables (and so its final, independent audit) on a cover
// model, so a large delivery round does not hold up the server's requests. `workerEngine` falls back to running inline
// when a worker cannot be started (for example under a test runner that cannot load TypeScript in workers).
import { highsSolver, resolveRule, type CellStatus } from "../../shared/disclosure";
import { callInWorker, WorkerStopped } from "../jobs/worker";
import { inlineEngine, type ProtectEngine, type ProtectJob, type ProtectOutcome } from "./protect-round";

type WireOutcome = Omit<ProtectOutcome, "status"> & { status: [string, CellStatus][] };

/** Runs in the worker: protects one job inline. The rule arrives as a plain copy, so it is resolved (and frozen) again. */
export async function protectJobInWorker(job: ProtectJob): Promise<WireOutcome> {
  const out = await inlineEngine(highsSolver)({ ...job, rule: resolveRule(job.rule) });
  return { ...out, status: [...out.status] };
}

async function runInWorker(job: ProtectJob, signal?: AbortSignal): Promise<ProtectOutcome> {
  // A stopped round ends its worker at once (the solver may be deep in an LP).
  const wire = await callInWorker<ProtectJob, WireOutcome>(import.meta.url, "protectJobInWorker", job, signal);
  return { ...wire, status: new Map(wire.status) };
}

/** Protects in a worker thread; if the worker cannot run, protects inline (the same code, on the event loop). */
export function workerEngine(fallback: ProtectEngine = inlineEngine(highsSolver)): ProtectEngine {
  let workersWork = true;
  return async (job, signal) => {
    if (workersWork) {
      try {
        return await runInWorker(job, signal);
      } catch (err) {
        if (err instanceof WorkerStopped) throw err;
        workersWork = false;
      }
    }
    return fallback(job, signal);
  };
}
