// A submission to a server over a database file is parsed and checked in a worker thread (submissions/prepare.ts);
// the worker's answer is the inline check's, refusals included, and the HTTP behaviour is unchanged.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../shared/protocol/canonical-json";
import { AppError } from "../../shared/protocol/errors";
import { createLogger } from "../../sync-server/logger";
import { parseSubmitRequest, prepareSubmission } from "../../sync-server/submissions/prepare";
import { submitRequestSchema } from "../../shared/protocol/api";
import { parseInput } from "../../sync-server/http/validate";
import { checkSubmission } from "../../sync-server/submissions/submit";
import { makeServer, policeRecord, submitBody } from "../helpers/server";

const dir = mkdtempSync(join(tmpdir(), "lagesbild-prepare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileServer(name: string) {
  const s = makeServer({ database: join(dir, `${name}.db`) });
  const ctx = { db: s.db, config: s.config, clock: s.clock, logger: createLogger("silent") };
  return { s, ctx };
}

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("submission checks in a worker thread", () => {
  it("checks in a worker, with the same rows, periods and hash as the inline check", async () => {
    const { s, ctx } = fileServer("same");
    const body = submitBody([policeRecord("2026-03-02"), policeRecord("2026-03-16", { nyko: null })]);
    const viaWorker = await prepareSubmission(ctx, "polisen", bytes(body));
    expect(viaWorker.thread).toBeGreaterThan(0);
    const inline = checkSubmission({ db: s.db, now: s.clock.now() }, "polisen", body);
    expect(viaWorker.refusal).toBeNull();
    expect(viaWorker.hash).toBe(inline.hash);
    expect(viaWorker.rows).toEqual(inline.rows);
    expect(viaWorker.meta).toEqual(inline.meta);
    // Each record as the JSON it is stored as (canonical: keys sorted), with its half-month and the batch's summary.
    expect(viaWorker.rows!.json.split("\n")).toEqual(body.records.map((r) => canonicalJson(r)));
    expect(viaWorker.rows!.halfMonths).toEqual(["2026-03-H1", "2026-03-H2"]);
    expect(viaWorker.rows!.summary).toEqual({ rows: 2, located: 1, unlocated: [1], periods: [["2026-03-H1", 1], ["2026-03-H2", 1]], weekly: false });
  });

  it("reads a request as the schema does, without walking its records", () => {
    const outcome = (f: () => unknown) => {
      try {
        return { ok: f() };
      } catch (e) {
        return { err: e };
      }
    };
    const good = submitBody([policeRecord("2026-03-02"), { anything: 1 }], "parse-key-1");
    const bodies: unknown[] = [
      good, { ...good, part: { uploadId: "parse-upload-1", index: 0 } }, { ...good, extra: 1 }, { ...good, templateVersion: "1" },
      { ...good, records: "nej" }, { ...good, records: undefined }, { ...good, records: new Array(100_001).fill({}) }, [good], null,
      { ...good, idempotencyKey: undefined }, { ...good, part: { uploadId: "x", index: 0 } },
    ];
    for (const body of bodies) {
      const fast = outcome(() => parseSubmitRequest(body));
      expect(fast).toEqual(outcome(() => parseInput(submitRequestSchema, body)));
      if ("ok" in fast) expect((fast.ok as { records: unknown }).records).toBe((body as { records: unknown }).records);
    }
  });

  it("returns a record's refusal as an AppError naming row and field, and refuses malformed JSON", async () => {
    const { ctx } = fileServer("refused");
    const bad = { ...policeRecord("2026-03-02"), categories: { brottskod: "1201", brottsbenamning: "19121212-1212" } };
    const out = await prepareSubmission(ctx, "polisen", bytes(submitBody([policeRecord("2026-03-01"), bad])));
    expect(out.thread).toBeGreaterThan(0);
    expect(out.rows).toBeNull();
    expect(out.refusal).toBeInstanceOf(AppError);
    expect(out.refusal).toMatchObject({ httpStatus: 422, reason: "identifying-value" });
    expect((out.refusal!.details as { issues: unknown[] }).issues).toContainEqual(expect.objectContaining({ row: 1, field: "categories.brottsbenamning" }));
    const err = await prepareSubmission(ctx, "polisen", Buffer.from("{\"templateId\":")).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ httpStatus: 400, reason: "malformed-json" });
  });

  it("over HTTP: stores once, replays a retry, 409s a reused key, and stores nothing of a refused submission", async () => {
    const { s } = fileServer("http");
    const h = await s.as("polisen");
    const body = submitBody([policeRecord("2026-03-02")], "worker-key-123");
    const a = await request(s.app).post("/api/submissions").set(h).send(body);
    const b = await request(s.app).post("/api/submissions").set(h).send(body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.body.submission.id).toBe(a.body.submission.id);
    const other = await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("2026-03-03")], "worker-key-123"));
    expect(other.status).toBe(409);
    const bad = await request(s.app).post("/api/submissions").set(h).send(submitBody([policeRecord("1800-01-01")], "worker-key-456"));
    expect(bad.status).toBe(422);
    expect(bad.body.details.issues[0]).toMatchObject({ row: 0, field: "date" });
    const malformed = await request(s.app).post("/api/submissions").set(h).set("content-type", "application/json").send("{nej");
    expect(malformed.status).toBe(400);
    expect(malformed.body.reason).toBe("malformed-json");
    expect(s.db.prepare("SELECT count(*) AS n FROM submissions").get()).toEqual({ n: 1 });
    const stored = s.db.prepare("SELECT record FROM submission_records").all() as { record: string }[];
    expect(stored.map((r) => JSON.parse(r.record))).toEqual([expect.objectContaining({ date: "2026-03-02", nyko: "111", org: "polisen" })]);
  });
});
