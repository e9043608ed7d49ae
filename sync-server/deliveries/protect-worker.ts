// Protection off the event loop: a worker thread runs protectTables (and so its final, independent audit) on a cover
// model, so a large delivery round does not hold up the server's requests. `workerEngine` falls back to running inline
// when a worker cannot be started (for example under a test runner that cannot load TypeScript in workers).
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { highsSolver, resolveRule, type CellStatus } from "../../shared/disclosure";
import { inlineEngine, type ProtectEngine, type ProtectJob, type ProtectOutcome } from "./protect-round";

type WireOutcome = Omit<ProtectOutcome, "status"> & { status: [string, CellStatus][] };

const MARK = "lagesbild-protect-worker";

// Only in a worker this module started itself (never in another thread that merely imports it).
if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === MARK) {
  const port = parentPort;
  const engine = inlineEngine(highsSolver);
  port.on("message", (job: ProtectJob) => {
    // The rule arrives as a plain copy: resolved (and frozen) again here.
    engine({ ...job, rule: resolveRule(job.rule) }).then(
      (out) => port.postMessage({ ok: true, value: { ...out, status: [...out.status] } satisfies WireOutcome }),
      (err: unknown) => port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) }),
    );
  });
}

/** The worker was ended because its job was stopped (not a worker that cannot run). */
class StoppedError extends Error {
  constructor() {
    super("stopped");
  }
}

function runInWorker(job: ProtectJob, signal?: AbortSignal): Promise<ProtectOutcome> {
  return new Promise((resolve, reject) => {
    // The worker loads this TypeScript module through tsx's ESM hooks (registered per thread).
    const tsxApi = import.meta.resolve("tsx/esm/api");
    const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(code, { eval: true, workerData: { role: MARK } });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      fn();
    };
    worker.once("message", (msg: { ok: true; value: WireOutcome } | { ok: false; message: string }) =>
      finish(() => (msg.ok ? resolve({ ...msg.value, status: new Map(msg.value.status) }) : reject(new Error(msg.message)))),
    );
    worker.once("error", (err) => finish(() => reject(err)));
    worker.once("exit", (code) => finish(() => reject(new Error(`worker exited with ${code}`))));
    // A stopped round ends its worker at once (the solver may be deep in an LP).
    signal?.addEventListener("abort", () => finish(() => reject(new StoppedError())), { once: true });
    worker.postMessage(job);
  });
}

/** Protects in a worker thread; if the worker cannot run, protects inline (the same code, on the event loop). */
export function workerEngine(fallback: ProtectEngine = inlineEngine(highsSolver)): ProtectEngine {
  let workersWork = true;
  return async (job, signal) => {
    if (workersWork) {
      try {
        return await runInWorker(job, signal);
      } catch (err) {
        if (err instanceof StoppedError) throw err;
        workersWork = false;
      }
    }
    return fallback(job, signal);
  };
}
