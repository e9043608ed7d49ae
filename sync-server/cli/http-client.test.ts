import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { backoffDelay, createHttpClient, DEFAULT_RETRY, ServerRefusedError, ServerUnreachableError } from "./http-client";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A server that answers each request with the next of `answers` (the last one repeats). */
async function serve(answers: { status: number; body: unknown }[]): Promise<{ url: string; seen: { method: string; url: string; auth: string; body: string }[] }> {
  const seen: { method: string; url: string; auth: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization ?? "", body });
      const a = answers[Math.min(seen.length - 1, answers.length - 1)];
      res.writeHead(a.status, { "Content-Type": "application/json" }).end(JSON.stringify(a.body));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A port nothing listens on. */
async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}

describe("backoffDelay", () => {
  it("doubles from the base delay and stops at the cap", () => {
    const p = { attempts: 6, baseDelayMs: 500, maxDelayMs: 3000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(p, a))).toEqual([500, 1000, 2000, 3000, 3000]);
    expect(DEFAULT_RETRY.attempts).toBeGreaterThan(1);
  });
});

describe("createHttpClient", () => {
  it("sends the API key as a bearer token and JSON bodies", async () => {
    const s = await serve([{ status: 201, body: { status: "stored" } }]);
    const client = createHttpClient({ server: s.url, apiKey: "lb_abc_def" });
    const res = await client.postJson<{ status: string }>("/api/submissions", { a: 1 });
    expect(res).toEqual({ status: 201, body: { status: "stored" } });
    expect(s.seen).toEqual([{ method: "POST", url: "/api/submissions", auth: "Bearer lb_abc_def", body: '{"a":1}' }]);
  });

  it("retries transient answers with exponential backoff, then succeeds", async () => {
    const s = await serve([{ status: 503, body: {} }, { status: 502, body: {} }, { status: 200, body: { ok: true } }]);
    const waits: number[] = [];
    const client = createHttpClient({ server: s.url, apiKey: "k", retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 }, sleep: async (ms) => void waits.push(ms) });
    expect(await client.getJson("/x")).toEqual({ ok: true });
    expect(s.seen.length).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it("does not retry a refusal and keeps the server's reason and details", async () => {
    const s = await serve([{ status: 422, body: { status: "error", reason: "identifying-value", details: { issues: [{ row: 0, field: "nyko" }] } } }]);
    const client = createHttpClient({ server: s.url, apiKey: "k", sleep: async () => {} });
    const err = await client.postJson("/api/submissions", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerRefusedError);
    expect(err).toMatchObject({ status: 422, reason: "identifying-value", details: { issues: [{ row: 0, field: "nyko" }] } });
    expect(s.seen.length).toBe(1);
  });

  it("gives up after the bounded number of attempts when nothing answers", async () => {
    const waits: number[] = [];
    const client = createHttpClient({ server: await closedPort(), apiKey: "k", retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 25 }, sleep: async (ms) => void waits.push(ms) });
    const err = await client.getJson("/api/auth/me").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerUnreachableError);
    expect(err).toMatchObject({ attempts: 4, lastReason: "ECONNREFUSED" });
    expect(waits).toEqual([10, 20, 25]);
  });

  it("counts a server that stays unavailable as unreachable", async () => {
    const s = await serve([{ status: 503, body: {} }]);
    const client = createHttpClient({ server: s.url, apiKey: "k", retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 }, sleep: async () => {} });
    await expect(client.getJson("/x")).rejects.toBeInstanceOf(ServerUnreachableError);
    expect(s.seen.length).toBe(3);
  });
});
