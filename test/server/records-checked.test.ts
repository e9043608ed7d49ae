// Every record is checked against its template on the server (422 naming row and field, never 500), every query
// parameter is validated (400), an idempotency key binds its content, and staged uploads expire and are capped.
import fc from "fast-check";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../sync-server/app";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { makeServer, policeRecord, submitBody } from "../helpers/server";

const social = (period: string, measures: Record<string, number>): DeidentifiedRecord => ({
  templateId: "socialtjanst-orosanmalningar", templateVersion: 1, org: "socialtjansten", date: null, hour: null, period, categories: {}, nyko: "111", measures,
});
const socialBody = (records: unknown[], key = `key-${Math.random().toString(36).slice(2, 12)}`) => ({ templateId: "socialtjanst-orosanmalningar", templateVersion: 1, idempotencyKey: key, records });
const count = (s: ReturnType<typeof makeServer>, table: string) => (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("records are checked against their template", () => {
  it("refuses impossible, early and future dates with 422 naming row and field; stores nothing", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const before = count(s, "submissions");
    for (const date of ["2026-02-31", "2026-13-45", "0000-00-00", "1800-01-01", "9999-12-31", "2015-01-05", "2026-04-01"]) {
      const res = await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("2026-03-02"), policeRecord(date)]));
      expect({ date, status: res.status }).toEqual({ date, status: 422 });
      expect(res.body.details.issues[0]).toMatchObject({ row: 1, field: "date" });
    }
    expect(count(s, "submissions")).toBe(before);
  });

  it("the earliest date can be configured", async () => {
    const s = makeServer({ config: { earliestRecordDate: "2026-01-01" } });
    const h = await s.as("polisen");
    const res = await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("2025-12-31")]));
    expect(res.status).toBe(422);
    expect(res.body.details.issues[0].message).toMatch(/2026-01-01/);
    expect((await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("2026-01-01")]))).status).toBe(201);
  });

  it("refuses wrong period kinds, date and period together, bad measures and numerator above denominator", async () => {
    const s = makeServer();
    const h = await s.as("socialtjansten");
    const cases: [DeidentifiedRecord, string][] = [
      [social("2025/26", { orosanmalningar: 1, barn_0_17: 10 }), "period"],
      [social("0000-01", { orosanmalningar: 1, barn_0_17: 10 }), "period"],
      [{ ...social("2026-02", { orosanmalningar: 1, barn_0_17: 10 }), date: "2026-02-03" }, "date"],
      [social("2026-02", { orosanmalningar: 1e308, barn_0_17: 10 }), "measures.orosanmalningar"],
      [social("2026-02", { orosanmalningar: -5, barn_0_17: 10 }), "measures.orosanmalningar"],
      [social("2026-02", { orosanmalningar: 0.37, barn_0_17: 10 }), "measures.orosanmalningar"],
      [social("2026-02", { orosanmalningar: 11, barn_0_17: 10 }), "measures.orosanmalningar"],
      [social("2026-02", { orosanmalningar: 1 }), "measures.barn_0_17"],
    ];
    for (const [record, field] of cases) {
      const res = await request(s.app).post("/api/submissions").set(h).send(socialBody([record]));
      expect({ field, status: res.status }).toEqual({ field, status: 422 });
      expect(res.body.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect((await request(s.app).post("/api/submissions").set(h).send(socialBody([social("2026-02", { orosanmalningar: 10, barn_0_17: 10 })]))).status).toBe(201);
  });

  it("refuses link tokens on a row without a link class and a missing required category", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const link = await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("2026-03-02", { link: ["0123456789abcdef0123456789abcdef"] })]));
    expect(link.status).toBe(422);
    expect(link.body.details.issues[0].field).toBe("link");
    const missing = await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("2026-03-02", { categories: { brottsbenamning: "Stöld" } })]));
    expect(missing.status).toBe(422);
    expect(missing.body.details.issues[0].field).toBe("categories.brottskod");
  });

  it("property: a random record is stored exactly when the shared rules accept it", async () => {
    const s = makeServer();
    const h = await s.as("socialtjansten");
    const value = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: -10, max: -1 }), fc.double({ min: 0, max: 100, noNaN: true }));
    const period = fc.oneof(fc.constantFrom("2026-02", "2026-03", "2026-04", "2019-12", "2020-01", "2025/26", "0000-01", "2026-13"));
    await fc.assert(
      fc.asyncProperty(period, value, value, async (p, num, den) => {
        const res = await request(s.app).post("/api/submissions").set(h).send(socialBody([social(p, { orosanmalningar: num, barn_0_17: den })]));
        const valid = ["2026-02", "2026-03", "2020-01"].includes(p) && Number.isInteger(num) && Number.isInteger(den) && num >= 0 && den <= 1_000_000 && num <= den;
        expect({ p, num, den, status: res.status }).toEqual({ p, num, den, status: valid ? 201 : 422 });
      }),
      { numRuns: 60 },
    );
  });
});

