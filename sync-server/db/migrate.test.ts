import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database";
import { migrate, MigrationMismatchError, readMigrations } from "./migrate";

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
});
