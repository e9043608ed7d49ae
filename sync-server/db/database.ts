// A thin wrapper over better-sqlite3: WAL, foreign keys, and one helper for "every write in a transaction".
import Database from "better-sqlite3";

export type Db = Database.Database;

/** Opens (or creates) the database file, or an in-memory database for ":memory:". */
export function openDatabase(path: string): Db {
  const db = new Database(path);
  if (path !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  return db;
}

/** Runs `fn` inside one immediate transaction: all of it is written, or none of it. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
