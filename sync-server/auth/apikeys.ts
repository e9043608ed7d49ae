// Creating an API key: `lb_<prefix>_<secret>`; only the sha256 is stored, the key is returned once.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/database";
import { insertApiKey, type ApiKeyRow } from "../stores/keys";
import { API_KEY_PREFIX } from "./authenticate";
import { randomToken, sha256Hex } from "./secrets";

export function createApiKey(db: Db, org: string, name: string, createdBy: string, at: string): { key: string; row: ApiKeyRow } {
  const prefix = randomBytes(4).toString("hex");
  const key = `${API_KEY_PREFIX}${prefix}_${randomToken()}`;
  const row = insertApiKey(db, { hash: sha256Hex(key), prefix, org, name, createdBy }, at);
  return { key, row };
}
