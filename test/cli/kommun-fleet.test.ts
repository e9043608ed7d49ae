// `lagesbild kommun backup|verify|migrate --root`: one command each over every municipality made by `kommun create`.
// Backups open and hold the rows, a tampered audit trail is named by municipality, migrate reports nothing to do on
// current databases and re-applies a migration whose record (and tables) were set back.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { parseArgs } from "../../sync-server/cli/args";
import { kommunCommand } from "../../sync-server/cli/kommun";
import { systemClock } from "../../sync-server/clock";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";

const root = mkdtempSync(join(tmpdir(), "lagesbild-flotta-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs a kommun command with stdout and stderr captured. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    const code = await kommunCommand(parseArgs(argv), {}, (l) => out.push(l));
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    vi.restoreAllMocks();
  }
}

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function rows(id: string, table: string): number {
  return count(join(root, id, "lagesbild.db"), table);
}

describe("kommun backup, verify and migrate over all municipalities", () => {
  it("back up, verify, find a tampered trail by name, and migrate each municipality", async () => {
    for (const [id, port] of [["alfa", 3201], ["beta", 3202]] as const)
      expect((await run(["create", id, "--root", root, "--port", String(port), "--registers", DEMO_DIR])).code).toBe(0);

    // Missing arguments and an empty root are refused, and nothing is created.
    expect((await run(["backup", "--root", root])).code).toBe(2);
    expect((await run(["verify"])).code).toBe(2);
    const empty = join(root, "..", `${root.split("/").pop()}-tom`);
    mkdirSync(empty);
    const none = await run(["verify", "--root", empty]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/Inga kommuner/);
    rmSync(empty, { recursive: true });

    // Backup: one dated file per municipality, each a database that opens and holds the same rows.
    const out = join(root, "..", `${root.split("/").pop()}-kopior`);
    const backup = await run(["backup", "--root", root, "--out", out]);
    expect(backup.code).toBe(0);
    const date = systemClock.now().toISOString().slice(0, 10);
    expect(readdirSync(out).sort()).toEqual([`alfa-${date}.db`, `beta-${date}.db`]);
    for (const id of ["alfa", "beta"]) {
      const file = join(out, `${id}-${date}.db`);
      expect(count(file, "users")).toBe(rows(id, "users"));
      expect(count(file, "users")).toBeGreaterThanOrEqual(2);
      expect(count(file, "organisations")).toBe(1);
      expect(count(file, "schema_migrations")).toBe(rows(id, "schema_migrations"));
      // The live database has the backup's own audit entry on top of what the copy holds.
      expect(rows(id, "audit_log")).toBe(count(file, "audit_log") + 1);
    }
    // A second backup the same day does not overwrite the first.
    const again = await run(["backup", "--root", root, "--out", out]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/finns redan/);
    rmSync(out, { recursive: true });

    // Verify: both whole; then one tampered audit row in beta fails, naming beta and not alfa.
    const ok = await run(["verify", "--root", root]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/alla 2 kommuner klara/);
    const db = new Database(join(root, "beta", "lagesbild.db"));
    db.exec("DROP TRIGGER audit_log_no_update");
    db.prepare("UPDATE audit_log SET actor = 'user:999' WHERE seq = 2").run();
    db.close();
    const bad = await run(["verify", "--root", root]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/post 2/);
    expect(bad.err).toMatch(/FEL i: beta\./);
    expect(bad.err).not.toMatch(/alfa/);

    // With --checkpoints a municipality without its checkpoint file fails too.
    const cps = join(root, "..", `${root.split("/").pop()}-kp`);
    mkdirSync(cps);
    const noCp = await run(["verify", "--root", root, "--checkpoints", cps]);
    expect(noCp.code).toBe(1);
    expect(noCp.err).toMatch(/FEL i: alfa, beta\./);
    rmSync(cps, { recursive: true });

    // Migrate: nothing to do on current databases.
    const current = await run(["migrate", "--root", root]);
    expect(current.code).toBe(0);
    expect(current.out).toMatch(/alfa: inget att göra/);
    expect(current.out).toMatch(/beta: inget att göra/);
    // Set alfa back by one: 010 (requests) forgotten and its empty tables dropped, as before that migration. It is
    // re-applied to alfa only. Meanwhile, backup and verify refuse to open it (they would migrate it first).
    const a = new Database(join(root, "alfa", "lagesbild.db"));
    a.exec("DROP TABLE request_reviews; DROP TABLE requests; DELETE FROM schema_migrations WHERE name = '010_requests.sql'");
    a.close();
    const refused = await run(["verify", "--root", root]);
    expect(refused.err).toMatch(/alfa: databasen har väntande migreringar \(010_requests\.sql\)/);
    expect(refused.err).toMatch(/FEL i: alfa, beta\./);
    const migrated = await run(["migrate", "--root", root]);
    expect(migrated.code).toBe(0);
    expect(migrated.out).toMatch(/alfa: körde 010_requests\.sql\./);
    expect(migrated.out).toMatch(/beta: inget att göra/);
    expect(rows("alfa", "requests")).toBe(0);
    expect((await run(["migrate", "--root", root])).out).toMatch(/alfa: inget att göra/);

    // A folder with kommun.env whose database is gone is a failure by name, and no database is created there.
    mkdirSync(join(root, "gamma"));
    writeFileSync(join(root, "gamma", "kommun.env"), `DATA_DIR=${join(root, "gamma")}\n`);
    const lost = await run(["migrate", "--root", root]);
    expect(lost.code).toBe(1);
    expect(lost.err).toMatch(/gamma: kommun.env finns men lagesbild.db saknas/);
    expect(lost.err).toMatch(/FEL i: gamma\./);
    expect(existsSync(join(root, "gamma", "lagesbild.db"))).toBe(false);
  }, 120_000);
});
