// What `submit` and `fetch` learn from the server with an API key, so the partner's machine needs nothing local:
// who the key belongs to, the templates the organisation may use, and the municipality's area registers.
import { readFileSync } from "node:fs";
import type { NykoArea, PrincipalInfo } from "../../shared/protocol/api";
import { flag, type ParsedArgs } from "./args";
import { createHttpClient, submissionServer, type HttpClient, type RetryPolicy } from "./http-client";

/** Where the command writes, and what it may be given instead of the real world (tests). */
export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

export const EXIT = { ok: 0, fileErrors: 1, usage: 2, refused: 3, unreachable: 4 } as const;

export interface ConnectionArgs {
  server: string;
  apiKey: string;
  ca?: string;
}

/**
 * `--server URL --key KEY [--ca FILE]`; the key and server may instead come from LAGESBILD_API_KEY and
 * LAGESBILD_SERVER (a scheduled job keeps the key out of the process list), the certificate from LAGESBILD_CA.
 */
export function connectionArgs(args: ParsedArgs, env: NodeJS.ProcessEnv): ConnectionArgs | string {
  const server = flag(args, "server") ?? env.LAGESBILD_SERVER;
  const apiKey = flag(args, "key") ?? env.LAGESBILD_API_KEY;
  if (!server) return "Ange servern med --server URL (eller LAGESBILD_SERVER).";
  if (!apiKey) return "Ange API-nyckeln med --key NYCKEL (eller LAGESBILD_API_KEY).";
  const caFile = flag(args, "ca") ?? env.LAGESBILD_CA;
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = readFileSync(caFile, "utf8");
    } catch {
      return `Certifikatfilen ${caFile} kan inte läsas.`;
    }
  }
  return { server, apiKey, ca };
}

export function clientFor(conn: ConnectionArgs, io: CliIo): HttpClient {
  const retries = io.env.LAGESBILD_RETRIES;
  return createHttpClient({
    server: conn.server,
    apiKey: conn.apiKey,
    ca: conn.ca,
    retry: { ...io.retry, ...(retries && /^\d+$/.test(retries) ? { attempts: Number(retries) + 1 } : {}) },
    sleep: io.sleep,
    onRetry: ({ attempt, delayMs, reason }) => io.stderr.write(`Försök ${attempt} misslyckades (${reason}); försöker igen om ${(delayMs / 1000).toFixed(1)} s …\n`),
  });
}

export function whoAmI(client: HttpClient): Promise<PrincipalInfo> {
  return client.getJson<PrincipalInfo>("/api/auth/me");
}

/** The NYKO areas valid today, as the server holds them. */
export async function fetchNykoAreas(client: HttpClient): Promise<NykoArea[]> {
  return (await submissionServer(client).nykoAreas()).areas;
}
