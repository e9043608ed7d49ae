// Checks before and right after the database is opened, so a missing, emptied, damaged or read-only database is
// refused at start with a Swedish message instead of being replaced by a fresh one or answering 500 later.
import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "./database";

/** The server does not start; the message says why and what to do. */
export class StartRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartRefusedError";
  }
}

/**
 * Whether the process may write `path`. `accessSync` answers for an ordinary user; root passes it whatever the
 * permission bits say, so a file or directory whose owner-write bit is cleared counts as read-only too: someone
 * made it so on purpose. (Root still writes to such a file if asked; the check is what refuses.)
 */
function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return false;
  }
  return (statSync(path).mode & 0o200) !== 0;
}

/** Creates the data directory (0700) when missing, and refuses one the server cannot write. */
export function prepareDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  else if (!statSync(dataDir).isDirectory()) throw new StartRefusedError(`Datakatalogen ${dataDir} är ingen katalog. Servern startar inte.`);
  const refuse = () => new StartRefusedError(`Datakatalogen ${dataDir} är skrivskyddad. Servern behöver kunna skriva där (databas, WAL-fil, nycklar). Servern startar inte.`);
  if (!isWritable(dataDir)) throw refuse();
  // The real test: create and remove a file (catches read-only mounts that the bits do not show).
  const probe = join(dataDir, `.skrivprov-${process.pid}`);
  try {
    writeFileSync(probe, "", { mode: 0o600 });
    unlinkSync(probe);
  } catch {
    throw refuse();
  }
  tightenMode(dataDir, 0o700);
}

/** Removes group and other permissions (never adds any): 0644 → 0600, 0444 stays read-only as 0400. */
export function tightenMode(path: string, keep: 0o600 | 0o700): void {
  try {
    const mode = statSync(path).mode & 0o777;
    if ((mode & ~keep) !== 0) chmodSync(path, mode & keep);
  } catch {
    /* not ours to change (another owner); the data stays as it was */
  }
}

/**
 * Before opening: a database file that is missing although the data directory already has keys was lost or moved;
 * a zero-length one was emptied. Neither is replaced by a fresh database. A read-only file is refused here too.
 */
export function checkDatabaseFile(dbPath: string, keyFiles: string[]): void {
  if (!existsSync(dbPath)) {
    const key = keyFiles.find((f) => existsSync(f));
    if (key)
      throw new StartRefusedError(
        `Databasen ${dbPath} saknas, men datakatalogen har redan en nyckel (${key}). Databasen har flyttats eller tagits bort; ` +
          "servern skapar ingen ny i dess ställe. Lägg tillbaka databasen (eller en säkerhetskopia), eller töm datakatalogen helt för att börja om.",
      );
    return;
  }
  const st = statSync(dbPath);
  if (!st.isFile()) throw new StartRefusedError(`${dbPath} är ingen fil. Servern startar inte.`);
  if (st.size === 0)
    throw new StartRefusedError(
      `Databasen ${dbPath} är tom (0 byte). Servern ersätter den inte med en ny: lägg tillbaka en säkerhetskopia, eller ta bort filen och datakatalogens nycklar för att börja om.`,
    );
  if (!isWritable(dbPath))
    throw new StartRefusedError(`Databasen ${dbPath} är skrivskyddad. Servern behöver kunna skriva i den (inloggning, inskick, granskningslogg). Servern startar inte.`);
}

/** After opening: SQLite's own structural check, and a write that is rolled back. */
export function checkOpenedDatabase(db: Db, dbPath: string): void {
  let result: string[];
  try {
    result = (db.prepare("PRAGMA quick_check(5)").all() as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (err) {
    throw damaged(dbPath, (err as Error).message);
  }
  if (result.length !== 1 || result[0] !== "ok") throw damaged(dbPath, result.join("; "));
  try {
    db.exec("BEGIN IMMEDIATE; CREATE TABLE skrivprov (x); ROLLBACK;");
  } catch (err) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw new StartRefusedError(`Databasen ${dbPath} går inte att skriva i (${(err as Error).message}). Servern startar inte.`);
  }
}

export function damaged(dbPath: string, detail: string): StartRefusedError {
  return new StartRefusedError(
    `Databasen ${dbPath} är skadad (${detail}). Servern startar inte och ersätter den inte: stoppa, återställ senaste säkerhetskopian och starta igen.`,
  );
}
