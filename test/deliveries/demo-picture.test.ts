// The demo's full picture: on top of the demo seed, every partner is granted and subscribes to every indicator,
// more than a year of each partner's demo export is submitted and approved, and one round runs; polisen's latest
// delivery then holds real numbers.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../../sync-server/config";
import { createLogger } from "../../sync-server/logger";
import { seedDemoPicture, type PictureSummary } from "../../sync-server/seed/picture";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import type { Delivery } from "../../shared/protocol/delivery";
import { makeServer, type TestServer } from "../helpers/server";

let s: TestServer;
let summary: PictureSummary;

beforeAll(async () => {
  s = makeServer({ start: "2026-11-20T09:00:00Z" });
  summary = await seedDemoPicture({ db: s.db, config: testConfig(), clock: s.clock, logger: createLogger("silent") }, s.deps, DEMO_DIR);
}, 600_000);

afterAll(() => s?.db.close());

describe("the demo's full picture", () => {
  it("submits and approves every partner's history by half-month and runs one round", async () => {
    const subs = await request(s.app).get("/api/submissions?limit=500").set(await s.as("huvudman"));
    expect(subs.status).toBe(200);
    expect(summary.submissions).toBeGreaterThan(6 * 12);
    const orgs = new Set((subs.body.submissions as { org: string; status: string }[]).map((x) => x.org));
    expect([...orgs].sort()).toEqual(["bostadsbolaget", "brandforsvaret", "polisen", "socialtjansten", "utbildningskontoret", "vaktbolaget"]);
    expect(summary.round.deliveries).toBeGreaterThanOrEqual(7);
  });

  it("gives polisen a latest delivery with at least 1,000 cells with values", async () => {
    const res = await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"));
    expect(res.status).toBe(200);
    const delivery = res.body as Delivery;
    expect(delivery.org).toBe("polisen");
    expect(delivery.cells.filter((c) => c.value !== null).length).toBeGreaterThanOrEqual(1000);
  });

  it("shows the half-month after the demo data as missing, not 0, and the data's empty half-months as reported", async () => {
    const res = await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"));
    const delivery = res.body as Delivery;
    expect(summary.round.lastPeriod).toBe("2026-11-H1");
    const after = delivery.cells.filter((c) => c.period === "2026-11-H1");
    expect(after.length).toBeGreaterThan(20);
    for (const c of after) expect(c).toMatchObject({ status: "missing", value: null, suppressed: false });
    expect(delivery.cells.filter((c) => c.period === "2026-10-H2" && c.status === "value").length).toBeGreaterThan(20);
    const polisen = delivery.reporting!.partners.find((p) => p.org === "polisen")!;
    expect(polisen).toMatchObject({ reportedThrough: "2026-10-H2", missing: ["2026-11-H1"] });
    expect(delivery.reporting!.completeThrough).not.toBeNull();
    expect(delivery.notes[0]).toMatch(/^Komplett till och med \d{4}-\d{2}-H[12]; saknas för november: /);
  });

  it("publishes the 2025 surveys and the residence-based police shares through the same round, the audit passing", async () => {
    expect(summary.round.status).toBe("sent");
    const res = await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"));
    const delivery = res.body as Delivery;
    for (const id of ["otrygga-kvall", "elever-otrygga-skolan", "elever-otrygga-skolvagen", "misstankta-18-24-boende", "lagforda-18-24-boende", "natverk-boende"]) {
      const year = delivery.cells.filter((c) => c.indicator === id && c.periodType === "year" && c.period === "2025");
      expect(year.filter((c) => c.status === "value").length, id).toBeGreaterThan(3);
      // The surveys are published down to NYKO-2 (their grain), the residence-based shares down to NYKO-3.
      expect(Math.max(...year.map((c) => c.level)), id).toBe(id.endsWith("-boende") ? 3 : 2);
      for (const c of year.filter((x) => x.status === "value")) expect(c.value!, id).toBeGreaterThanOrEqual(0);
    }
    // The residence-based counts are people: small areas are suppressed, never shown.
    expect(delivery.cells.filter((c) => c.indicator === "natverk-boende" && c.status === "suppressed").length).toBeGreaterThan(0);
    // The year 2026 is not over: the survey's cell for it is missing, never 0.
    const later = delivery.cells.filter((c) => c.indicator === "otrygga-kvall" && c.period === "2026");
    for (const c of later) expect(c.status).toBe("missing");
  });

  it("leaves the approvals in the audit trail and one round in the round list", async () => {
    const audit = await request(s.app).get("/api/audit?limit=50").set(await s.as("admin"));
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain("review.approve");
    const rounds = await request(s.app).get("/api/deliveries/rounds").set(await s.as("huvudman"));
    expect(rounds.status).toBe(200);
    expect(rounds.body.rounds).toHaveLength(1);
  });
});
