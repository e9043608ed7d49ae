// The command line's way to the sync server with an API key: JSON and text over HTTP(S), with a bounded number of
// retries and exponential backoff for what may pass (no connection, timeouts, 429, 502–504). A refusal (any other
// 4xx, or a 5xx that is not transient) is not retried: the caller turns it into exit code 3, and "unreachable
// after retries" into exit code 4. The server's certificate may be self-signed: pass its PEM as `ca`
// (NODE_EXTRA_CA_CERTS also works).
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { NykoArea, PublishedTemplate, SubmitResponse } from "../../shared/protocol/api";
import type { SubmissionServer } from "../../shared/submission/server";
import { certificateAdvice, isCertificateError } from "./tls-advice";

export interface RetryPolicy {
  /** Attempts in all, the first included (at least 1). */
  attempts: number;
  /** Delay before the second attempt; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8000 };

export interface HttpClientOptions {
  server: string;
  apiKey: string;
  ca?: string;
  retry?: Partial<RetryPolicy>;
  /** Milliseconds one request may take before it counts as a failed attempt. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each wait, so the command can say it is retrying. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/** The server answered, and said no. `reason` is the server's kebab-case code when it sent one. */
export class ServerRefusedError extends Error {
  constructor(readonly status: number, readonly reason: string, readonly details: unknown) {
    super(`Servern svarade ${status}${reason ? ` (${reason})` : ""}`);
  }
}

/** No answer after every attempt. */
export class ServerUnreachableError extends Error {
  constructor(readonly attempts: number, readonly lastReason: string) {
    super(`Servern gick inte att nå efter ${attempts} försök: ${lastReason}`);
  }
}

export interface HttpResponse {
  status: number;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export interface HttpClient {
  getJson<T>(path: string): Promise<T>;
  getText(path: string): Promise<string>;
  postJson<T>(path: string, body: unknown): Promise<{ status: number; body: T }>;
  /** As `postJson`, with the body already written as JSON. */
  postJsonText<T>(path: string, json: string): Promise<{ status: number; body: T }>;
}

const TRANSIENT_STATUS = new Set([408, 429, 502, 503, 504]);

/** Delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

function once(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, agent: HttpAgent, timeoutMs: number): Promise<HttpResponse> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      { method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`inget svar inom ${Math.round(timeoutMs / 1000)} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

function refusal(res: HttpResponse): ServerRefusedError {
  let reason = "";
  let details: unknown = null;
  try {
    const parsed = JSON.parse(res.body.toString("utf8")) as { reason?: unknown; details?: unknown };
    if (typeof parsed.reason === "string") reason = parsed.reason;
    details = parsed.details ?? null;
  } catch {
    details = res.body.toString("utf8").slice(0, 500);
  }
  return new ServerRefusedError(res.status, reason, details);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const attempts = Math.max(1, Math.floor(policy.attempts));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const base = new URL(options.server.endsWith("/") ? options.server : `${options.server}/`);
  if (base.protocol !== "https:" && base.protocol !== "http:") throw new Error(`Serveradressen måste börja med https:// (fick ${options.server}).`);

  // One connection kept open for the requests of a command (a streamed upload sends dozens), not a TLS handshake each.
  const agent = base.protocol === "https:" ? new HttpsAgent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) }) : new HttpAgent({ keepAlive: true });

  async function request(method: string, path: string, body?: unknown, text?: string): Promise<HttpResponse> {
    const url = new URL(path.replace(/^\//, ""), base);
    const payload = text !== undefined ? Buffer.from(text) : body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { Authorization: `Bearer ${options.apiKey}`, Accept: "application/json, text/csv, */*" };
    if (payload) Object.assign(headers, { "Content-Type": "application/json", "Content-Length": String(payload.length) });
    let lastReason = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let res: HttpResponse | null = null;
      try {
        res = await once(url, method, headers, payload, agent, timeoutMs);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        lastReason = err.code ?? err.message;
        // A certificate problem will not pass by waiting.
        if (isCertificateError(lastReason)) throw new ServerUnreachableError(attempt, certificateAdvice(lastReason));
      }
      if (res) {
        if (res.status < 400) return res;
        if (!TRANSIENT_STATUS.has(res.status)) throw refusal(res);
        lastReason = `HTTP ${res.status}`;
      }
      if (attempt < attempts) {
        const delayMs = backoffDelay(policy, attempt);
        options.onRetry?.({ attempt, delayMs, reason: lastReason });
        await sleep(delayMs);
      }
    }
    throw new ServerUnreachableError(attempts, lastReason);
  }

  const json = <T>(res: HttpResponse): T => {
    try {
      return JSON.parse(res.body.toString("utf8")) as T;
    } catch {
      throw new ServerRefusedError(res.status, "not-json", res.body.toString("utf8").slice(0, 200));
    }
  };

  return {
    async getJson<T>(path: string): Promise<T> {
      return json<T>(await request("GET", path));
    },
    async getText(path: string): Promise<string> {
      return (await request("GET", path)).body.toString("utf8");
    },
    async postJson<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
      const res = await request("POST", path, body);
      return { status: res.status, body: json<T>(res) };
    },
    async postJsonText<T>(path: string, text: string): Promise<{ status: number; body: T }> {
      const res = await request("POST", path, undefined, text);
      return { status: res.status, body: json<T>(res) };
    },
  };
}

/** The command line's side of the shared submission interface: templates, registers and one request per part. */
export function submissionServer(client: HttpClient): SubmissionServer {
  return {
    templates: async () => (await client.getJson<{ templates: PublishedTemplate[] }>("/api/templates")).templates,
    nykoAreas: () => client.getJson<{ areas: NykoArea[] }>("/api/registers/nyko-areas"),
    rawRegister: (kind) => client.getText(`/api/registers/${kind}/current`),
    submit: async (request) => (await client.postJson<SubmitResponse>("/api/submissions", request)).body,
    submitJson: async (body) => (await client.postJsonText<SubmitResponse>("/api/submissions", body)).body,
  };
}
