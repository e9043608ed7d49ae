import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "./checkpointer";
import { openDatabase, type Db } from "./database";

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function fileDb(): { db: Db; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "lb-ckpt-"));
  dirs.push(dir);
  const path = join(dir, "test.db");
  const db = openDatabase(path);
  dbs.push(db);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
  return { db, path };
}

const bigText = "x".repeat(1024 * 1024);
const autoCheckpoint = (db: Db) => db.pragma("wal_autocheckpoint", { simple: true });

async function until(what: () => boolean): Promise<boolean> {
  for (let i = 0; i < 600 && !what(); i++) await new Promise((r) => setTimeout(r, 25));
  return what();
}

describe("the checkpointer", () => {
  it("moves WAL checkpoints off the connection: commits leave the pages in the WAL, the worker copies them into the file", async () => {
    const { db, path } = fileDb();
    const checkpointer = startCheckpointer(db, { intervalMs: 20 });
    expect(await checkpointer.ready).toBe(true);
    expect(autoCheckpoint(db)).toBe(0);
    const before = statSync(path).size;
    // Eight 1 MB rows: some 2,000 pages, twice what would make a commit checkpoint by itself.
    const insert = db.prepare("INSERT INTO t (text) VALUES (?)");
    for (let i = 0; i < 8; i++) insert.run(bigText);
    // The worker copies them into the database file.
    expect(await until(() => statSync(path).size > before + 8 * bigText.length)).toBe(true);
    // The worker reports a finished checkpoint by a message, which may arrive after the file has grown.
    expect(await until(() => checkpointer.runs() > 0)).toBe(true);
    await checkpointer.stop();
    expect(autoCheckpoint(db)).toBe(1000);
    expect((db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n).toBe(8);
  });

  it("while the worker runs, the connection's own commits no longer checkpoint", async () => {
    const { db, path } = fileDb();
    const checkpointer = startCheckpointer(db, { intervalMs: 600_000 });
    expect(await checkpointer.ready).toBe(true);
    const before = statSync(path).size;
    const insert = db.prepare("INSERT INTO t (text) VALUES (?)");
    for (let i = 0; i < 8; i++) insert.run(bigText);
    expect(statSync(path).size).toBe(before);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(8 * bigText.length);
    await checkpointer.stop();
  });

  it("without the worker the connection checkpoints in its own commits (what the server avoids)", () => {
    const { db, path } = fileDb();
    const before = statSync(path).size;
    const insert = db.prepare("INSERT INTO t (text) VALUES (?)");
    for (let i = 0; i < 8; i++) insert.run(bigText);
    expect(statSync(path).size).toBeGreaterThan(before + 4 * bigText.length);
  });

  it("an in-memory database has no checkpoints to move", async () => {
    const db = openDatabase(":memory:");
    dbs.push(db);
    const checkpointer = startCheckpointer(db);
    expect(await checkpointer.ready).toBe(false);
    await checkpointer.stop();
  });
});
