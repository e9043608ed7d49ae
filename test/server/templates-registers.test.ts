import request from "supertest";
import { describe, expect, it } from "vitest";
import { builtinTemplate } from "../../shared/templates/builtin";
import { makeServer } from "../helpers/server";

describe("templates", () => {
  it("admins publish N+1 only; versions are immutable and older stay readable", async () => {
    const s = makeServer();
    const admin = await s.as("admin");
    const v1 = builtinTemplate("polis-anmalningar")!;
    const v2 = { ...v1, version: 2, title: "Polisen v2" };
    const again1 = await request(s.app).post("/api/templates").set(admin).send({ template: { ...v1, title: "ändrad" } });
    expect([again1.status, again1.body.reason]).toEqual([409, "template-immutable"]);
    const skip = await request(s.app).post("/api/templates").set(admin).send({ template: { ...v1, version: 3 } });
    expect(skip.status).toBe(409);
    const ok = await request(s.app).post("/api/templates").set(admin).send({ template: v2 });
    expect(ok.status).toBe(201);
    expect((await request(s.app).get("/api/templates/polis-anmalningar/1").set(admin)).body.template.title).toBe(v1.title);
    expect((await request(s.app).get("/api/templates/polis-anmalningar/2").set(await s.as("polisen"))).body.template.title).toBe("Polisen v2");
    expect(() => s.db.prepare("UPDATE templates SET json = '{}' WHERE id = 'polis-anmalningar' AND version = 1").run()).toThrow(/template-immutable/);
    expect(() => s.db.prepare("DELETE FROM templates").run()).toThrow(/template-immutable/);
  });

  it("refuses a new version identical to the latest with template-unchanged and a Swedish message", async () => {
    const s = makeServer();
    const admin = await s.as("admin");
    const v1 = builtinTemplate("polis-anmalningar")!;
    const same = await request(s.app).post("/api/templates").set(admin).send({ template: { ...v1, version: 2 } });
    expect([same.status, same.body.reason]).toEqual([409, "template-unchanged"]);
    expect(same.body.details.message).toBe("Version 2 av polis-anmalningar är likadan som version 1; ingen ny version publicerades. Ändra mallbladet först.");
    expect((await request(s.app).get("/api/templates/polis-anmalningar/2").set(admin)).status).toBe(404);
    const changed = await request(s.app).post("/api/templates").set(admin).send({ template: { ...v1, version: 2, title: "Polisen v2" } });
    expect(changed.status).toBe(201);
  });

  it("retiring: today or later, movable and undoable until the date, then final; every change audited", async () => {
    const s = makeServer(); // 2026-03-20 10:00 in Stockholm
    const admin = await s.as("admin");
    const retire = (from: string | null) => request(s.app).post("/api/templates/polis-anmalningar/versions/1/retire").set(admin).send({ from });
    const past = await retire("2026-03-19");
    expect([past.status, past.body.reason]).toEqual([422, "template-retire-date"]);
    expect(past.body.details.message).toBe("Avvecklingsdatumet 2026-03-19 ligger bakåt i tiden. Välj 2026-03-20 eller ett senare datum.");
    expect((await retire("2026-04-19")).body.retiredFrom).toBe("2026-04-19");
    expect((await retire("2026-05-01")).body.retiredFrom).toBe("2026-05-01");
    const undone = await retire(null);
    expect([undone.status, undone.body.retiredFrom]).toEqual([200, null]);
    const polisen = await s.as("polisen");
    expect((await request(s.app).get("/api/templates").set(polisen)).body.templates.find((t: { template: { id: string } }) => t.template.id === "polis-anmalningar").retiredFrom).toBeNull();

    expect((await retire("2026-03-21")).status).toBe(200);
    s.clock.set("2026-03-20T23:00:00Z"); // midnight in Stockholm: the 21st has come
    const late = await request(s.app).post("/api/templates/polis-anmalningar/versions/1/retire").set({ Authorization: `Bearer ${await s.login("admin")}` }).send({ from: null });
    expect([late.status, late.body.reason]).toEqual([409, "template-retirement-final"]);
    expect(late.body.details.retiredFrom).toBe("2026-03-21");

    const audit = s.db.prepare("SELECT action, details FROM audit_log WHERE action LIKE 'template.%retire' ORDER BY seq").all() as { action: string; details: string }[];
    expect(audit.map((a) => [a.action, JSON.parse(a.details).from, JSON.parse(a.details).before])).toEqual([
      ["template.retire", "2026-04-19", null],
      ["template.retire", "2026-05-01", "2026-04-19"],
      ["template.unretire", null, "2026-05-01"],
      ["template.retire", "2026-03-21", null],
    ]);
  });

  it("refuses an invalid template with the schema's issues", async () => {
    const s = makeServer();
    const bad = { ...builtinTemplate("polis-anmalningar")!, id: "ny-mall", version: 1, columns: [{ key: "fritext", header: "Fritext", type: "text", role: "kept" }] };
    const res = await request(s.app).post("/api/templates").set(await s.as("admin")).send({ template: bad });
    expect([res.status, res.body.reason]).toEqual([400, "validation-failed"]);
    expect(JSON.stringify(res.body.details.issues)).toMatch(/closed types/);
  });

  it("assignment decides which organisations may use a template", async () => {
    const s = makeServer();
    const vakt = await s.as("vaktbolaget");
    expect((await request(s.app).get("/api/templates/polis-anmalningar/1").set(vakt)).status).toBe(404);
    await request(s.app).post("/api/templates/polis-anmalningar/assignments").set(await s.as("admin")).send({ org: "vaktbolaget" });
    expect((await request(s.app).get("/api/templates/polis-anmalningar/1").set(vakt)).status).toBe(200);
    await request(s.app).delete("/api/templates/polis-anmalningar/assignments/vaktbolaget").set(await s.as("admin"));
    expect((await request(s.app).get("/api/templates/polis-anmalningar/1").set(vakt)).status).toBe(404);
  });

  it("serves the blank workbook as xlsx", async () => {
    const s = makeServer();
    const res = await request(s.app).get("/api/templates/skola-betyg-ak9/1/blank.xlsx").set(await s.as("utbildningskontoret")).buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect((res.body as Buffer).subarray(0, 2).toString()).toBe("PK");
  });
});

