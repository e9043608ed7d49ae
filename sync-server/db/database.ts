// A thin wrapper over better-sqlite3: WAL, foreign keys, and one helper for "every write in a transaction".
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { tightenMode } from "./start-checks";

export type Db = Database.Database;

/**
 * Opens (or creates) the database file, or an in-memory database for ":memory:". The file is kept 0600 before the
 * WAL is switched on, so SQLite creates the -wal and -shm files with the same mode.
 */
export function openDatabase(path: string): Db {
  const db = new Database(path);
  if (path !== ":memory:") {
    tightenMode(path, 0o600);
    db.pragma("journal_mode = WAL");
    for (const f of [`${path}-wal`, `${path}-shm`]) if (existsSync(f)) tightenMode(f, 0o600);
  }
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  return db;
}

/** Runs `fn` inside one immediate transaction: all of it is written, or none of it. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** A second, read-only connection to a database file (for a worker thread that only reads); never creates it. */
export function openReader(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}
