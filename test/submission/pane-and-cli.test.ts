// One door to the server: the same export, checked and sent from the task pane's flow (over the in-memory
// workbook and the pane's sync client) and by `lagesbild submit` (over the command line's HTTP client with an API
// key), gets the same idempotency key and the same parts, and a real server (createApp over SQLite) stores it once.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DATA_DIR } from "../fixtures/paths";
import { createMemoryWorkbook } from "../../addin/testing/memory-workbook";
import { checkForSubmit, submitSheet } from "../../addin/flows/submit";
import { createSyncClient, type SyncClient } from "../../addin/sync-client";
import type { SubmitRequest } from "../../shared/protocol/api";
import { loadServerRegisters } from "../../shared/submission/checker";
import { PART_SIZE } from "../../shared/submission/plan";
import { readFileGrid } from "../../sync-server/cli/pipeline-file";
import { submitCommand } from "../../sync-server/cli/submit";
import { capturedIo } from "../helpers/cli-io";
import { makeServer, PASSWORD, type TestServer } from "../helpers/server";

const FILE = join(DEMO_DATA_DIR, "actors", "vaktbolaget.xlsx");
const ORG = "vaktbolaget";

let server: TestServer;
let http: Server;
let url = "";
let apiKey = "";
const requests: SubmitRequest[] = [];

beforeAll(async () => {
  // After the demo exports end: the server refuses records dated in the future.
  server = makeServer({ start: "2026-11-20T09:00:00Z" });
  http = createServer((req, res) => {
    // Every submission request that reaches the server, whichever door it came through.
    if (req.method === "POST" && req.url === "/api/submissions") {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => requests.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as SubmitRequest));
    }
    server.app(req, res);
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const created = await request(server.app).post("/api/keys").set(await server.as("admin")).send({ org: ORG, name: "schemalagd export" });
  expect(created.status).toBe(201);
  apiKey = created.body.key as string;
}, 120_000);

afterAll(async () => {
  await new Promise((r) => http?.close(r));
  server?.db.close();
});

async function signedInClient(): Promise<SyncClient> {
  const client = createSyncClient({ baseUrl: url, fetch: (input, init) => fetch(input, init) });
  await client.login(ORG, PASSWORD);
  return client;
}

describe("the same file from the pane and from the command line", () => {
  it("gets one idempotency key and lands once", async () => {
    // The pane: the partner opens the export in Excel, presses Kontrollera and Skicka.
    const { sheet, grid } = await readFileGrid(FILE);
    const port = createMemoryWorkbook({ [sheet]: grid });
    const client = await signedInClient();
    const checked = await checkForSubmit(port, { published: await client.templates(), org: client.session!.user.org, registers: await loadServerRegisters(client), now: new Date() });
    expect(checked.result.canSubmit).toBe(true);
    const fromPane = await submitSheet(client, port, checked);
    expect(fromPane.replay).toBe(false);
    const paneRequests = requests.splice(0);

    // The command line: a scheduled job delivers the same file with the organisation's API key.
    const io = capturedIo();
    const code = await submitCommand([FILE, "--server", url, "--key", apiKey, "--json"], io);
    expect(code, io.err()).toBe(0);
    const fromCli = JSON.parse(io.out()) as { replay: boolean; idempotencyKey: string; parts: number; receipt: { id: string } };
    // Two parts may be in flight at once: in part order.
    const cliRequests = requests.splice(0).sort((a, b) => (a.part?.index ?? 0) - (b.part?.index ?? 0));

    expect(fromCli.idempotencyKey).toBe(fromPane.idempotencyKey);
    expect(fromCli.replay).toBe(true);
    expect(fromCli.receipt.id).toBe(fromPane.receipt.id);
    // One part size for both doors: the same parts with the same content. The pane knows the key before its first
    // part; the command line streams its parts while the sheet is checked and brings the key with the last part,
    // which the server answers with the stored receipt (the key bound to the same content).
    const rows = fromPane.receipt.counts.rows;
    expect(rows).toBeGreaterThan(PART_SIZE);
    expect(paneRequests).toHaveLength(Math.ceil(rows / PART_SIZE));
    expect(fromCli.parts).toBe(paneRequests.length);
    const body = (r: unknown) => r as { records: unknown[]; idempotencyKey?: string; part?: { index: number; count?: number } };
    expect(cliRequests.map((r) => body(r).records)).toEqual(paneRequests.map((r) => body(r).records));
    expect(cliRequests.map((r) => [body(r).idempotencyKey, body(r).part?.index, body(r).part?.count])).toEqual(
      paneRequests.map((_, i) => (i < paneRequests.length - 1 ? [undefined, i, undefined] : [fromPane.idempotencyKey, i, paneRequests.length])),
    );

    // Stored once.
    const list = await request(server.app).get("/api/submissions").set(await server.as(ORG));
    expect(list.status).toBe(200);
    expect((list.body.submissions as { id: string }[]).map((s) => s.id)).toEqual([fromPane.receipt.id]);
  }, 300_000);
});