describe("registers", () => {
  it("population: the latest year stands in for later years and says so", async () => {
    const s = makeServer();
    const hm = await s.as("huvudman");
    const same = await request(s.app).get("/api/registers/population/2025").set(hm);
    expect(same.body).toMatchObject({ requestedYear: 2025, year: 2025, standIn: false, note: null });
    expect(same.body.rows.length).toBe(38);
    const later = await request(s.app).get("/api/registers/population/2027").set(hm);
    expect(later.body).toMatchObject({ requestedYear: 2027, year: 2025, standIn: true });
    expect(later.body.note).toMatch(/2025 används/);
    expect((await request(s.app).get("/api/registers/population/2010").set(hm)).status).toBe(404);
  });

  it("NYKO areas have dated versions: a later version applies from its date", async () => {
    const s = makeServer();
    const admin = await s.as("admin");
    const csv = "nyko;niva;namn;overordnad\n1;1;Hela staden;\n11;2;Mitt;1\n111;3;Kärnan;11\n";
    const res = await request(s.app).post("/api/registers/nyko-areas").set(admin).send({ validFrom: "2026-07-01", format: "csv", payload: csv });
    expect(res.status).toBe(201);
    const before = await request(s.app).get("/api/registers/nyko-areas?at=2026-06-30").set(admin);
    const after = await request(s.app).get("/api/registers/nyko-areas?at=2026-07-01").set(admin);
    expect(before.body.areas.length).toBe(61);
    expect(after.body.areas.length).toBe(3);
    expect(after.body.validFrom).toBe("2026-07-01");
    const list = await request(s.app).get("/api/registers").set(admin);
    expect(list.body.registers.filter((r: { kind: string }) => r.kind === "nyko-areas").length).toBe(2);
  });

  it("refuses a broken register file with the loader's issues and stores nothing", async () => {
    const s = makeServer();
    const res = await request(s.app).post("/api/registers/nyko-areas").set(await s.as("admin")).send({ validFrom: "2026-07-01", format: "csv", payload: "a;b\n1;2\n" });
    expect([res.status, res.body.reason]).toEqual([422, "validation-failed"]);
    expect(s.db.prepare("SELECT count(*) AS n FROM registers WHERE kind = 'nyko-areas'").get()).toEqual({ n: 1 });
  });
});

describe("openapi", () => {
  it("is generated from the zod contracts and lists every route", async () => {
    const s = makeServer();
    const res = await request(s.app).get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.0.3");
    const submit = res.body.paths["/api/submissions"].post;
    expect(Object.keys(submit.requestBody.content["application/json"].schema.properties)).toEqual(
      expect.arrayContaining(["templateId", "templateVersion", "idempotencyKey", "records", "part"]),
    );
    expect(res.body.paths["/api/review/submissions/{id}/approve"].post).toBeTruthy();
  });
});
