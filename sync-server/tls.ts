// A self-signed certificate for localhost, created once under the data directory (no sudo, no trust-store change).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";

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
