// Double reporting on the server: matching on approval, the huvudman's API, audit, the short token window, and counting each
// incident once in cross-partner indicators (buildCube with the hook), twice in per-partner views and after overrule.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { buildCube } from "../../shared/indicators/cube";
import { builtinIndicator } from "../../shared/indicators/builtin";
import type { IndicatorDefinition } from "../../shared/indicators/schema";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { duplicateAwareCubeInput } from "../../sync-server/dedup/count-once";
import { purgeLinkTokens } from "../../sync-server/dedup/purge";
import { nykoRegisterAt } from "../../sync-server/registers/current";
import { listAudit } from "../../sync-server/audit/log";
import { makeServer, policeRecord, type TestServer } from "../helpers/server";
import { createCubeSource } from "../../sync-server/deliveries/cube-source";

const tok = (n: number) => n.toString(16).padStart(32, "0");

function policeFire(date: string, link: string[], over: Partial<DeidentifiedRecord> = {}): DeidentifiedRecord {
  return policeRecord(date, { categories: { brottskod: "1203", brottsbenamning: "Skadegörelse genom brand" }, link, ...over });
}

function rescueFire(date: string, link: string[], over: Partial<DeidentifiedRecord> = {}): DeidentifiedRecord {
  return {
    templateId: "raddningstjanst-insatser", templateVersion: 1, org: "brandforsvaret", date, hour: 14, period: null,
    categories: { handelsetyp: "Brand utomhus", anlagd: "Ja", miljo: "Offentlig utomhusmiljö" }, nyko: "111", measures: {}, link, ...over,
  };
}

