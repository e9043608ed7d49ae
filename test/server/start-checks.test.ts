// The database is never silently replaced: what `openData` (the server's and the admin commands' start) refuses.
// Tests run as root here, which writes to any file whatever its permission bits; the read-only checks therefore look
// at the owner-write bit as well as access(2), and the write probe is tested on a database opened read-only.
import Database from "better-sqlite3";
import { chmodSync, existsSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, unlinkSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../sync-server/clock";
import { checkOpenedDatabase, StartRefusedError } from "../../sync-server/db/start-checks";
import { openData } from "../../sync-server/main";
import { seedDemo } from "../../sync-server/seed/demo";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import { appendAudit, verifyAuditChain } from "../../sync-server/audit/log";
import { inTransaction } from "../../sync-server/db/database";

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) {
    const d = dirs.pop()!;
    chmodSync(d, 0o700);
    rmSync(d, { recursive: true, force: true });
  }
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), "lb-start-"));
  dirs.push(d);
  return join(d, "data");
}

const envOf = (dir: string): NodeJS.ProcessEnv => ({ DATA_DIR: dir });

/** A first start: creates the database and the keys, and writes a little. */
function firstStart(dir: string, seed = false): void {
  const { db } = openData(envOf(dir));
  if (seed) seedDemo(db, DEMO_DIR, fixedClock("2026-03-01T10:00:00Z"), { passwords: () => "ett-långt-lösenord" });
  else inTransaction(db, () => appendAudit(db, fixedClock("2026-03-01T10:00:00Z"), { actor: "cli", action: "user.create", details: { user: 1 } }));
  db.close();
}

function refusal(dir: string): string {
  try {
    openData(envOf(dir)).db.close();
  } catch (err) {
    expect(err).toBeInstanceOf(StartRefusedError);
    return (err as Error).message;
  }
  throw new Error("started although it should have refused");
}

const mode = (p: string) => statSync(p).mode & 0o777;

describe("start checks", () => {
  it("a first start creates the directory 0700 and the database, WAL and keys 0600; a restart opens them", () => {
    const dir = dataDir();
    const { db } = openData(envOf(dir));
    inTransaction(db, () => appendAudit(db, fixedClock("2026-03-01T10:00:00Z"), { actor: "cli", action: "user.create", details: { user: 1 } }));
    expect(mode(dir)).toBe(0o700);
    for (const f of ["lagesbild.db", "lagesbild.db-wal", "lagesbild.db-shm", "jwt-secret", "audit-key"]) expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
    db.close();
    const again = openData(envOf(dir));
    expect(verifyAuditChain(again.db).ok).toBe(true);
    again.db.close();
  });

  it("tightens a database file that an older version left world-readable", () => {
    const dir = dataDir();
    firstStart(dir);
    chmodSync(join(dir, "lagesbild.db"), 0o644);
    openData(envOf(dir)).db.close();
    expect(mode(join(dir, "lagesbild.db"))).toBe(0o600);
  });

  it("refuses a zero-length database", () => {
    const dir = dataDir();
    firstStart(dir);
    truncateSync(join(dir, "lagesbild.db"), 0);
    for (const f of ["lagesbild.db-wal", "lagesbild.db-shm"]) if (existsSync(join(dir, f))) unlinkSync(join(dir, f));
    expect(refusal(dir)).toMatch(/är tom \(0 byte\)/);
    expect(statSync(join(dir, "lagesbild.db")).size).toBe(0);
  });

  it("refuses a missing database beside an existing signing key, and creates nothing", () => {
    const dir = dataDir();
    firstStart(dir);
    for (const f of ["lagesbild.db", "lagesbild.db-wal", "lagesbild.db-shm"]) if (existsSync(join(dir, f))) unlinkSync(join(dir, f));
    expect(refusal(dir)).toMatch(/saknas, men datakatalogen har redan en nyckel/);
    expect(existsSync(join(dir, "lagesbild.db"))).toBe(false);
  });

  it("refuses a database with 16 pages overwritten mid-file", () => {
    const dir = dataDir();
    firstStart(dir, true);
    const file = join(dir, "lagesbild.db");
    const pageSize = 4096;
    const pages = statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(40);
    const fd = openSync(file, "r+");
    const start = Math.floor(pages / 2);
    for (let p = start; p < start + 16; p++) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, p * pageSize);
    closeSync(fd);
    expect(refusal(dir)).toMatch(/är skadad/);
  });

  it("refuses a read-only database file (owner-write bit cleared; root would otherwise write to it)", () => {
    const dir = dataDir();
    firstStart(dir);
    chmodSync(join(dir, "lagesbild.db"), 0o444);
    expect(refusal(dir)).toMatch(/lagesbild\.db är skrivskyddad/);
  });

  it("refuses a read-only data directory", () => {
    const dir = dataDir();
    firstStart(dir);
    chmodSync(dir, 0o555);
    try {
      expect(refusal(dir)).toMatch(/Datakatalogen .* är skrivskyddad/);
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it("the write probe refuses a database SQLite can only read", () => {
    const dir = dataDir();
    firstStart(dir);
    const ro = new Database(join(dir, "lagesbild.db"), { readonly: true });
    expect(() => checkOpenedDatabase(ro, "lagesbild.db")).toThrow(/går inte att skriva/);
    ro.close();
  });

  it("refuses to make a new audit key for a database whose trail is sealed", () => {
    const dir = dataDir();
    firstStart(dir);
    unlinkSync(join(dir, "audit-key"));
    expect(() => openData(envOf(dir))).toThrow(/Granskningsnyckeln .* saknas/);
    expect(existsSync(join(dir, "audit-key"))).toBe(false);
  });
});
