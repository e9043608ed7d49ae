// Calls in worker threads: `callInWorker(moduleUrl, name, input)` runs the export `name` of a TypeScript module in a
// worker thread, with `input` structured-cloned, and returns what it resolves to. Run from a build (`bin/build.mjs`,
// as `npm start` and the `lagesbild` command run), a worker loads the module's compiled entry (`workers/…` in the
// build); otherwise, or for a module the build has no entry for, it loads the TypeScript through tsx's ESM hooks,
// registered in a thread only when it first needs them (they cost a worker far more to boot than the call itself). Workers are pooled and reused (booting one costs far more than most calls), at most
// `poolSize()` at a time; further calls wait for a free one. A call that `signal` aborts ends its worker at once, so
// CPU-heavy work of a job (protection, the alert table) stops with its job; the pool boots a fresh one when needed.
// An AppError thrown in the worker arrives as an AppError (status, reason, details), so a use case split across the
// thread boundary answers exactly as it would inline.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { fromWireError, type WireAppError } from "../../shared/protocol/errors";
import { workerSettings } from "../config";

/** The worker was ended because its job was stopped. */
export class WorkerStopped extends Error {
  constructor() {
    super("stopped");
    this.name = "WorkerStopped";
  }
}

const BOOT = `
const { parentPort, workerData } = await import("node:worker_threads");
let hooks = null;
parentPort.on("message", async ({ module, name, input }) => {
  try {
    if (!hooks && /\\.[cm]?tsx?$/.test(new URL(module).pathname)) {
      hooks = await import(workerData.tsx);
      hooks.register();
    }
    const mod = await import(module);
    const value = await mod[name](input);
    parentPort.postMessage({ ok: true, value });
  } catch (err) {
    const app = err && err.name === "AppError" && typeof err.httpStatus === "number"
      ? { httpStatus: err.httpStatus, reason: err.reason, details: err.details }
      : undefined;
    parentPort.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err), app });
  }
});
parentPort.postMessage({ ready: true });
`;

type Reply<O> =
  | { ok: true; value: O }
  | { ok: false; message: string; app?: WireAppError }
  | { ready: true };

interface Call {
  module: string;
  name: string;
  input: unknown;
  /** Buffers moved to the worker rather than copied (the caller no longer uses them). */
  transfer?: ArrayBuffer[];
  signal?: AbortSignal;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Workers at most at once: LAGESBILD_WORKERS, else the cores plus two (so a long round leaves room for requests).
 * Read through the settings parser (`config.ts`), which the server's start has already run over the environment.
 */
function poolSize(): number {
  return workerSettings(process.env).workers ?? availableParallelism() + 2;
}

/**
 * How long an idle worker is kept for reuse before it is ended: LAGESBILD_WORKER_IDLE_MS, else 60 s. An idle worker
 * holds its heap (a delivery round's leaves a process some 400 MB larger, `npm run bench -- hosting`), which matters
 * when one host runs a process per municipality.
 */
function idleMs(): number {
  return workerSettings(process.env).idleMs ?? 60_000;
}

const idle: Worker[] = [];
const idleTimers = new WeakMap<Worker, NodeJS.Timeout>();
/** Workers whose hooks are registered (they said "ready"). */
const ready = new WeakSet<Worker>();
const queue: Call[] = [];
let live = 0;

function boot(): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const worker = new Worker(`import(${JSON.stringify(`data:text/javascript,${encodeURIComponent(BOOT)}`)})`, { eval: true, workerData: { tsx } });
  live++;
  worker.once("message", () => ready.add(worker));
  worker.once("exit", () => {
    live--;
    const i = idle.indexOf(worker);
    if (i >= 0) idle.splice(i, 1);
    pump();
  });
  return worker;
}

/** Gives queued calls to idle workers, booting new ones up to the pool's size. */
function pump(): void {
  while (queue.length > 0) {
    const call = queue[0];
    if (call.signal?.aborted) {
      queue.shift();
      call.reject(new WorkerStopped());
      continue;
    }
    const worker = idle.pop() ?? (live < poolSize() ? boot() : null);
    if (!worker) return;
    clearTimeout(idleTimers.get(worker));
    queue.shift();
    run(worker, call);
  }
}