async function submitAndApprove(s: TestServer, org: string, records: DeidentifiedRecord[], approve = true): Promise<string> {
  const body = { templateId: records[0].templateId, templateVersion: 1, idempotencyKey: `k-${Math.random().toString(36).slice(2)}`, records };
  const res = await request(s.app).post("/api/submissions").set(await s.as(org)).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.submission.id as string;
  if (approve) {
    // Superseding an approved half-month is confirmed explicitly (the test below supersedes one).
    const ok = await request(s.app).post(`/api/review/submissions/${id}/approve`).set(await s.as("huvudman")).send({ replaceApproved: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  }
  return id;
}

const fires = builtinIndicator("anlagda-brander")!;
const perPartner: IndicatorDefinition = { ...fires, id: "anlagda-brander-per-partner", crossPartner: false };

function municipalityTotal(s: TestServer, def: IndicatorDefinition): number {
  const { records, countOnce } = duplicateAwareCubeInput(s.db);
  const cube = buildCube(records, [def], nykoRegisterAt(s.db, "2026-03-20"), { countOnce, range: { from: "2026-03-01", to: "2026-03-15" } });
  const cell = cube.indicators[0].cells.find((c) => c.level === 0 && c.periodType === "halfmonth" && c.period === "2026-03-H1");
  return cell!.numerator;
}

describe("double reporting on the server", () => {
  it("pairs records of different organisations sharing a token when the second is approved", async () => {
    const s = makeServer();
    await submitAndApprove(s, "polisen", [policeFire("2026-03-10", [tok(1), tok(2)]), policeFire("2026-03-11", [tok(7)]), policeRecord("2026-03-10")]);
    expect((await request(s.app).get("/api/duplicates").set(await s.as("huvudman"))).body.total).toBe(0);
    await submitAndApprove(s, "brandforsvaret", [rescueFire("2026-03-10", [tok(2), tok(3)]), rescueFire("2026-03-12", [tok(9)])]);
    const res = await request(s.app).get("/api/duplicates?status=merged").set(await s.as("huvudman"));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const d = res.body.duplicates[0];
    expect(d.status).toBe("merged");
    expect(d.decidedBy).toBe("system");
    expect([d.a.org, d.b.org]).toEqual(["polisen", "brandforsvaret"]);
    expect(d.a).toMatchObject({ date: "2026-03-10", nyko: "111", categories: { brottskod: "1203" } });
    // Never tokens: not in the response, and no longer in the stored records once approved.
    expect(JSON.stringify(res.body)).not.toMatch(/[0-9a-f]{32}/);
    const stored = s.db.prepare("SELECT count(*) AS n FROM submission_records WHERE json_type(record, '$.link') IS NOT NULL").get() as { n: number };
    expect(stored.n).toBe(0);
    expect((s.db.prepare("SELECT count(*) AS n FROM link_tokens").get() as { n: number }).n).toBe(6);
    expect(listAudit(s.db, 0, 1000).filter((e) => e.action === "duplicate.match").map((e) => e.details)).toContainEqual(expect.objectContaining({ pairs: 1 }));
    // Actors may not see it.
    expect((await request(s.app).get("/api/duplicates").set(await s.as("polisen"))).status).toBe(403);
  });

  it("pairs each record at most once per other organisation, the one sharing most tokens", async () => {
    const s = makeServer();
    await submitAndApprove(s, "polisen", [policeFire("2026-03-10", [tok(1)]), policeFire("2026-03-10", [tok(1), tok(2)])]);
    await submitAndApprove(s, "brandforsvaret", [rescueFire("2026-03-10", [tok(1), tok(2)])]);
    const res = await request(s.app).get("/api/duplicates").set(await s.as("huvudman"));
    expect(res.body.total).toBe(1);
    expect(res.body.duplicates[0].a.row).toBe(1);
  });

  it("counts a merged pair once in a cross-partner indicator, twice per partner, and twice again after overrule", async () => {
    const s = makeServer();
    await submitAndApprove(s, "polisen", [policeFire("2026-03-10", [tok(1), tok(2)])]);
    await submitAndApprove(s, "brandforsvaret", [rescueFire("2026-03-10", [tok(2)]), rescueFire("2026-03-11", [tok(5)])]);
    expect(municipalityTotal(s, fires)).toBe(2);
    expect(municipalityTotal(s, perPartner)).toBe(3);

    const hv = await s.as("huvudman");
    const id = (await request(s.app).get("/api/duplicates").set(hv)).body.duplicates[0].id as number;
    expect((await request(s.app).post(`/api/duplicates/${id}/overrule`).set(hv).send({})).status).toBe(400);
    const over = await request(s.app).post(`/api/duplicates/${id}/overrule`).set(hv).send({ comment: "Två olika bränder." });
    expect(over.status).toBe(200);
    expect(over.body).toMatchObject({ status: "overruled", comment: "Två olika bränder." });
    expect(municipalityTotal(s, fires)).toBe(3);
    expect(municipalityTotal(s, perPartner)).toBe(3);
    expect((await request(s.app).post(`/api/duplicates/${id}/overrule`).set(hv).send({ comment: "igen" })).status).toBe(409);
    expect((await request(s.app).get("/api/duplicates?status=overruled").set(hv)).body.total).toBe(1);

    const back = await request(s.app).post(`/api/duplicates/${id}/restore`).set(hv).send({});
    expect(back.body.status).toBe("merged");
    expect(municipalityTotal(s, fires)).toBe(2);
    const actions = listAudit(s.db, 0, 1000).map((e) => e.action);
    expect(actions).toContain("duplicate.overrule");
    expect(actions).toContain("duplicate.restore");
    expect((await request(s.app).post("/api/duplicates/9999/restore").set(hv).send({})).status).toBe(404);
  });

  it("drops a pair from view when one record is superseded, and matches the new submission again", async () => {
    const s = makeServer();
    await submitAndApprove(s, "polisen", [policeFire("2026-03-10", [tok(1)])]);
    await submitAndApprove(s, "brandforsvaret", [rescueFire("2026-03-10", [tok(1)])]);
    const hv = await s.as("huvudman");
    expect((await request(s.app).get("/api/duplicates").set(hv)).body.total).toBe(1);
    s.clock.advance(60_000);
    await submitAndApprove(s, "polisen", [policeFire("2026-03-10", [tok(1)]), policeFire("2026-03-12", [tok(4)])]);
    const res = await request(s.app).get("/api/duplicates").set(hv);
    expect(res.body.total).toBe(1);
    expect(res.body.duplicates[0].b.org).toBe("polisen");
    expect(municipalityTotal(s, fires)).toBe(2);
  });

  it("purges tokens 45 days after the submission was received, in link_tokens and in records never approved", async () => {
    const s = makeServer(); // received 2026-03-20T09:00Z
    await submitAndApprove(s, "polisen", [policeFire("2026-03-10", [tok(1)]), policeFire("2025-03-16", [tok(2)])]);
    s.clock.advance(86_400_000);
    await submitAndApprove(s, "brandforsvaret", [rescueFire("2026-03-10", [tok(8)])], false);
    const count = () => (s.db.prepare("SELECT count(*) AS n FROM link_tokens").get() as { n: number }).n;
    const pendingLinks = () => (s.db.prepare("SELECT count(*) AS n FROM submission_records WHERE json_type(record, '$.link') IS NOT NULL").get() as { n: number }).n;
    // A year-old event received now keeps its tokens like a fresh one.
    expect(count()).toBe(2);
    expect(pendingLinks()).toBe(1);
    expect(purgeLinkTokens(s.db, new Date("2026-05-04T08:59:00Z"))).toEqual({ tokens: 0, records: 0 }); // received + 45 days
    expect(purgeLinkTokens(s.db, new Date("2026-05-04T09:00:01Z"))).toEqual({ tokens: 2, records: 0 });
    expect(count()).toBe(0);
    expect(pendingLinks()).toBe(1);
    expect(purgeLinkTokens(s.db, new Date("2026-05-05T09:00:01Z"))).toEqual({ tokens: 0, records: 1 });
    expect(pendingLinks()).toBe(0);
  });

  it("matches history loaded at once (old events) when partners load it within the window of each other", async () => {
    const s = makeServer();
    s.clock.set("2026-03-06T09:00:00Z");
    await submitAndApprove(s, "polisen", [policeFire("2025-01-10", [tok(1)])]);
    s.clock.advance(7 * 86_400_000); // sign-ins of a week ago are still valid only through a fresh login
    const hv = { Authorization: `Bearer ${await s.login("huvudman")}` };
    const body = { templateId: "raddningstjanst-insatser", templateVersion: 1, idempotencyKey: "k-late-history", records: [rescueFire("2025-01-10", [tok(1)])] };
    const sub = await request(s.app).post("/api/submissions").set({ Authorization: `Bearer ${await s.login("brandforsvaret")}` }).send(body);
    expect((await request(s.app).post(`/api/review/submissions/${sub.body.submission.id}/approve`).set(hv).send({})).status).toBe(200);
    expect((await request(s.app).get("/api/duplicates").set(hv)).body.total).toBe(1);
  });

  it("does not keep tokens of submissions approved after their window, nor match them", async () => {
    const s = makeServer();
    await submitAndApprove(s, "polisen", [policeFire("2026-03-10", [tok(1)])]);
    const late = await submitAndApprove(s, "brandforsvaret", [rescueFire("2026-03-10", [tok(1)])], false);
    s.clock.set("2026-06-01T09:00:00Z");
    const hv = { Authorization: `Bearer ${await s.login("huvudman")}` };
    expect((await request(s.app).post(`/api/review/submissions/${late}/approve`).set(hv).send({})).status).toBe(200);
    expect((s.db.prepare("SELECT count(*) AS n FROM link_tokens").get() as { n: number }).n).toBe(0);
    expect((await request(s.app).get("/api/duplicates").set(hv)).body.total).toBe(0);
  });

  it("the deliveries' cube counts a merged pair once and is rebuilt after the huvudman overrules it", async () => {
    const s = makeServer();
    await submitAndApprove(s, "polisen", [policeFire("2026-03-10", [tok(7)])]);
    await submitAndApprove(s, "brandforsvaret", [rescueFire("2026-03-10", [tok(7)])]);
    const source = createCubeSource(s.db);
    const range = { from: "2026-03-01", to: "2026-03-15", lastPeriod: "2026-03-H1" };
    const total = () => {
      const snap = source.get(range, new Date("2026-03-20T12:00:00Z"));
      const cell = snap.cube.get("anlagda-brander")!.cells.find((c) => c.level === 0 && c.periodType === "halfmonth" && c.period === "2026-03-H1");
      return cell!.value;
    };
    expect(total()).toBe(1);
    const hv = await s.as("huvudman");
    const id = (await request(s.app).get("/api/duplicates").set(hv)).body.duplicates[0].id as number;
    expect((await request(s.app).post(`/api/duplicates/${id}/overrule`).set(hv).send({ comment: "Olika händelser." })).status).toBe(200);
    expect(total()).toBe(2);
  });
});
