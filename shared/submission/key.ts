// The idempotency key of a submission: SHA-256 (hex) of `id@version`, a line break, and the canonical JSON of the
// wire records. Hashed with WebCrypto, which the task pane's browser and Node 20 both provide on globalThis, so
// the pane and the command line derive the same key from the same content.
import type { DeidentifiedRecord } from "../protocol/record";
import { toHex } from "../dedup/sha256";
import { containsIdentifier } from "../deidentify/scan";
import { canonicalJson } from "../protocol/canonical-json";

/** The web platform globals used here (shared/ is type-checked without DOM or Node globals). */
interface WebGlobals {
  crypto?: { subtle?: { digest(algorithm: "SHA-256", data: Uint8Array): Promise<ArrayBuffer> } };
  TextEncoder?: new () => { encode(text: string): Uint8Array };
}

/** The text the key is the hash of: the template version and the records, in one canonical form. */
export function keyText(template: { id: string; version: number }, records: readonly DeidentifiedRecord[]): string {
  return `${template.id}@${template.version}\n${canonicalJson(records)}`;
}

/**
 * The server refuses a key (or the upload id made of its first 48 characters) in which the identifier scanner finds
 * something, such as a run of hex digits shaped like a phone number: such a key is hashed again with a counter,
 * `attempt` 1, 2, … appended to the hashed text (`KEY_RETRY(n)`), until it is clean. One rule for every hasher.
 */
export function isCleanKey(key: string): boolean {
  return !containsIdentifier(key) && !containsIdentifier(key.slice(0, 48));
}

/** What is appended to the hashed text on the n-th retry (n ≥ 1). */
export const KEY_RETRY = (n: number): string => `\n#${n}`;

export async function submissionKey(template: { id: string; version: number }, records: readonly DeidentifiedRecord[]): Promise<string> {
  const { crypto, TextEncoder } = globalThis as WebGlobals;
  if (!crypto?.subtle || !TextEncoder) throw new Error("WebCrypto saknas i den här miljön: idempotensnyckeln kan inte beräknas.");
  const text = keyText(template, records);
  for (let n = 0; ; n++) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(n === 0 ? text : text + KEY_RETRY(n)));
    const key = toHex(new Uint8Array(digest));
    if (isCleanKey(key)) return key;
  }
}
