// Numbered .sql migrations, recorded in `schema_migrations` by name and sha256. The server refuses to start
// when the database holds a migration the files do not, or when a recorded file has since changed.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./database";

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export interface MigrationFile {
  name: string;
  sha256: string;
  sql: string;
}

export class MigrationMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationMismatchError";
  }
}

export function readMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3,}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), "utf8");
      return { name, sql, sha256: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies pending migrations in order, each in its own transaction. Returns the names applied. */
export function migrate(db: Db, dir: string = MIGRATIONS_DIR, now: () => Date = () => new Date()): string[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const files = readMigrations(dir);
  const byName = new Map(files.map((f) => [f.name, f]));
  const recorded = db.prepare("SELECT name, sha256 FROM schema_migrations ORDER BY name").all() as { name: string; sha256: string }[];
  for (const r of recorded) {
    const file = byName.get(r.name);
    if (!file)
      throw new MigrationMismatchError(
        `Databasen har migreringen ${r.name} som saknas bland filerna i ${dir}. Servern startar inte: använd en nyare version av programmet eller rätt databas.`,
      );
    if (file.sha256 !== r.sha256)
      throw new MigrationMismatchError(
        `Migreringen ${r.name} har ändrats sedan den kördes (sha256 ${r.sha256.slice(0, 12)}… i databasen, ${file.sha256.slice(0, 12)}… i filen). Servern startar inte.`,
      );
  }
  const done = new Set(recorded.map((r) => r.name));
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file.name)) continue;
    db.transaction(() => {
      db.exec(file.sql);
      db.prepare("INSERT INTO schema_migrations (name, sha256, applied_at) VALUES (?, ?, ?)").run(file.name, file.sha256, now().toISOString());
    }).immediate();
    applied.push(file.name);
  }
  return applied;
}

/**
 * The migrations `migrate` would apply, without applying any: file names not yet recorded in `schema_migrations`
 * (all of them when the table does not exist). Only reads.
 */
export function pendingMigrations(db: Db, dir: string = MIGRATIONS_DIR): string[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const done = new Set(hasTable ? (db.prepare("SELECT name FROM schema_migrations").all() as { name: string }[]).map((r) => r.name) : []);
  return readMigrations(dir)
    .map((f) => f.name)
    .filter((n) => !done.has(n));
}
