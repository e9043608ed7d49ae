// The JWT signing key and the audit key: from config, or generated into the data directory on first start.
// Neither is ever stored in the database.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const JWT_SECRET_FILE = "jwt-secret";
export const AUDIT_KEY_FILE = "audit-key";

export function ensureJwtSecret(dataDir: string, configured: string | null): string {
  if (configured) return configured;
  const path = join(dataDir, JWT_SECRET_FILE);
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

/** Where the audit key lives: AUDIT_KEY_FILE, or `audit-key` in the data directory. */
export function auditKeyPath(dataDir: string, env: NodeJS.ProcessEnv): string {
  return env.AUDIT_KEY_FILE && env.AUDIT_KEY_FILE.length > 0 ? env.AUDIT_KEY_FILE : join(dataDir, AUDIT_KEY_FILE);
}

/**
 * Reads the audit key, or creates it (0600) when `mayCreate` says the database has no sealed entries yet. A key that
 * is missing while the database has sealed entries is refused: a new key would make the whole trail look forged.
 */
export function loadAuditKey(path: string, mayCreate: boolean): Buffer {
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, "utf8").trim(), "base64url");
    if (key.length < 32) throw new Error(`Granskningsnyckeln i ${path} är för kort (minst 32 byte, base64url). Servern startar inte.`);
    return key;
  }
  if (!mayCreate)
    throw new Error(
      `Granskningsnyckeln ${path} saknas, men databasens granskningslogg är sigillerad med en nyckel. Lägg tillbaka filen ` +
        "(den hör till säkerhetskopian av datakatalogen) eller ange AUDIT_KEY_FILE. Servern startar inte.",
    );
  const key = randomBytes(32);
  writeFileSync(path, key.toString("base64url"), { mode: 0o600, flag: "wx" });
  return key;
}
