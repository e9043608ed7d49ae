import request from "supertest";
import { describe, expect, it } from "vitest";
import { effectiveRecords } from "../../sync-server/stores/submissions";
import { verifyAuditChain } from "../../sync-server/audit/log";
import { makeServer, policeRecord, submitBody } from "../helpers/server";

describe("submissions", () => {
  it("stores a valid submission with its half-months and counts, pending", async () => {
    const s = makeServer();
    const records = [policeRecord("2026-03-02"), policeRecord("2026-03-16", { nyko: null }), policeRecord("2026-02-28")];
    const res = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody(records));
    expect(res.status).toBe(201);
    const sub = res.body.submission;
    expect(sub.status).toBe("pending");
    expect(sub.counts).toEqual({ rows: 3, located: 2, unlocated: 1 });
    expect(sub.periods.map((p: { period: string }) => p.period)).toEqual(["2026-02-H2", "2026-03-H1", "2026-03-H2"]);
    expect(sub.warnings[0]).toMatchObject({ code: "unlocated", rows: [1] });
    const rows = await request(s.app).get(`/api/submissions/${sub.id}/records`).set(await s.as("polisen"));
    expect(rows.body.records.map((r: { record: { date: string } }) => r.record.date)).toEqual(["2026-03-02", "2026-03-16", "2026-02-28"]);
  });

  it("refuses an identifying value naming row and field, and stores nothing", async () => {
    const s = makeServer();
    const bad = { ...policeRecord("2026-03-02"), categories: { brottskod: "1201", brottsbenamning: "19121212-1212" } };
    const res = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody([policeRecord("2026-03-01"), bad]));
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe("identifying-value");
    expect(res.body.details.issues).toContainEqual(expect.objectContaining({ row: 1, field: "categories.brottsbenamning", code: "identifying-value" }));
    expect(s.db.prepare("SELECT count(*) AS n FROM submissions").get()).toEqual({ n: 0 });
    expect(s.db.prepare("SELECT count(*) AS n FROM submission_records").get()).toEqual({ n: 0 });
  });

  it("refuses an extra field (e.g. an address) on a record", async () => {
    const s = makeServer();
    const bad = { ...policeRecord("2026-03-02"), brottsplats: "Storgatan 1" };
    const res = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody([bad]));
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe("identifying-value");
    expect(res.body.details.issues[0]).toMatchObject({ row: 0, field: "brottsplats" });
  });

  it("refuses a NYKO code finer than level 3 (none in the demo register) and unknown codes", async () => {
    const s = makeServer();
    const res = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody([policeRecord("2026-03-02", { nyko: "1111" })]));
    expect(res.status).toBe(422);
    expect(res.body.details.issues[0]).toMatchObject({ row: 0, field: "nyko" });
  });

  it("is idempotent: a retry with the same key returns the first result and stores one copy", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const body = submitBody([policeRecord("2026-03-02")], "same-key-123");
    const a = await request(s.app).post("/api/submissions").set(h).send(body);
    const b = await request(s.app).post("/api/submissions").set(h).send(body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body.replay).toBe(true);
    expect(b.body.submission.id).toBe(a.body.submission.id);
    expect(s.db.prepare("SELECT count(*) AS n FROM submissions").get()).toEqual({ n: 1 });
  });

  it("refuses records of another organisation and templates not assigned to the caller", async () => {
    const s = makeServer();
    const foreign = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody([policeRecord("2026-03-02", { org: "vaktbolaget" })]));
    expect(foreign.status).toBe(422);
    expect(foreign.body.details.issues[0]).toMatchObject({ field: "org" });
    const notMine = await request(s.app).post("/api/submissions").set(await s.as("vaktbolaget")).send(submitBody([policeRecord("2026-03-02", { org: "vaktbolaget" })]));
    expect(notMine.status).toBe(404);
    expect(notMine.body.reason).toBe("template-unknown");
  });

  it("refuses a retired template version from its date with a Swedish message", async () => {
    const s = makeServer();
    const admin = await s.as("admin");
    expect((await request(s.app).post("/api/templates/polis-anmalningar/1/retire").set(admin).send({ from: "2026-04-01" })).status).toBe(200);
    const before = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody([policeRecord("2026-03-02")]));
    expect(before.status).toBe(201);
    s.clock.set("2026-04-01T08:00:00Z");
    const after = await request(s.app).post("/api/submissions").set({ Authorization: `Bearer ${await s.login("polisen")}` }).send(submitBody([policeRecord("2026-03-02")]));
    expect(after.status).toBe(422);
    expect(after.body.reason).toBe("template-retired");
    expect(after.body.details.message).toMatch(/används inte längre sedan 2026-04-01/);
  });

  it("chunked upload: parts are staged and committed together on the last part; a retry stores nothing twice", async () => {
    const s = makeServer();
    s.clock.set("2026-04-01T09:00:00Z"); // every date of the parts lies in the past
    const h = await s.as("polisen");
    const key = "chunked-key-1";
    const parts = [0, 1, 2].map((i) => Array.from({ length: 50 }, (_, j) => policeRecord(`2026-0${i + 1}-${String((j % 28) + 1).padStart(2, "0")}`)));
    const send = (i: number) =>
      request(s.app).post("/api/submissions").set(h).send({ ...submitBody(parts[i], key), part: { uploadId: "upload-abc-1", index: i, count: 3 } });
    expect((await send(2)).status).toBe(202);
    expect((await send(0)).status).toBe(202);
    expect(s.db.prepare("SELECT count(*) AS n FROM submissions WHERE status <> 'uploading'").get()).toEqual({ n: 0 });
    const last = await send(1);
    expect(last.status).toBe(201);
    expect(last.body.submission.counts.rows).toBe(150);
    const stored = s.db.prepare("SELECT record FROM submission_records ORDER BY row_index").all() as { record: string }[];
    expect(JSON.parse(stored[0].record).date.slice(0, 7)).toBe("2026-01");
    expect(JSON.parse(stored[149].record).date.slice(0, 7)).toBe("2026-03");
    expect((await send(1)).body.replay).toBe(true);
    expect(s.db.prepare("SELECT count(*) AS n FROM submission_records").get()).toEqual({ n: 150 });
    expect(s.db.prepare("SELECT count(*) AS n FROM upload_parts").get()).toEqual({ n: 0 });
  });

  it("a refused part stores nothing and names the part", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const bad = [policeRecord("2026-03-02", { categories: { brottskod: "1201", brottsbenamning: "ring 070-123 45 67" } })];
    const res = await request(s.app).post("/api/submissions").set(h).send({ ...submitBody(bad, "k-part-bad"), part: { uploadId: "upload-bad-1", index: 0, count: 2 } });
    expect(res.status).toBe(422);
    expect(res.body.details.part).toBe(0);
    expect(s.db.prepare("SELECT count(*) AS n FROM upload_parts").get()).toEqual({ n: 0 });
  });

  it("approval supersedes exactly the half-months the new submission covers; nothing is deleted", async () => {
    const s = makeServer();
    s.clock.set("2026-03-31T09:00:00Z"); // 2026-03-25 below lies in the past
    const actor = await s.as("polisen");
    const hm = await s.as("huvudman");
    const first = await request(s.app).post("/api/submissions").set(actor).send(submitBody([policeRecord("2026-03-02"), policeRecord("2026-03-20")]));
    await request(s.app).post(`/api/review/submissions/${first.body.submission.id}/approve`).set(hm).send({});
    s.clock.advance(60_000);
    const second = await request(s.app).post("/api/submissions").set(actor).send(submitBody([policeRecord("2026-03-03"), policeRecord("2026-03-04")]));
    expect([...effectiveRecords(s.db)].map((r) => r.date)).toEqual(["2026-03-02", "2026-03-20"]);
    const ap = await request(s.app).post(`/api/review/submissions/${second.body.submission.id}/approve`).set(hm).send({ comment: "ok", replaceApproved: true });
    expect(ap.body.status).toBe("approved");
    expect([...effectiveRecords(s.db)].map((r) => r.date).sort()).toEqual(["2026-03-03", "2026-03-04", "2026-03-20"]);
    const old = await request(s.app).get(`/api/submissions/${first.body.submission.id}`).set(actor);
    expect(old.body.status).toBe("approved");
    expect(old.body.periods).toEqual([
      { period: "2026-03-H1", rows: 1, supersededBy: second.body.submission.id },
      { period: "2026-03-H2", rows: 1, supersededBy: null },
    ]);
    // A third covering H2 too makes the first wholly superseded, still visible.
    s.clock.advance(60_000);
    const third = await request(s.app).post("/api/submissions").set(actor).send(submitBody([policeRecord("2026-03-25")]));
    await request(s.app).post(`/api/review/submissions/${third.body.submission.id}/approve`).set(hm).send({ replaceApproved: true });
    expect((await request(s.app).get(`/api/submissions/${first.body.submission.id}`).set(actor)).body.status).toBe("superseded");
    expect(s.db.prepare("SELECT count(*) AS n FROM submission_records").get()).toEqual({ n: 5 });
    expect(verifyAuditChain(s.db).ok).toBe(true);
  });

  it("an approval that would replace approved half-months is listed with the counts, refused (409) without the flag, and audited with it", async () => {
    const s = makeServer();
    const actor = await s.as("polisen");
    const hm = await s.as("huvudman");
    const big = Array.from({ length: 9 }, (_, i) => policeRecord(`2025-01-0${(i % 9) + 1}`));
    const first = await request(s.app).post("/api/submissions").set(actor).send(submitBody([...big, policeRecord("2025-01-20")]));
    // Nothing approved yet: nothing would be replaced.
    expect((await request(s.app).get(`/api/review/submissions/${first.body.submission.id}`).set(hm)).body.replaces).toEqual([]);
    expect((await request(s.app).post(`/api/review/submissions/${first.body.submission.id}/approve`).set(hm).send({})).status).toBe(200);
    s.clock.advance(60_000);
    const small = await request(s.app).post("/api/submissions").set(actor).send(submitBody([policeRecord("2025-01-02"), policeRecord("2025-01-03"), policeRecord("2025-02-03")]));
    const id = small.body.submission.id as string;

    // The review list says which half-months would be replaced, with the counts.
    const queue = await request(s.app).get("/api/review/submissions").query({ status: "pending" }).set(hm);
    expect(queue.body.submissions.find((x: { id: string }) => x.id === id).replaces).toEqual([
      { period: "2025-01-H1", approvedSubmission: first.body.submission.id, approvedRows: 9, newRows: 2 },
    ]);

    // Without the flag: 409 naming the half-months and counts; nothing changes.
    const refused = await request(s.app).post(`/api/review/submissions/${id}/approve`).set(hm).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe("approval-replaces-approved");
    expect(refused.body.details.replaces).toEqual([{ period: "2025-01-H1", approvedSubmission: first.body.submission.id, approvedRows: 9, newRows: 2 }]);
    expect((await request(s.app).get(`/api/submissions/${id}`).set(actor)).body.status).toBe("pending");
    expect([...effectiveRecords(s.db)]).toHaveLength(10);

    // With the flag: approved, the half-month replaced, and the replacement with its counts in the audit trail.
    const ok = await request(s.app).post(`/api/review/submissions/${id}/approve`).set(hm).send({ replaceApproved: true, comment: "Rättad fil" });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("approved");
    expect(ok.body.replaces).toBeUndefined();
    expect([...effectiveRecords(s.db)].map((r) => r.date).sort()).toEqual(["2025-01-02", "2025-01-03", "2025-01-20", "2025-02-03"]);
    const audit = s.db.prepare("SELECT details FROM audit_log WHERE action = 'review.approve' ORDER BY rowid DESC LIMIT 1").get() as { details: string };
    const details = JSON.parse(audit.details) as Record<string, unknown>;
    expect(details.replaced).toEqual([{ period: "2025-01-H1", approvedSubmission: first.body.submission.id, approvedRows: 9, newRows: 2 }]);
    expect(audit.details).not.toContain("Rättad fil");
    expect(verifyAuditChain(s.db).ok).toBe(true);
  });

  it("returned submissions carry the comment to the actor, and decided submissions are locked", async () => {
    const s = makeServer();
    const actor = await s.as("polisen");
    const hm = await s.as("huvudman");
    const sub = (await request(s.app).post("/api/submissions").set(actor).send(submitBody([policeRecord("2026-03-02")]))).body.submission;
    const ret = await request(s.app).post(`/api/review/submissions/${sub.id}/return`).set(hm).send({ comment: "Fel månad, skicka om." });
    expect(ret.status).toBe(200);
    const seen = await request(s.app).get(`/api/submissions/${sub.id}`).set(actor);
    expect(seen.body).toMatchObject({ status: "returned", comment: "Fel månad, skicka om." });
    const again = await request(s.app).post(`/api/review/submissions/${sub.id}/approve`).set(hm).send({});
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe("submission-locked");
    expect([...effectiveRecords(s.db)]).toEqual([]);
  });

  it("aggregate rows cover every half-month of their month", async () => {
    const s = makeServer();
    const rec = { templateId: "socialtjanst-orosanmalningar", templateVersion: 1, org: "socialtjansten", date: null, hour: null, period: "2026-02", categories: {}, nyko: "111", measures: { orosanmalningar: 3, barn_0_17: 600 } };
    const res = await request(s.app).post("/api/submissions").set(await s.as("socialtjansten")).send({ templateId: "socialtjanst-orosanmalningar", templateVersion: 1, idempotencyKey: "soc-key-0001", records: [rec] });
    expect(res.status).toBe(201);
    expect(res.body.submission.periods.map((p: { period: string }) => p.period)).toEqual(["2026-02-H1", "2026-02-H2"]);
  });

  it("the review queue filters by status, organisation, template and period", async () => {
    const s = makeServer();
    const hm = await s.as("huvudman");
    await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody([policeRecord("2026-01-05")]));
    await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody([policeRecord("2026-03-05")]));
    const q = (qs: string) => request(s.app).get(`/api/review/submissions?${qs}`).set(hm);
    expect((await q("")).body.total).toBe(2);
    expect((await q("period=2026-03")).body.total).toBe(1);
    expect((await q("period=2026-01-H1")).body.total).toBe(1);
    expect((await q("period=2026-01-H2")).body.total).toBe(0);
    expect((await q("org=polisen&templateId=polis-anmalningar&status=pending")).body.total).toBe(2);
    expect((await q("org=vaktbolaget")).body.total).toBe(0);
    expect((await q("status=bogus")).status).toBe(400);
  });
});
