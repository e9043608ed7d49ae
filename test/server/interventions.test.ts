// The register of interventions: create, edit as new versions, read the history, archive; refusals keep what is
// stored; the audit trail names ids, codes and areas but never the name or the description a user wrote.
import request from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, type TestServer } from "../helpers/server";

const MARK = "qzxinsats";
const body = (over: Record<string, unknown> = {}) => ({
  name: `Trygghetsvandring ${MARK}`,
  kind: "trygghetsvandring",
  orgs: ["polisen", "kommunen"],
  areas: ["111", "112"],
  startDate: "2026-01-01",
  endDate: "2026-06-30",
  description: `Kvällsvandringar med boende ${MARK}.`,
  indicators: ["skadegorelse-klotter"],
  ...over,
});

let s: TestServer;
beforeEach(() => {
  s = makeServer();
});
const count = () => (s.db.prepare("SELECT count(*) AS n FROM intervention_versions").get() as { n: number }).n;

describe("/api/interventions", () => {
  it("registers, edits as new versions with a readable history, and archives; each step is audited without free text", async () => {
    const police = await s.as("polisen");
    const created = await request(s.app).post("/api/interventions").set(police).send(body());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: "active", owner: "polisen", level: 3, areas: ["111", "112"], comparisonAreas: [], endDate: "2026-06-30" });
    const id = created.body.id as number;

    const edited = await request(s.app).put(`/api/interventions/${id}`).set(await s.as("huvudman")).send({ baseVersion: 1, intervention: body({ endDate: null, comparisonAreas: ["121"] }) });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, owner: "polisen", endDate: null, comparisonAreas: ["121"] });
    // An edit from a stale version is refused and stores nothing.
    const stale = await request(s.app).put(`/api/interventions/${id}`).set(police).send({ baseVersion: 1, intervention: body({ name: "Annat" }) });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe("conflict");
    expect(count()).toBe(2);

    const archived = await request(s.app).post(`/api/interventions/${id}/archive`).set(police).send({ baseVersion: 2 });
    expect(archived.body).toMatchObject({ version: 3, status: "archived", endDate: null });
    const history = await request(s.app).get(`/api/interventions/${id}/versions`).set(await s.as("vaktbolaget"));
    expect(history.body.versions.map((v: { version: number; status: string; endDate: string | null }) => [v.version, v.status, v.endDate])).toEqual([
      [1, "active", "2026-06-30"],
      [2, "active", null],
      [3, "archived", null],
    ]);
    const list = await request(s.app).get("/api/interventions").set(await s.as("vaktbolaget"));
    expect(list.body.interventions).toHaveLength(1);
    expect(list.body.interventions[0]).toMatchObject({ id, version: 3, status: "archived" });
    // A version never changes, even by hand.
    expect(() => s.db.prepare("UPDATE intervention_versions SET status = 'active'").run()).toThrow(/never changes/);

    const audit = s.db.prepare("SELECT action, details FROM audit_log WHERE action LIKE 'intervention.%' ORDER BY seq").all() as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(["intervention.create", "intervention.update", "intervention.archive"]);
    expect(JSON.parse(audit[0].details)).toMatchObject({ interventionId: id, version: 1, kind: "trygghetsvandring", areas: ["111", "112"] });
    const all = JSON.stringify(s.db.prepare("SELECT * FROM audit_log").all()).toLowerCase();
    expect(all).not.toContain(MARK);
    // …while the text is stored where it belongs.
    expect((s.db.prepare("SELECT count(*) AS n FROM intervention_versions WHERE content LIKE ?").get(`%${MARK}%`) as { n: number }).n).toBe(3);
  });

  it("refuses personal data in the name or description (422) and stores nothing", async () => {
    const hm = await s.as("huvudman");
    for (const over of [{ name: "Samtal med 19811218-9876" }, { description: "Kontakt: anna.svensson@example.se" }, { description: "Ring 070-123 45 67" }]) {
      const res = await request(s.app).post("/api/interventions").set(hm).send(body(over));
      expect(res.status).toBe(422);
      expect(res.body.reason).toBe("identifying-value");
    }
    expect(count()).toBe(0);
  });

  it("refuses unknown organisations, areas and indicators, mixed levels and a start after the end, naming the field", async () => {
    const hm = await s.as("huvudman");
    const cases: [Record<string, unknown>, string][] = [
      [{ orgs: ["okand"] }, "orgs.0"],
      [{ areas: ["999"] }, "areas.0"],
      [{ areas: ["111", "12"] }, "areas.1"],
      [{ areas: ["111", "111"] }, "areas.1"],
      [{ comparisonAreas: ["111"] }, "comparisonAreas.0"],
      [{ comparisonAreas: ["11"] }, "comparisonAreas.0"],
      [{ indicators: ["finns-inte"] }, "indicators.0"],
      [{ endDate: "2025-12-31" }, "endDate"],
      [{ kind: "hemlig" }, "kind"],
      [{ startDate: "2026-02-30" }, "startDate"],
    ];
    for (const [over, path] of cases) {
      const res = await request(s.app).post("/api/interventions").set(hm).send(body(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(count()).toBe(0);
  });

  it("a partner registers only interventions its own organisation carries out, and edits only its own", async () => {
    const guard = await s.as("vaktbolaget");
    const notOwn = await request(s.app).post("/api/interventions").set(guard).send(body({ orgs: ["polisen"] }));
    expect(notOwn.status).toBe(400);
    expect(notOwn.body.details.issues[0].path).toBe("orgs");
    const police = await request(s.app).post("/api/interventions").set(await s.as("polisen")).send(body());
    const edit = await request(s.app).put(`/api/interventions/${police.body.id}`).set(guard).send({ baseVersion: 1, intervention: body({ orgs: ["vaktbolaget"] }) });
    expect(edit.status).toBe(403);
    // The huvudman's own are owned by its organisation.
    const own = await request(s.app).post("/api/interventions").set(await s.as("huvudman")).send(body({ orgs: ["vaktbolaget"] }));
    expect(own.body.owner).toBe("kommunen");
    expect(count()).toBe(2);
  });

  it("evaluates on published cells only: the huvudman gets what readers got (never its unsuppressed view), a partner its own delivery", async () => {
    await grantAndSubscribe(s, "polisen");
    await submitApproved(s, vandalism("2026-03-05", { "111": 6, "112": 1, "121": 5 }));
    expect((await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({})).status).toBe(201);
    const id = (await request(s.app).post("/api/interventions").set(await s.as("polisen")).send(body())).body.id as number;
    const hm = await request(s.app).get(`/api/interventions/${id}/cells`).set(await s.as("huvudman"));
    expect(hm.status).toBe(200);
    const cell = (cells: { indicator: string; nyko: string | null; periodType: string; period: string; value: number | null; status?: string }[], nyko: string) =>
      cells.find((c) => c.indicator === "skadegorelse-klotter" && c.nyko === nyko && c.periodType === "halfmonth" && c.period === "2026-03-H1");
    // The count of 1 in 112 is suppressed in what readers got, and so for the evaluation; the unsuppressed view has it.
    expect(cell(hm.body.cells, "112")).toMatchObject({ value: null, status: "suppressed" });
    const unsuppressed = await request(s.app).get("/api/deliveries/latest?org=kommunen").set(await s.as("huvudman"));
    expect(unsuppressed.body.unsuppressed).toBe(true);
    expect(cell(unsuppressed.body.cells, "112")).toMatchObject({ value: 1 });
    expect(hm.body.cells.every((c: { indicator: string }) => c.indicator === "skadegorelse-klotter")).toBe(true);
    expect(hm.body.definitions.map((d: { id: string }) => d.id)).toEqual(["skadegorelse-klotter"]);
    const police = await request(s.app).get(`/api/interventions/${id}/cells`).set(await s.as("polisen"));
    const own = await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"));
    expect(police.body.cells).toEqual(own.body.cells.filter((c: { indicator: string }) => c.indicator === "skadegorelse-klotter"));
    // A partner without a delivery gets no cells, and admin reads no figures.
    expect((await request(s.app).get(`/api/interventions/${id}/cells`).set(await s.as("vaktbolaget"))).body.cells).toEqual([]);
    expect((await request(s.app).get(`/api/interventions/${id}/cells`).set(await s.as("admin"))).status).toBe(403);
  });

  it("an unknown intervention is 404", async () => {
    const hm = await s.as("huvudman");
    expect((await request(s.app).get("/api/interventions/999").set(hm)).status).toBe(404);
    expect((await request(s.app).get("/api/interventions/999/versions").set(hm)).status).toBe(404);
    expect((await request(s.app).put("/api/interventions/999").set(hm).send({ baseVersion: 1, intervention: body() })).status).toBe(404);
  });
});
