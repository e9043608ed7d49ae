// WAL checkpoints off the event loop. SQLite by default checkpoints inside whichever commit grows the WAL past
// 1,000 pages: that commit then copies every page into the database file and syncs it, on the event loop, so one
// request (or a delivery round's save) waits 100–300 ms for the disk while every other request waits for it
// (`npm run bench -- load`). The server's connection therefore does not checkpoint itself; a worker thread with its
// own connection runs a PASSIVE checkpoint every `intervalMs`, which neither waits for nor blocks readers and
// writers. If the worker cannot start or ends, the connection checkpoints itself again as before.
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Logger } from "../logger";
import type { Db } from "./database";

/** SQLite's default: the connection checkpoints in the commit that grows the WAL past this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000;
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1000;

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
let timer;
const run = () => {
  const [r] = db.pragma("wal_checkpoint(PASSIVE)");
  parentPort.postMessage({ checkpointed: r.checkpointed, log: r.log });
};
timer = setInterval(run, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ ready: true });
`;

export interface Checkpointer {
  /** Resolves once the worker has started and the connection no longer checkpoints itself (false: it still does). */
  ready: Promise<boolean>;
  /** How many checkpoints the worker has run. */
  runs(): number;
  /** Ends the worker (its connection closed) and lets the connection checkpoint itself again. */
  stop(): Promise<void>;
}

/** Moves the checkpoints of the database file `db` into a worker thread. An in-memory database has none. */
export function startCheckpointer(db: Db, options: { intervalMs?: number; logger?: Logger } = {}): Checkpointer {
  let runs = 0;
  const selfCheckpoint = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  if (db.memory) return { ready: Promise.resolve(false), runs: () => runs, stop: async () => undefined };
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { driver: modulePath("better-sqlite3"), path: db.name, intervalMs: options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS },
  });
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const ready = new Promise<boolean>((resolve) => {
    worker.on("message", (m: { ready?: true; checkpointed?: number }) => {
      if (m.ready) {
        db.pragma("wal_autocheckpoint = 0");
        resolve(true);
      } else runs++;
    });
    worker.once("error", (err) => {
      options.logger?.warn({ err: { message: err.message } }, "checkpoint worker failed; the database checkpoints on the event loop");
      selfCheckpoint();
      resolve(false);
    });
    void exited.then(() => {
      if (!stopping) options.logger?.warn("checkpoint worker ended; the database checkpoints on the event loop");
      selfCheckpoint();
      resolve(false);
    });
  });
  return {
    ready,
    runs: () => runs,
    async stop() {
      stopping = true;
      worker.postMessage("stop");
      await exited;
    },
  };
}

/** The file a package loads from (the worker requires it by path, whatever directory the server runs in). */
function modulePath(name: string): string {
  return fileURLToPath(import.meta.resolve(name));
}