describe("query parameters", () => {
  it("answer 400, never 500, for impossible dates and periods", async () => {
    const s = makeServer();
    const hm = await s.as("huvudman");
    for (const path of [
      "/api/submissions?period=2026-13", "/api/submissions?period=0000-00", "/api/submissions?limit=-1", "/api/completeness?from=2026-02-31",
      "/api/completeness?to=2026-13-45", "/api/registers/nyko-areas?at=0000-00-00",
    ]) {
      const res = await request(s.app).get(path).set(hm);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
    expect((await request(s.app).get("/api/submissions?period=2026-03").set(hm)).status).toBe(200);
  });
});

describe("idempotency keys bind content", () => {
  it("a key reused with other content gets 409; the same content replays", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const first = await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("2026-03-02")], "bound-key-1"));
    expect(first.status).toBe(201);
    const same = await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("2026-03-02")], "bound-key-1"));
    expect(same.status).toBe(200);
    expect(same.body.replay).toBe(true);
    const other = await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("2026-03-03")], "bound-key-1"));
    expect(other.status).toBe(409);
    expect(other.body.reason).toBe("idempotency-conflict");
  });

  it("a staged part resent with other content, or a committed part replayed with other content, gets 409", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const send = (i: number, date: string) =>
      request(s.app).post("/api/submissions").set(h).send({ ...submitBody([policeRecord(date)], "bound-parts-1"), part: { uploadId: "upload-bound-1", index: i, count: 2 } });
    expect((await send(0, "2026-03-02")).status).toBe(202);
    expect((await send(0, "2026-03-02")).status).toBe(202);
    expect((await send(0, "2026-03-05")).status).toBe(409);
    expect((await send(1, "2026-03-06")).status).toBe(201);
    expect((await send(1, "2026-03-06")).body.replay).toBe(true);
    const changed = await send(1, "2026-03-07");
    expect(changed.status).toBe(409);
    expect(changed.body.reason).toBe("idempotency-conflict");
  });
});

describe("streamed uploads: parts sent while the sheet is read, the key with the last part", () => {
  const streamed = (uploadId: string, index: number, date: string, last?: { key: string; count: number }) => ({
    templateId: "polis-anmalningar", templateVersion: 1, records: [policeRecord(date)],
    ...(last ? { idempotencyKey: last.key, part: { uploadId, index, count: last.count } } : { part: { uploadId, index } }),
  });

  it("stages earlier parts without key or count and commits them all when the last part brings the key", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const first = await request(s.app).post("/api/submissions").set(h).send(streamed("stream-up-1", 0, "2026-03-02"));
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ status: "part-received", uploadId: "stream-up-1", received: 1 });
    expect((await request(s.app).post("/api/submissions").set(h).send(streamed("stream-up-1", 1, "2026-03-03"))).status).toBe(202);
    const last = await request(s.app).post("/api/submissions").set(h).send(streamed("stream-up-1", 2, "2026-03-04", { key: "stream-key-1", count: 3 }));
    expect(last.status).toBe(201);
    expect(last.body.submission.counts.rows).toBe(3);
    expect(last.body.submission.idempotencyKey).toBe("stream-key-1");
    expect(count(s, "upload_parts")).toBe(0);
  });

  it("binds the key to the whole content: the same content again replays, other content in an earlier part gets 409", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const upload = async (uploadId: string, firstDate: string) => {
      await request(s.app).post("/api/submissions").set(h).send(streamed(uploadId, 0, firstDate));
      return request(s.app).post("/api/submissions").set(h).send(streamed(uploadId, 1, "2026-03-04", { key: "stream-key-2", count: 2 }));
    };
    expect((await upload("stream-up-a", "2026-03-02")).status).toBe(201);
    const again = await upload("stream-up-b", "2026-03-02");
    expect(again.status).toBe(200);
    expect(again.body.replay).toBe(true);
    expect(count(s, "upload_parts")).toBe(0);
    const other = await upload("stream-up-c", "2026-03-09"); // the last part is the same, an earlier one is not
    expect(other.status).toBe(409);
    expect(other.body.reason).toBe("idempotency-conflict");
    // Upload c's first part waits (in a submission no reader sees) until it expires.
    expect(s.db.prepare("SELECT count(*) AS n FROM submissions WHERE status <> 'uploading'").get()).toEqual({ n: 1 });
  });

  it("refuses a request without key unless it is a streamed part, and a part beyond the count the last part names", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const noKey = await request(s.app).post("/api/submissions").set(h).send({ templateId: "polis-anmalningar", templateVersion: 1, records: [policeRecord("2026-03-02")] });
    expect(noKey.status).toBe(400);
    await request(s.app).post("/api/submissions").set(h).send(streamed("stream-up-x", 3, "2026-03-02"));
    const last = await request(s.app).post("/api/submissions").set(h).send(streamed("stream-up-x", 1, "2026-03-04", { key: "stream-key-3", count: 2 }));
    expect(last.status).toBe(409);
    expect(count(s, "submissions WHERE status <> 'uploading'")).toBe(0); // part 3 waits unseen until it expires
  });

  it("staged streamed parts count against the organisation's caps", async () => {
    const s = makeServer({ config: { stagedUploadsPerOrg: 1 } });
    const h = await s.as("polisen");
    expect((await request(s.app).post("/api/submissions").set(h).send(streamed("stream-cap-1", 0, "2026-03-02"))).status).toBe(202);
    const second = await request(s.app).post("/api/submissions").set(h).send(streamed("stream-cap-2", 0, "2026-03-02"));
    expect(second.status).toBe(429);
    expect(second.body.reason).toBe("upload-limit");
  });
});

