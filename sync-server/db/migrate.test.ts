import { copyFileSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database";
import { migrate, MIGRATIONS_DIR, MigrationMismatchError, readMigrations } from "./migrate";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "lb-mig-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies the real migrations once and records name and hash", () => {
    const db = openDatabase(":memory:");
    const first = migrate(db);
    expect(first.length).toBe(readMigrations().length);
    expect(migrate(db)).toEqual([]);
    const rows = db.prepare("SELECT name, sha256 FROM schema_migrations").all() as { name: string; sha256: string }[];
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
    expect(rows[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("refuses when the database has a migration the files do not", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "001_a.sql"), "CREATE TABLE a (x INTEGER);");
    writeFileSync(join(dir, "002_b.sql"), "CREATE TABLE b (x INTEGER);");
    const db = openDatabase(":memory:");
    migrate(db, dir);
    rmSync(join(dir, "002_b.sql"));
    expect(() => migrate(db, dir)).toThrow(MigrationMismatchError);
    expect(() => migrate(db, dir)).toThrow(/002_b\.sql/);
  });

  it("refuses when a recorded migration file has changed", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "001_a.sql"), "CREATE TABLE a (x INTEGER);");
    const db = openDatabase(":memory:");
    migrate(db, dir);
    writeFileSync(join(dir, "001_a.sql"), "CREATE TABLE a (x INTEGER, y TEXT);");
    expect(() => migrate(db, dir)).toThrow(/har ändrats/);
  });

  it("applies a new migration added later, in order", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "001_a.sql"), "CREATE TABLE a (x INTEGER);");
    const db = openDatabase(":memory:");
    migrate(db, dir);
    writeFileSync(join(dir, "002_b.sql"), "CREATE TABLE b (x INTEGER);");
    expect(migrate(db, dir)).toEqual(["002_b.sql"]);
  });

  it("rolls back a failing migration entirely", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "001_a.sql"), "CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);");
    const db = openDatabase(":memory:");
    expect(() => migrate(db, dir)).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
  });

  it("011 rebuilds delivery_rounds for the `saving` status and keeps every round and delivery that pointed at it", () => {
    const before = tempDir();
    for (const m of readMigrations().filter((f) => f.name < "011")) copyFileSync(join(MIGRATIONS_DIR, m.name), join(before, m.name));
    const db = openDatabase(":memory:");
    migrate(db, before);
    db.exec(`INSERT INTO organisations (id, name, kind, is_huvudman, created_at) VALUES ('polisen', 'Polisen', 'polis', 0, '2026-01-01');
      INSERT INTO delivery_rounds (id, slot, ran_at, last_period, status, summary, facts) VALUES (1, 's1', '2026-03-05', '2026-02-H2', 'sent', '{}', '{"a":1}'), (2, 's2', '2026-03-20', '2026-03-H1', 'fail-closed', '{}', '{}');
      INSERT INTO deliveries (org_id, number, round_id, created_at, json) VALUES ('polisen', 1, 1, '2026-03-05', '{}'), ('polisen', 2, 2, '2026-03-20', '{}');`);
    expect(() => db.prepare("INSERT INTO delivery_rounds (slot, ran_at, status, summary) VALUES ('s3', 'x', 'saving', '{}')").run()).toThrow(/CHECK/);

    expect(migrate(db)).toEqual(readMigrations().filter((f) => f.name >= "011").map((f) => f.name));
    expect(db.prepare("SELECT id, slot, status, facts FROM delivery_rounds ORDER BY id").all()).toEqual([
      { id: 1, slot: "s1", status: "sent", facts: '{"a":1}' },
      { id: 2, slot: "s2", status: "fail-closed", facts: "{}" },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM deliveries").get()).toEqual({ n: 2 });
    // Stored before parts existed: each delivery is one part, its row.
    expect(db.prepare("SELECT DISTINCT parts FROM deliveries").all()).toEqual([{ parts: 1 }]);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.prepare("INSERT INTO delivery_rounds (slot, ran_at, status, summary) VALUES ('s3', 'x', 'saving', '{}')").run();
    expect(() => db.prepare("INSERT INTO delivery_rounds (slot, ran_at, status, summary) VALUES ('s4', 'x', 'unknown', '{}')").run()).toThrow(/CHECK/);
    // The deliveries still reference the rebuilt table.
    expect(() => db.prepare("INSERT INTO deliveries (org_id, number, round_id, created_at, json) VALUES ('polisen', 3, 99, 'x', '{}')").run()).toThrow(/FOREIGN KEY/);
  });
});
