// Indicator definitions through the API (versioned, built-ins seeded, grain set by the huvudman, grain suggestion),
// completeness and timeliness, and the delivery command line reading a database file.
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import request from "supertest";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { deliverySchema } from "../../shared/protocol/delivery";
import { deliveryCommand } from "../../sync-server/cli/delivery";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, submitBody } from "../helpers/server";

describe("indicator definitions", () => {
  it("lists the built-ins, versions every change, and refuses invalid definitions", async () => {
    const s = makeServer();
    const huvudman = await s.as("huvudman");
    const list = await request(s.app).get("/api/indicators").set(await s.as("polisen"));
    expect(list.body.indicators.map((d: { id: string }) => d.id).sort()).toEqual(BUILTIN_INDICATORS.map((d) => d.id).sort());

    const grain = await request(s.app).put("/api/indicators/nastan-handelser/grain").set(huvudman).send({ level: 1, periodType: "quarter" });
    expect(grain.status).toBe(200);
    expect(grain.body).toMatchObject({ version: 2, grain: { level: 1, periodType: "quarter" } });
    const one = await request(s.app).get("/api/indicators/nastan-handelser").set(huvudman);
    expect(one.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(one.body.versions[0].definition.grain).not.toEqual({ level: 1, periodType: "quarter" });
    expect(one.body.grain).toEqual({ level: 1, periodType: "quarter" });

    const bad = await request(s.app).put("/api/indicators/ofullstandiga-betyg-ak9/grain").set(huvudman).send({ level: 3, periodType: "halfmonth" });
    expect(bad.status).toBe(400);
    const unknownTemplate = { ...BUILTIN_INDICATORS[0], id: "ny-indikator", numerator: { kind: "count", match: [{ templateId: "finns-inte", where: {} }] } };
    expect((await request(s.app).post("/api/indicators").set(huvudman).send({ definition: unknownTemplate })).status).toBe(400);
    const sliver = { ...BUILTIN_INDICATORS[0], id: "ny-indikator", periodTypes: ["year", "schoolyear"], grain: { level: 3, periodType: "year" } };
    expect((await request(s.app).post("/api/indicators").set(huvudman).send({ definition: sliver })).status).toBe(400);
    expect((await request(s.app).get("/api/indicators/finns-inte").set(huvudman)).status).toBe(404);
  });

  it("suggests a grain from the data", async () => {
    const s = makeServer();
    const counts = { "111": 1, "112": 2, "113": 1, "121": 1, "122": 2 };
    await submitApproved(s, [...vandalism("2026-02-05", counts), ...vandalism("2026-02-20", counts), ...vandalism("2026-03-05", counts)]);
    const res = await request(s.app).get("/api/indicators/skadegorelse-klotter/grain-suggestion").set(await s.as("huvudman"));
    expect(res.status).toBe(200);
    expect(res.body.grain).not.toEqual({ level: 3, periodType: "halfmonth" });
    expect(res.body.smallShareOfNonZero).toBeLessThanOrEqual(0.15);
    expect(res.body.current).toEqual({ level: 3, periodType: "halfmonth" });
  });
});

describe("completeness and timeliness", () => {
  it("per organisation and period: submitted, when, on time; and who is late", async () => {
    const s = makeServer({ start: "2026-03-12T09:00:00Z" });
    await submitApproved(s, vandalism("2026-02-20", { "111": 2 })); // 2026-02-H2 submitted 12 March, after its deadline (5 March 00:00)
    s.clock.set("2026-03-19T09:00:00Z");
    await submitApproved(s, vandalism("2026-03-05", { "111": 2 })); // 2026-03-H1 before its deadline (20 March 00:00)
    s.clock.set("2026-03-21T09:00:00Z");
    const res = await request(s.app).get("/api/completeness?from=2026-02-01").set(await s.as("huvudman"));
    expect(res.status).toBe(200);
    const row = (org: string, period: string) => res.body.rows.find((r: { org: string; period: string }) => r.org === org && r.period === period);
    expect(row("polisen", "2026-03-H1")).toMatchObject({ submitted: true, onTime: true, due: true, deadline: "2026-03-19T23:00:00.000Z" });
    expect(row("polisen", "2026-02-H2")).toMatchObject({ submitted: true, onTime: false, firstSubmittedAt: "2026-03-12T09:00:00.000Z" });
    expect(row("polisen", "2026-02-H1")).toMatchObject({ submitted: false, onTime: false });
    expect(row("brandforsvaret", "2026-03-H1")).toMatchObject({ submitted: false, onTime: false });
    // Monthly data (social services) is expected per month; March has not ended.
    expect(row("socialtjansten", "2026-02")).toMatchObject({ periodType: "month", submitted: false, due: true });
    expect(row("socialtjansten", "2026-03")).toBeUndefined();
    const late = res.body.late.map((r: { org: string; period: string }) => `${r.org} ${r.period}`);
    expect(late).toContain("brandforsvaret 2026-03-H1");
    expect(late).toContain("polisen 2026-02-H2");
    expect(late).not.toContain("polisen 2026-03-H1");
  });

  it("counts as reported what the deliveries count: approved or closed, never a submission waiting for review", async () => {
    const s = makeServer({ start: "2026-03-12T09:00:00Z" });
    const huvudman = await s.as("huvudman");
    // polisen sends 2026-02-H2 in time, but nobody approves it; brandforsvaret has nothing and the huvudman closes its half-month.
    s.clock.set("2026-03-02T09:00:00Z");
    const sent = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody(vandalism("2026-02-20", { "111": 2 })));
    expect(sent.status).toBe(201);
    s.clock.set("2026-03-12T09:00:00Z");
    expect((await request(s.app).post("/api/reporting/close").set(huvudman).send({ org: "brandforsvaret", from: "2026-02-H2" })).status).toBe(200);
    const res = await request(s.app).get("/api/completeness?from=2026-02-16&to=2026-02-28").set(huvudman);
    expect(res.status).toBe(200);
    const row = (org: string) => res.body.rows.find((r: { org: string; period: string }) => r.org === org && r.period === "2026-02-H2");
    expect(row("brandforsvaret")).toMatchObject({ submitted: false, reported: true, closed: true, onTime: true });
    expect(row("polisen")).toMatchObject({ submitted: true, reported: false, closed: false, onTime: false, firstSubmittedAt: "2026-03-02T09:00:00.000Z" });
    const late = res.body.late.map((r: { org: string }) => r.org);
    expect(late).not.toContain("brandforsvaret");
    expect(late).toContain("polisen");
    // Approved afterwards: reported, on time by when it was sent.
    expect((await request(s.app).post(`/api/review/submissions/${sent.body.submission.id}/approve`).set(huvudman).send({})).status).toBe(200);
    const after = await request(s.app).get("/api/completeness?from=2026-02-16&to=2026-02-28").set(huvudman);
    expect(after.body.rows.find((r: { org: string; period: string }) => r.org === "polisen" && r.period === "2026-02-H2")).toMatchObject({ reported: true, onTime: true });
    expect(after.body.late.map((r: { org: string }) => r.org)).not.toContain("polisen");
  });
});

