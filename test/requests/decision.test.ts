// The decision and its record: the file hashes in the audit trail are the hashes of the files served; the register
// lists status and deadline (the next working day); the requester's text is never in the audit trail or the logs;
// a partner, an API key and admin cannot see requests.
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { pino } from "pino";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, type TestServer } from "../helpers/server";
import { composedRequest, decide, districts, INDICATOR, PERIOD, review } from "./helpers";

const REQUESTER = "Signe Granskare, Tidningen Demostad";

function binary(res: request.Response): Buffer {
  return res.body as Buffer;
}

async function download(s: TestServer, path: string): Promise<Buffer> {
  const res = await request(s.app).get(path).set(await s.as("huvudman")).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on("data", (c: Buffer) => chunks.push(c));
    r.on("end", () => cb(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  return binary(res);
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function auditEntries(s: TestServer): Promise<{ action: string; details: Record<string, unknown> }[]> {
  const res = await request(s.app).get("/api/audit?limit=1000").set(await s.as("huvudman"));
  return res.body.entries;
}

describe("the decision on a request", () => {
  it("records the hashes of exactly the files served, with the decision, reasons and legal grounds", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(chunk.toString()); cb(); } });
    const s = makeServer({ logger: pino({ level: "info" }, sink) });
    await submitApproved(s, vandalism("2026-03-05", { "111": 9, "112": 1, "113": 8, "121": 3, "122": 9 }));
    const refused = [{ part: "Enskilda anmälningar med brottskod", ground: "osl-35-1", comment: "Uppgifter ur polisens brottsutredningar." }];
    const id = await composedRequest(s, [districts, { indicator: INDICATOR, levels: [3], periodType: "halfmonth", periods: [PERIOD] }], refused, REQUESTER);
    const r = (await review(s, id)).review!;
    // NYKO-3 112 (1) is below the threshold: withheld, with a complement; everything released passes.
    expect(r.cells.find((c) => c.nyko === "112")).toMatchObject({ suppressed: true, value: null });
    expect(r.allowed).toEqual(["delvis-bifall", "avslag"]);
    expect((await decide(s, id, "bifall")).status).toBe(409);
    const decided = await decide(s, id, "delvis-bifall", "Små tal och polisens förundersökningar lämnas inte ut.");
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toBe("delvis-bifall");
    expect(decided.body.status).toBe("decided");

    const xlsx = await download(s, `/api/requests/${id}/release.xlsx`);
    const csv = await download(s, `/api/requests/${id}/release.csv`);
    const entry = (await auditEntries(s)).find((e) => e.action === "request.decision")!;
    expect(entry.details).toMatchObject({ requestId: id, decision: "delvis-bifall", grounds: ["osl-35-1"], reasons: "Små tal och polisens förundersökningar lämnas inte ut." });
    expect(entry.details.xlsxSha256).toBe(sha256(xlsx));
    expect(entry.details.csvSha256).toBe(sha256(csv));
    expect(decided.body.files).toEqual({ xlsxSha256: sha256(xlsx), csvSha256: sha256(csv) });

    // The workbook holds only what passed: no withheld value, the refused part with its legal ground.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    const rows = wb.getWorksheet("Utlämnat")!.getSheetValues().slice(2) as unknown[][];
    const row112 = rows.find((row) => row[3] === "112")!;
    expect(row112[7]).toBe("..");
    expect(rows.filter((row) => row[8] === "nej").every((row) => typeof row[7] === "number")).toBe(true);
    const refusedSheet = JSON.stringify(wb.getWorksheet("Ej utlämnat")!.getSheetValues());
    expect(refusedSheet).toContain("OSL 35 kap. 1 §");

    // A decided request is final.
    expect((await decide(s, id, "avslag")).status).toBe(409);
    // Who asked is in the request record only: never in the audit trail or the logs.
    const audit = JSON.stringify(await auditEntries(s));
    expect(audit).toContain("request.register");
    for (const secret of [REQUESTER, "Signe", "Skadegörelse per område i mars"]) {
      expect(audit).not.toContain(secret);
      expect(lines.join("")).not.toContain(secret);
    }
    expect((await request(s.app).get(`/api/requests/${id}`).set(await s.as("huvudman"))).body.requester).toBe(REQUESTER);
  }, 60_000);

  it("keeps a register with status and a deadline on the next working day, and refuses a stale review", async () => {
    const s = makeServer({ start: "2026-04-02T09:00:00Z" });
    await submitApproved(s, vandalism("2026-03-05", { "111": 9, "121": 9 }));
    const h = await s.as("huvudman");
    // Received on Skärtorsdag 2026: Långfredag, the weekend and Annandag påsk pass before the deadline.
    const reg = await request(s.app).post("/api/requests").set(h).send({ receivedDate: "2026-04-02", requester: "Kalle", subject: "Skadegörelse i mars" });
    expect(reg.body).toMatchObject({ deadline: "2026-04-07", status: "registered", overdue: false });
    const id = reg.body.id as number;
    const tooEarly = await request(s.app).put(`/api/requests/${id}/composition`).set(h).send({ items: [{ ...districts, periods: ["2026-04-H1"] }], refused: [] });
    expect(tooEarly.status).toBe(400);
    expect(JSON.stringify(tooEarly.body.details)).toContain("inte avslutad");
    const identifying = await request(s.app).post("/api/requests").set(h).send({ receivedDate: "2026-04-02", requester: "Tolvan 19121212-1212", subject: "x" });
    expect(identifying.status).toBe(422);
    await request(s.app).put(`/api/requests/${id}/composition`).set(h).send({ items: [districts], refused: [] }).expect(200);
    expect((await request(s.app).get("/api/requests").set(h)).body.requests[0]).toMatchObject({ id, status: "composed" });
    await review(s, id);
    expect((await request(s.app).get("/api/requests").set(h)).body.requests[0]).toMatchObject({ id, status: "reviewed" });
    // Something is published after the review: it must be reviewed again before a release.
    s.clock.advance(60_000);
    await request(s.app).post("/api/deliveries/run").set(h).send({}).expect(201);
    const stale = await decide(s, id, "bifall");
    expect(stale.status).toBe(409);
    expect((await request(s.app).get(`/api/requests/${id}`).set(h)).body.review.stale).toBe(true);
    await review(s, id);
    expect((await decide(s, id, "bifall")).status).toBe(200);
    s.clock.advance(10 * 86_400_000);
    const late = await request(s.app).post("/api/requests").set(await s.as("huvudman")).send({ receivedDate: "2026-04-03", requester: "Lisa", subject: "Brand" });
    const list = (await request(s.app).get("/api/requests").set(await s.as("huvudman"))).body.requests;
    expect(list.map((x: { id: number; status: string; overdue: boolean }) => [x.id, x.status, x.overdue])).toEqual([[id, "decided", false], [late.body.id, "registered", true]]);
  }, 60_000);

  it("is the huvudman's alone: a partner, an API key and admin get 403", async () => {
    const s = makeServer();
    await submitApproved(s, vandalism("2026-03-05", { "111": 9 }));
    const id = await composedRequest(s, [districts]);
    await review(s, id);
    const key = (await request(s.app).post("/api/keys").set(await s.as("admin")).send({ org: "kommunen", name: "k" })).body.key as string;
    for (const who of [await s.as("polisen"), await s.as("admin"), { "X-Api-Key": key }]) {
      for (const path of ["/api/requests", `/api/requests/${id}`, `/api/requests/${id}/release.csv`, `/api/requests/${id}/release.xlsx`]) {
        const res = await request(s.app).get(path).set(who);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        expect(res.text).not.toContain("Anna Journalist");
      }
      expect((await request(s.app).post(`/api/requests/${id}/decision`).set(who).send({ decision: "bifall", reasons: "x" })).status).toBe(403);
    }
  }, 60_000);
});
