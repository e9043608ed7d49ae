// A partner without a delivery is told why and what to do, by the server and in the pane's refresh flow (the real
// sync client against a real server): no grants, no subscriptions, or when the next scheduled round runs (Stockholm time).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshDeliveries } from "../../addin/flows/refresh";
import { createSyncClient } from "../../addin/sync-client";
import { createMemoryWorkbook } from "../../addin/testing/memory-workbook";
import { stockholmText } from "../../sync-server/deliveries/why-none";
import { grantAndSubscribe, VANDALISM_ACCESS } from "../helpers/deliveries";
import { makeServer, PASSWORD, type TestServer } from "../helpers/server";

let s: TestServer;
let http: Server;
let url = "";

beforeAll(async () => {
  s = makeServer({ start: "2026-12-06T09:00:00Z" });
  http = createServer((req, res) => s.app(req, res));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => http?.close(r));
  s?.db.close();
});

async function latestMessage(org: string): Promise<string> {
  const res = await request(s.app).get("/api/deliveries/latest").set(await s.as(org));
  expect(res.status).toBe(404);
  return res.body.details.message as string;
}

async function paneMessage(org: string): Promise<string> {
  const client = createSyncClient({ baseUrl: url, fetch: (input, init) => fetch(input, init) });
  await client.login(org, PASSWORD);
  const error = await refreshDeliveries(createMemoryWorkbook(), client).then(() => null, (e: Error) => e);
  expect(error).not.toBeNull();
  return error!.message;
}

describe("no delivery yet", () => {
  it("says that the huvudman has granted nothing yet", async () => {
    expect(await latestMessage("polisen")).toContain("Huvudmannen har inte gett er behörighet till några indikatorer ännu");
    const pane = await paneMessage("polisen");
    expect(pane).toContain("Huvudmannen har inte gett er behörighet till några indikatorer ännu");
    expect(pane).not.toContain("finns inte (längre)");
  });

  it("says that nothing is subscribed among the grants", async () => {
    const g = await request(s.app).put("/api/grants/vaktbolaget").set(await s.as("huvudman")).send({ grants: [VANDALISM_ACCESS] });
    expect(g.status).toBe(200);
    expect(await latestMessage("vaktbolaget")).toContain("Ni prenumererar inte på några indikatorer ännu");
  });

  it("names the next scheduled round in Stockholm time", async () => {
    await grantAndSubscribe(s, "brandforsvaret");
    expect(await latestMessage("brandforsvaret")).toBe("Ingen leverans har gjorts ännu. Nästa leverans görs 20 december 06:00.");
    expect(await paneMessage("brandforsvaret")).toBe("Ingen leverans har gjorts ännu. Nästa leverans görs 20 december 06:00.");
    // Summer time: 06:00 in Stockholm is 04:00 UTC.
    expect(stockholmText(new Date("2026-06-05T04:00:00Z"))).toBe("5 juni 06:00");
  });
});
