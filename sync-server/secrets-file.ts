// The JWT signing key: from config, or generated into the data directory on first start.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function ensureJwtSecret(dataDir: string, configured: string | null): string {
  if (configured) return configured;
  const path = join(dataDir, "jwt-secret");
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
