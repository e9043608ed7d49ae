// Who may use the delivery endpoints: no caller → 401, an actor on huvudman-only endpoints or another
// organisation's data → 403; API keys read their own organisation's deliveries.
import { describe, expect, it } from "vitest";
import request from "supertest";
import { grantAndSubscribe, submitApproved, vandalism, VANDALISM_ACCESS } from "../helpers/deliveries";
import { makeServer } from "../helpers/server";

const HUVUDMAN_ONLY: [string, string, object?][] = [
  ["post", "/api/indicators", { definition: {} }],
  ["put", "/api/indicators/skadegorelse-klotter/grain", { level: 2, periodType: "month" }],
  ["get", "/api/indicators/skadegorelse-klotter/grain-suggestion"],
  ["put", "/api/grants/polisen", { grants: [] }],
  ["get", "/api/deliveries/settings"],
  ["put", "/api/deliveries/settings", { days: [5], hour: 6, minute: 0, deadlineDays: 4, threshold: 3, historyMonths: 12 }],
  ["get", "/api/deliveries/rounds"],
  ["post", "/api/deliveries/run", {}],
  ["get", "/api/completeness"],
  ["get", "/api/exports/records.csv"],
];

const FOREIGN_ORG = [
  "/api/grants?org=brandforsvaret",
  "/api/subscriptions?org=brandforsvaret",
  "/api/deliveries/latest?org=brandforsvaret",
  "/api/deliveries?org=brandforsvaret",
  "/api/deliveries/1?org=brandforsvaret",
  "/api/deliveries/latest?org=kommunen",
  "/api/exports/delivery.csv?org=brandforsvaret",
  "/api/exports/delivery.csv?org=kommunen",
  "/api/exports/delivery.geojson?org=kommunen",
  "/api/exports/map.svg?org=kommunen",
  "/api/exports/map.png?org=brandforsvaret",
];

const ALL = [
  "/api/indicators",
  "/api/indicators/skadegorelse-klotter",
  "/api/grants",
  "/api/subscriptions",
  "/api/deliveries",
  "/api/deliveries/latest",
  "/api/completeness",
  "/api/exports/delivery.csv",
  ...HUVUDMAN_ONLY.map(([, path]) => path),
];

describe("delivery endpoints: access", () => {
  it("refuse callers without credentials", async () => {
    const s = makeServer();
    for (const path of ALL) expect([path, (await request(s.app).get(path)).status]).toEqual([path, 401]);
  });

  it("refuse actors on huvudman-only endpoints", async () => {
    const s = makeServer();
    const police = await s.as("polisen");
    for (const [method, path, body] of HUVUDMAN_ONLY) {
      const req = method === "get" ? request(s.app).get(path) : method === "put" ? request(s.app).put(path).send(body) : request(s.app).post(path).send(body);
      expect([method, path, (await req.set(police)).status]).toEqual([method, path, 403]);
    }
  });

  it("refuse an actor another organisation's grants, subscriptions, deliveries and exports", async () => {
    const s = makeServer();
    await submitApproved(s, vandalism("2026-03-05", { "111": 5, "121": 5 }));
    await grantAndSubscribe(s, "polisen");
    await grantAndSubscribe(s, "brandforsvaret");
    await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({}).expect(201);
    const police = await s.as("polisen");
    for (const path of FOREIGN_ORG) expect([path, (await request(s.app).get(path).set(police)).status]).toEqual([path, 403]);
    expect((await request(s.app).put("/api/subscriptions?org=brandforsvaret").set(police).send({ subscriptions: [] })).status).toBe(403);
    // Its own work.
    expect((await request(s.app).get("/api/deliveries/latest").set(police)).body.org).toBe("polisen");
    expect((await request(s.app).get("/api/grants").set(police)).body.entries.every((e: { org: string }) => e.org === "polisen")).toBe(true);
    // The huvudman may read any organisation's delivery.
    expect((await request(s.app).get("/api/deliveries/latest?org=brandforsvaret").set(await s.as("huvudman"))).body.org).toBe("brandforsvaret");
  });

  it("refuse subscriptions beyond the grants", async () => {
    const s = makeServer();
    await request(s.app).put("/api/grants/polisen").set(await s.as("huvudman")).send({ grants: [{ ...VANDALISM_ACCESS, levels: [0, 1] }] }).expect(200);
    const police = await s.as("polisen");
    const res = await request(s.app).put("/api/subscriptions").set(police).send({ subscriptions: [VANDALISM_ACCESS] });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body.details)).toContain("nivå 3");
    const other = await request(s.app).put("/api/subscriptions").set(police).send({ subscriptions: [{ indicator: "tillgreppsbrott", levels: [0], periodTypes: ["month"] }] });
    expect(other.status).toBe(403);
    const ok = await request(s.app).put("/api/subscriptions").set(police).send({ subscriptions: [{ ...VANDALISM_ACCESS, levels: [0, 1] }] });
    expect(ok.status).toBe(200);
    // Narrowing the grant cuts the subscription back.
    await request(s.app).put("/api/grants/polisen").set(await s.as("huvudman")).send({ grants: [{ ...VANDALISM_ACCESS, levels: [0] }] }).expect(200);
    expect((await request(s.app).get("/api/subscriptions").set(police)).body.entries[0].levels).toEqual([0]);
  });

  it("an API key reads its own organisation's latest delivery, not another's", async () => {
    const s = makeServer();
    await submitApproved(s, vandalism("2026-03-05", { "111": 5 }));
    await grantAndSubscribe(s, "polisen");
    await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({}).expect(201);
    const key = await request(s.app).post("/api/keys").set(await s.as("polisen")).send({ org: "polisen", name: "leverans" });
    expect(key.status).toBe(201);
    const own = await request(s.app).get("/api/deliveries/latest").set("X-Api-Key", key.body.key);
    expect(own.status).toBe(200);
    expect(own.body.org).toBe("polisen");
    expect((await request(s.app).get("/api/deliveries/latest?org=kommunen").set("X-Api-Key", key.body.key)).status).toBe(403);
  });
});