function run(worker: Worker, call: Call): void {
  worker.ref();
  let settled = false;
  let sent = false;
  const send = () => {
    if (sent || settled) return;
    sent = true;
    worker.postMessage({ module: call.module, name: call.name, input: call.input }, call.transfer ?? []);
  };
  const finish = (reuse: boolean, fn: () => void) => {
    if (settled) return;
    settled = true;
    call.signal?.removeEventListener("abort", onAbort);
    worker.off("message", onMessage);
    worker.off("error", onError);
    worker.off("exit", onExit);
    if (reuse) {
      worker.unref(); // an idle worker never keeps the process alive
      idle.push(worker);
      const timer = setTimeout(() => {
        const i = idle.indexOf(worker);
        if (i < 0) return;
        idle.splice(i, 1);
        void worker.terminate();
      }, idleMs());
      timer.unref();
      idleTimers.set(worker, timer);
    } else void worker.terminate();
    fn();
    pump();
  };
  const onMessage = (msg: Reply<unknown>) => {
    if ("ready" in msg) return send();
    if (msg.ok) return finish(true, () => call.resolve(msg.value));
    const err = msg.app ? fromWireError(msg.app) : new Error(msg.message);
    finish(true, () => call.reject(err));
  };
  const onError = (err: Error) => finish(false, () => call.reject(err));
  const onExit = (code: number) => finish(false, () => call.reject(new Error(`worker exited with ${code}`)));
  const onAbort = () => finish(false, () => call.reject(new WorkerStopped()));
  worker.on("message", onMessage);
  worker.once("error", onError);
  worker.once("exit", onExit);
  call.signal?.addEventListener("abort", onAbort, { once: true });
  // A reused worker is ready at once; a new one says so when its hooks are registered.
  if (ready.has(worker)) send();
}

/**
 * The build this code runs from: its directory (`dist/server/<build>`) and the source root it was built from, or null
 * under tsx. (`import.meta.filename`: the build replaces `import.meta.url` of each module by its source's address.)
 */
function runningBuild(filename: string | undefined): { dir: string; root: string } | null {
  const m = filename ? /^(.*)[\\/]dist[\\/]server[\\/]b[0-9a-z]+-\d+(?=[\\/])/.exec(filename) : null;
  return m ? { dir: m[0], root: m[1] } : null;
}

const build = runningBuild(import.meta.filename);
const builtEntries = new Map<string, string>();

/** The address a worker loads `moduleUrl` from: the build's compiled entry of that source when there is one. */
export function workerModule(moduleUrl: string, from = build): string {
  if (!from || !moduleUrl.startsWith("file:")) return moduleUrl;
  let entry = builtEntries.get(moduleUrl);
  if (entry === undefined) {
    const source = relative(from.root, fileURLToPath(moduleUrl));
    const built = join(from.dir, "workers", source.replace(/\.ts$/, ".mjs"));
    entry = !source.startsWith("..") && existsSync(built) ? pathToFileURL(built).href : moduleUrl;
    builtEntries.set(moduleUrl, entry);
  }
  return entry;
}

/** `transfer`: buffers of `input` moved to the worker instead of copied; the caller must not use them afterwards. */
export function callInWorker<I, O>(moduleUrl: string, name: string, input: I, signal?: AbortSignal, transfer?: ArrayBuffer[]): Promise<O> {
  return new Promise<O>((resolve, reject) => {
    if (signal?.aborted) return reject(new WorkerStopped());
    const call: Call = { module: workerModule(moduleUrl), name, input, transfer, signal, resolve: resolve as (v: unknown) => void, reject };
    // Stopped while waiting for a worker: it leaves the queue at once.
    signal?.addEventListener("abort", () => {
      const i = queue.indexOf(call);
      if (i >= 0) {
        queue.splice(i, 1);
        reject(new WorkerStopped());
      }
    }, { once: true });
    queue.push(call);
    pump();
  });
}
