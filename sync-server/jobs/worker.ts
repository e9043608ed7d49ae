// One call in a worker thread: `callInWorker(moduleUrl, name, input)` loads the TypeScript module in a new worker
// (through tsx's ESM hooks, registered per thread), calls its export `name` with `input` (structured-cloned) and
// returns what it resolves to. The worker is ended when the call settles or `signal` aborts, so CPU-heavy work of a
// job (the alert table) never holds up the event loop and stops with its job.
import { Worker } from "node:worker_threads";

/** The worker was ended because its job was stopped. */
export class WorkerStopped extends Error {
  constructor() {
    super("stopped");
    this.name = "WorkerStopped";
  }
}

const BOOT = `
const { parentPort, workerData } = await import("node:worker_threads");
const { register } = await import(workerData.tsx);
register();
try {
  const mod = await import(workerData.module);
  const value = await mod[workerData.name](workerData.input);
  parentPort.postMessage({ ok: true, value });
} catch (err) {
  parentPort.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
`;

export function callInWorker<I, O>(moduleUrl: string, name: string, input: I, signal?: AbortSignal): Promise<O> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new WorkerStopped());
    const tsx = import.meta.resolve("tsx/esm/api");
    const worker = new Worker(`import(${JSON.stringify(`data:text/javascript,${encodeURIComponent(BOOT)}`)})`, {
      eval: true,
      workerData: { tsx, module: moduleUrl, name, input },
    });
    let settled = false;
    const onAbort = () => finish(() => reject(new WorkerStopped()));
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      fn();
    };
    worker.once("message", (msg: { ok: true; value: O } | { ok: false; message: string }) => finish(() => (msg.ok ? resolve(msg.value) : reject(new Error(msg.message)))));
    worker.once("error", (err) => finish(() => reject(err)));
    worker.once("exit", (code) => finish(() => reject(new Error(`worker exited with ${code}`))));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
