// Opaque secrets (refresh tokens, API keys) are random and stored only as their sha256; the same hash names files.
import { createHash, randomBytes } from "node:crypto";

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