describe("staged uploads", () => {
  const part = (key: string, uploadId: string) => ({ ...submitBody([policeRecord("2026-03-02")], key), part: { uploadId, index: 0, count: 2 } });

  it("expire after the configured lifetime, at each upload and at start", async () => {
    const s = makeServer({ config: { stagedUploadHours: 2 } });
    const send = async (key: string, uploadId: string) => // a fresh sign-in each time: access tokens live 15 minutes
      request(s.app).post("/api/submissions").set({ Authorization: `Bearer ${await s.login("polisen")}` }).send(part(key, uploadId));
    expect((await send("stage-key-1", "upload-old-1")).status).toBe(202);
    expect(count(s, "upload_parts")).toBe(1);
    s.clock.advance(60 * 60_000);
    expect((await send("stage-key-2", "upload-new-2")).status).toBe(202);
    expect(count(s, "upload_parts")).toBe(2);
    s.clock.advance(61 * 60_000);
    expect((await send("stage-key-3", "upload-new-3")).status).toBe(202);
    expect(s.db.prepare("SELECT upload_id FROM upload_parts ORDER BY upload_id").all()).toEqual([{ upload_id: "upload-new-2" }, { upload_id: "upload-new-3" }]);
    // A restart (a new app on the same database) expires what has aged meanwhile.
    s.clock.advance(3 * 3_600_000);
    createApp({ db: s.db, config: s.config, clock: s.clock });
    expect(count(s, "upload_parts")).toBe(0);
    // The expired uploads' submissions and rows went with them.
    expect(count(s, "submissions")).toBe(0);
    expect(count(s, "submission_records")).toBe(0);
  });

  it("are capped per organisation in count and bytes", async () => {
    const s = makeServer({ config: { stagedUploadsPerOrg: 2 } });
    const h = await s.as("polisen");
    expect((await request(s.app).post("/api/submissions").set(h).send(part("cap-key-1", "upload-cap-1"))).status).toBe(202);
    expect((await request(s.app).post("/api/submissions").set(h).send(part("cap-key-2", "upload-cap-2"))).status).toBe(202);
    const third = await request(s.app).post("/api/submissions").set(h).send(part("cap-key-3", "upload-cap-3"));
    expect(third.status).toBe(429);
    expect(third.body.reason).toBe("upload-limit");
    // Another organisation is not affected.
    const other = await request(s.app).post("/api/submissions").set(await s.as("vaktbolaget")).send({
      templateId: "vaktbolag-rapporter", templateVersion: 1, idempotencyKey: "cap-key-other", records: [], part: { uploadId: "upload-cap-x", index: 0, count: 2 },
    });
    expect(other.status).toBe(202);
    const small = makeServer({ config: { stagedBytesPerOrg: 100 } });
    const res = await request(small.app).post("/api/submissions").set(await small.as("polisen")).send(part("bytes-key-1", "upload-bytes-1"));
    expect(res.status).toBe(429);
  });
});