describe("lagesbild delivery", () => {
  it("prints the latest delivery from a database file as JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lagesbild-delivery-"));
    const file = join(dir, "test.db");
    const s = makeServer();
    await submitApproved(s, vandalism("2026-03-05", { "111": 5, "121": 5 }));
    await grantAndSubscribe(s, "polisen");
    await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({}).expect(201);
    await s.db.backup(file);
    let printed = "";
    expect(await deliveryCommand(["--org", "polisen", "--json", "--db", file], (t) => (printed = t))).toBe(0);
    const d = deliverySchema.parse(JSON.parse(printed));
    expect(d).toMatchObject({ org: "polisen", number: 1, unsuppressed: false });
    expect(d.definitions[0].id).toBe("skadegorelse-klotter");
    expect(await deliveryCommand(["--org", "vaktbolaget", "--json", "--db", file], () => undefined)).toBe(1);
    expect(await deliveryCommand(["--org", "polisen", "--db", file], () => undefined)).toBe(2);

    // Through the API with the organisation's key.
    const key = await request(s.app).post("/api/keys").set(await s.as("polisen")).send({ org: "polisen", name: "cli" });
    const server = s.app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      let viaApi = "";
      expect(await deliveryCommand(["--org", "polisen", "--json", "--server", url, "--key", key.body.key], (t) => (viaApi = t))).toBe(0);
      expect(JSON.parse(viaApi)).toEqual(JSON.parse(printed));
      expect(await deliveryCommand(["--org", "kommunen", "--json", "--server", url, "--key", key.body.key], () => undefined)).toBe(3);
    } finally {
      server.close();
    }
  });
});
