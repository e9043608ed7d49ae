// A self-signed certificate for localhost, created once under the data directory (no sudo, no trust-store change).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SecureContextOptions, TlsOptions } from "node:tls";
import { generate } from "selfsigned";

/**
 * TLS 1.2 with forward-secret AEAD suites only (ECDHE with AES-GCM or ChaCha20-Poly1305), and TLS 1.3 (whose suites
 * are all AEAD). CBC suites such as AES128-SHA, and static-RSA key exchange, are refused.
 */
export const TLS_CIPHERS = [
  "TLS_AES_128_GCM_SHA256",
  "TLS_AES_256_GCM_SHA384",
  "TLS_CHACHA20_POLY1305_SHA256",
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

export const TLS_SERVER_OPTIONS: TlsOptions & SecureContextOptions = {
  minVersion: "TLSv1.2",
  ciphers: TLS_CIPHERS,
  honorCipherOrder: true,
};

export interface TlsFiles {
  key: string;
  cert: string;
  certPath: string;
  created: boolean;
}

export async function ensureLocalhostCertificate(dataDir: string, now: Date): Promise<TlsFiles> {
  const dir = join(dataDir, "tls");
  const keyPath = join(dir, "localhost-key.pem");
  const certPath = join(dir, "localhost-cert.pem");
  if (existsSync(keyPath) && existsSync(certPath)) return { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8"), certPath, created: false };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const notAfter = new Date(now.getTime() + 825 * 86_400_000);
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: notAfter,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }] },
    ],
  });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  writeFileSync(certPath, pems.cert);
  return { key: pems.private, cert: pems.cert, certPath, created: true };
}
