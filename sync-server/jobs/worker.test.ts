// The worker pool: calls run off the main thread in reused workers, at most the pool's size at once; an AppError
// thrown in a worker arrives as one; a stopped call ends its worker and the pool goes on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../../shared/protocol/errors";
import { callInWorker, workerModule, WorkerStopped } from "./worker";

const MODULE = new URL("../../test/fixtures/jobs/worker-calls.ts", import.meta.url).href;
type Where = { n: number; isMainThread: boolean; threadId: number };

describe("callInWorker", () => {
  afterEach(() => {
    delete process.env.LAGESBILD_WORKERS;
    delete process.env.LAGESBILD_WORKER_IDLE_MS;
  });

  // First in the file: the pool then holds no worker that has loaded TypeScript yet.
  it("loads tsx in a worker only once it is given TypeScript (compiled code boots without it)", async () => {
    process.env.LAGESBILD_WORKERS = "1";
    const built = new URL("../../test/fixtures/jobs/worker-calls-built.mjs", import.meta.url).href;
    expect(await callInWorker(built, "loadsTypeScript", {})).toBe(false);
    await expect(callInWorker<{ n: number }, Where>(MODULE, "whereAmI", { n: 1 })).resolves.toMatchObject({ n: 1, isMainThread: false });
    expect(await callInWorker(built, "loadsTypeScript", {})).toBe(true);
  });

  it("runs calls in worker threads, reusing at most the pool's size of workers", async () => {
    process.env.LAGESBILD_WORKERS = "2";
    const out = await Promise.all(Array.from({ length: 6 }, (_, n) => callInWorker<{ n: number }, Where>(MODULE, "whereAmI", { n })));
    expect(out.map((o) => o.n)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(out.every((o) => !o.isMainThread && o.threadId > 0)).toBe(true);
    expect(new Set(out.map((o) => o.threadId)).size).toBeLessThanOrEqual(2);
    // Later calls reuse the same workers rather than booting new ones.
    const again = await callInWorker<{ n: number }, Where>(MODULE, "whereAmI", { n: 9 });
    expect(out.map((o) => o.threadId)).toContain(again.threadId);
  });

  it("passes an AppError thrown in the worker on as an AppError", async () => {
    const err = await callInWorker(MODULE, "refuse", {}).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ httpStatus: 422, reason: "validation-failed", details: { issues: [{ row: 3, field: "date" }] } });
  });

  it("ends a stopped call's worker at once; the pool still answers", async () => {
    const abort = new AbortController();
    const spinning = callInWorker(MODULE, "spin", {}, abort.signal).then(() => null, (e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 300));
    abort.abort();
    expect(await spinning).toBeInstanceOf(WorkerStopped);
    await expect(callInWorker<{ n: number }, Where>(MODULE, "whereAmI", { n: 2 })).resolves.toMatchObject({ n: 2, isMainThread: false });
  });

  it("ends a worker left idle longer than LAGESBILD_WORKER_IDLE_MS (its memory goes back), reusing it before that", async () => {
    process.env.LAGESBILD_WORKER_IDLE_MS = "300";
    const first = await callInWorker<{ n: number }, Where>(MODULE, "whereAmI", { n: 1 });
    const soon = await callInWorker<{ n: number }, Where>(MODULE, "whereAmI", { n: 2 });
    expect(soon.threadId).toBe(first.threadId);
    await new Promise((resolve) => setTimeout(resolve, 900));
    const later = await callInWorker<{ n: number }, Where>(MODULE, "whereAmI", { n: 3 });
    expect(later.threadId).not.toBe(first.threadId);
  });
});

describe("workerModule", () => {
  it("maps a source module to the build's compiled worker entry when the build has one, else leaves it", () => {
    const root = mkdtempSync(join(tmpdir(), "lb-worker-build-"));
    try {
      const dir = join(root, "dist", "server", "bq1w2e3-42");
      mkdirSync(join(dir, "workers", "sync-server", "submissions"), { recursive: true });
      writeFileSync(join(dir, "workers", "sync-server", "submissions", "prepare.mjs"), "");
      const source = pathToFileURL(join(root, "sync-server", "submissions", "prepare.ts")).href;
      const other = pathToFileURL(join(root, "sync-server", "alerts", "table-worker.ts")).href;
      expect(workerModule(source, { dir, root })).toBe(pathToFileURL(join(dir, "workers", "sync-server", "submissions", "prepare.mjs")).href);
      expect(workerModule(other, { dir, root })).toBe(other);
      // Not running from a build: the TypeScript itself.
      expect(workerModule(source, null)).toBe(source);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
