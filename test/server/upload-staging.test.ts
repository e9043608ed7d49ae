// A chunked upload's parts are written straight into submission_records, under a submission in status 'uploading'
// (migration 019) that no reader sees; the last part commits it by one update. The rows, half-months and counts are
// those a whole submission of the same records gets, whatever order the parts came in or the partner's rhythm did
// meanwhile; nothing of an unfinished upload is visible anywhere; and nothing of the staging outlives the commit.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { createApp } from "../../sync-server/app";
import { fixedClock } from "../../sync-server/clock";
import { openDatabase, type Db } from "../../sync-server/db/database";
import { migrate, MIGRATIONS_DIR, readMigrations } from "../../sync-server/db/migrate";
import { seedDemo } from "../../sync-server/seed/demo";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import { setReportingRhythm } from "../../sync-server/stores/reporting";
import { countingRows } from "../../sync-server/stores/submissions";
import { makeServer, PASSWORD, policeRecord } from "../helpers/server";

const dir = mkdtempSync(join(tmpdir(), "lb-staging-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const streamed = (uploadId: string, index: number, records: DeidentifiedRecord[], last?: { key: string; count: number }) => ({
  templateId: "polis-anmalningar", templateVersion: 1, records,
  ...(last ? { idempotencyKey: last.key, part: { uploadId, index, count: last.count } } : { part: { uploadId, index } }),
});
const whole = (records: DeidentifiedRecord[], key: string) => ({ templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: key, records });

const partA = [policeRecord("2026-03-02"), policeRecord("2026-03-16", { nyko: null }), policeRecord("2026-02-27")];
const partB = [policeRecord("2026-03-09", { nyko: null }), policeRecord("2026-03-18")];

/** A submission's rows (half-month and record) in order, its periods and counts. */
function stored(db: Db, id: string) {
  const rows = db.prepare("SELECT row_index, halfmonth, record FROM submission_records WHERE submission_id = ? ORDER BY row_index").all(id) as { row_index: number; halfmonth: string; record: string }[];
  return {
    rows: rows.map((r) => [r.row_index, r.halfmonth, JSON.parse(r.record) as unknown]),
    periods: db.prepare("SELECT period, row_count FROM submission_periods WHERE submission_id = ? ORDER BY period").all(id),
    counts: db.prepare("SELECT row_count, located_count, unlocated_count, warnings FROM submissions WHERE id = ?").get(id),
  };
}

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const uploading = (db: Db) => db.prepare("SELECT count(*) AS n FROM submissions WHERE status = 'uploading'").pluck().get() as number;

/** Waits for the clean-up a replay leaves for after its answer. */
async function uploadingGone(db: Db): Promise<void> {
  for (let i = 0; i < 100 && uploading(db) > 0; i++) await new Promise((r) => setTimeout(r, 5));
}

describe("staged parts as rows", () => {
  it("commits an upload as the same rows, periods and counts as the whole submission, and removes its staging after the answer", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    expect((await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-1", 0, partA))).status).toBe(202);
    expect(count(s.db, "submission_records")).toBe(3); // written where they stay, under a submission no one sees yet
    expect(uploading(s.db)).toBe(1);
    const last = await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-1", 1, partB, { key: "staging-key-1", count: 2 }));
    expect(last.status).toBe(201);
    expect(count(s.db, "upload_parts")).toBe(0);
    expect(uploading(s.db)).toBe(0);
    expect(count(s.db, "submission_records")).toBe(5);

    const other = makeServer();
    const one = await request(other.app).post("/api/submissions").set(await other.as("polisen")).send(whole([...partA, ...partB], "staging-key-1"));
    expect(one.status).toBe(201);
    const a = stored(s.db, last.body.submission.id as string);
    expect(a).toEqual(stored(other.db, one.body.submission.id as string));
    expect(a.rows.map((r) => r[1])).toEqual(["2026-03-H1", "2026-03-H2", "2026-02-H2", "2026-03-H1", "2026-03-H2"]);
    expect(a.counts).toMatchObject({ row_count: 5, located_count: 3, unlocated_count: 2 });
    expect(JSON.parse((a.counts as { warnings: string }).warnings)).toContainEqual(expect.objectContaining({ code: "unlocated", rows: [1, 3] }));
  });

  it("works the periods out again for parts checked before the partner changed to weekly reporting", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    expect((await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-2", 0, partA))).status).toBe(202);
    setReportingRhythm(s.db, "polisen", "week", "test", s.clock.now().toISOString());
    const last = await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-2", 1, partB, { key: "staging-key-2", count: 2 }));
    expect(last.status).toBe(201);

    const other = makeServer();
    setReportingRhythm(other.db, "polisen", "week", "test", other.clock.now().toISOString());
    const one = await request(other.app).post("/api/submissions").set(await other.as("polisen")).send(whole([...partA, ...partB], "staging-key-2"));
    const a = stored(s.db, last.body.submission.id as string);
    expect(a).toEqual(stored(other.db, one.body.submission.id as string));
    expect(a.rows.map((r) => r[1])).toEqual(["2026-W10", "2026-W12", "2026-W09", "2026-W11", "2026-W12"]);
  });

  it("places parts that name their first row whatever order they come in, and those that do not after the earlier ones", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const partC = [policeRecord("2026-03-10")];
    const at = (index: number, records: DeidentifiedRecord[], first: number | undefined, last?: { key: string; count: number }) => {
      const body = streamed("staging-up-5", index, records, last);
      return request(s.app).post("/api/submissions").set(h).send(first === undefined ? body : { ...body, part: { ...body.part, first } });
    };
    expect((await at(1, partB, 3)).status).toBe(202); // before part 0: it says where its rows begin
    expect((await at(0, partA, 0)).status).toBe(202);
    const last = await at(2, partC, undefined, { key: "staging-key-5", count: 3 }); // after all earlier parts
    expect(last.status).toBe(201);
    const other = makeServer();
    const one = await request(other.app).post("/api/submissions").set(await other.as("polisen")).send(whole([...partA, ...partB, ...partC], "staging-key-5"));
    expect(stored(s.db, last.body.submission.id as string)).toEqual(stored(other.db, one.body.submission.id as string));
  });

  it("refuses (409) parts whose rows overlap or leave a gap, and stores none of them", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    const at = (uploadId: string, index: number, records: DeidentifiedRecord[], first: number, last?: { key: string; count: number }) => {
      const body = streamed(uploadId, index, records, last);
      return request(s.app).post("/api/submissions").set(h).send({ ...body, part: { ...body.part, first } });
    };
    expect((await at("staging-up-6", 0, partA, 0)).status).toBe(202);
    const overlap = await at("staging-up-6", 1, partB, 2);
    expect(overlap.status).toBe(409);
    expect(overlap.body.details.message).toMatch(/Del 2 .* rader som en annan del redan har/);
    expect((await at("staging-up-7", 0, partA, 0)).status).toBe(202);
    const gap = await at("staging-up-7", 1, partB, 4, { key: "staging-key-7", count: 2 });
    expect(gap.status).toBe(409);
    expect(gap.body.details.message).toMatch(/Del 2 .* börjar på rad 5/);
    expect(count(s.db, "submission_records")).toBe(6); // part 0 of each upload, waiting until it expires
    expect((await request(s.app).get("/api/submissions").set(h)).body.total).toBe(0);
  });

  it("shows nothing of an unfinished upload: lists, a submission and its records, review, completeness, reporting, exports and counting rows answer as before it", async () => {
    const s = makeServer();
    const actor = await s.as("polisen");
    const huvudman = await s.as("huvudman");
    const approved = await request(s.app).post("/api/submissions").set(actor).send(whole([policeRecord("2026-02-02"), policeRecord("2026-02-20")], "staging-key-8"));
    expect((await request(s.app).post(`/api/review/submissions/${approved.body.submission.id}/approve`).set(huvudman).send({})).status).toBe(200);
    const readers: [string, { Authorization: string }][] = [
      ["/api/submissions", actor], ["/api/submissions?status=pending", actor], ["/api/review/submissions", huvudman], ["/api/review/submissions?org=polisen&status=pending", huvudman],
      ["/api/completeness", huvudman], ["/api/reporting", huvudman], ["/api/exports/records.csv", huvudman], ["/api/duplicates", huvudman],
    ];
    const answers = async () => Promise.all(readers.map(async ([path, h]) => {
      const res = await request(s.app).get(path).set(h);
      return [path, res.status, res.type.includes("json") ? res.body : res.text];
    }));
    const counting = () => [...countingRows(s.db)];
    const before = await answers();
    const countingBefore = counting();
    expect(before.every(([, status]) => status === 200)).toBe(true);

    expect((await request(s.app).post("/api/submissions").set(actor).send(streamed("staging-up-8", 0, partA))).status).toBe(202);
    expect((await request(s.app).post("/api/submissions").set(actor).send(streamed("staging-up-8", 1, partB))).status).toBe(202);
    const hidden = s.db.prepare("SELECT id FROM submissions WHERE status = 'uploading'").pluck().get() as string;
    expect(count(s.db, "submission_records")).toBe(2 + 5);
    expect(await answers()).toEqual(before);
    expect(counting()).toEqual(countingBefore);
    for (const [path, h] of [[`/api/submissions/${hidden}`, actor], [`/api/submissions/${hidden}/records`, actor], [`/api/review/submissions/${hidden}`, huvudman]] as const)
      expect((await request(s.app).get(path).set(h)).status).toBe(404);
    for (const decision of ["approve", "return"]) {
      const res = await request(s.app).post(`/api/review/submissions/${hidden}/${decision}`).set(huvudman).send({ comment: "nej" });
      expect(res.status).toBe(404);
    }
    expect(s.db.prepare("SELECT status FROM submissions WHERE id = ?").pluck().get(hidden)).toBe("uploading");
  });

  it("migration 019 keeps every stored submission (its rowid too) and drops the parts staged before it", async () => {
    // A database as it was before 019, with a stored submission and a part of a streamed upload staged.
    const migrations = join(dir, "before-019");
    mkdirSync(migrations);
    for (const m of readMigrations().filter((m) => m.name < "019")) copyFileSync(join(MIGRATIONS_DIR, m.name), join(migrations, m.name));
    const db = openDatabase(join(dir, "before-019.db"));
    migrate(db, migrations);
    const clock = fixedClock("2026-03-20T09:00:00Z");
    seedDemo(db, DEMO_DIR, clock, { passwords: () => PASSWORD });
    // Written as the code before 019 wrote them (that code is gone: the rows are inserted as it stored them).
    const submission = db.prepare(
      `INSERT INTO submissions (id, org_id, template_id, template_version, idempotency_key, status, row_count, located_count, unlocated_count, warnings, created_at, created_by, content_hash, part_hashes)
       VALUES (?, 'polisen', 'polis-anmalningar', 1, ?, ?, ?, ?, 0, '[]', ?, 'user:polisen', 'h', NULL)`,
    );
    const record = db.prepare("INSERT INTO submission_records (submission_id, row_index, halfmonth, record) VALUES (?, ?, ?, ?)");
    const period = db.prepare("INSERT INTO submission_periods (submission_id, period, row_count) VALUES (?, ?, ?)");
    for (const [id, key, status, records] of [["sub-b", "staging-key-9", "approved", partA], ["sub-a", "staging-key-10", "pending", partB]] as const) {
      submission.run(id, key, status, records.length, records.length, clock.now().toISOString());
      records.forEach((r, i) => record.run(id, i, "2026-03-H1", JSON.stringify(r)));
      period.run(id, "2026-03-H1", records.length);
    }
    db.prepare(
      `INSERT INTO upload_parts (upload_id, org_id, idempotency_key, template_id, template_version, part_index, part_count, records, received_at, content_hash, bytes, summary, stage)
       VALUES ('staging-up-9', 'polisen', '', 'polis-anmalningar', 1, 0, 0, '', ?, 'h', 100, NULL, 1)`,
    ).run(clock.now().toISOString());
    db.prepare("INSERT INTO upload_records (stage, row_index, halfmonth, record) VALUES (1, 0, '2026-03-H1', ?)").run(JSON.stringify(partA[0]));
    const rows = () => db.prepare("SELECT rowid, * FROM submissions ORDER BY rowid").all();
    const kept = { submissions: rows(), records: db.prepare("SELECT * FROM submission_records ORDER BY submission_id, row_index").all(), periods: db.prepare("SELECT * FROM submission_periods ORDER BY submission_id, period").all() };
    expect(kept.submissions.map((r) => (r as { id: string }).id)).toEqual(["sub-b", "sub-a"]); // rowid order, not id order

    migrate(db);
    expect({ submissions: rows(), records: db.prepare("SELECT * FROM submission_records ORDER BY submission_id, row_index").all(), periods: db.prepare("SELECT * FROM submission_periods ORDER BY submission_id, period").all() }).toEqual(kept);
    expect(count(db, "upload_parts")).toBe(0);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM effective_records").pluck().get()).toBe(3); // the view reads the rebuilt table
    db.close();
  });

  it("removes at start an uploading submission no part refers to (a replay's clean-up cut short), and keeps an upload in progress", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    expect((await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-4", 0, partA))).status).toBe(202);
    // A replayed upload whose rows were not yet removed when the server stopped.
    expect((await request(s.app).post("/api/submissions").set(h).send(whole([...partA, ...partB], "staging-key-4"))).status).toBe(201);
    expect((await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-5", 0, partA))).status).toBe(202);
    s.db.prepare("DELETE FROM upload_parts WHERE upload_id = 'staging-up-5'").run();
    expect(uploading(s.db)).toBe(2);
    createApp({ db: s.db, config: s.config, clock: s.clock });
    expect(uploading(s.db)).toBe(1);
    expect(count(s.db, "submission_records")).toBe(5 + 3);
    const last = await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-4", 1, partB, { key: "staging-key-11", count: 2 }));
    expect(last.status).toBe(201);
  });

  it("a replayed upload's rows are removed after the answer", async () => {
    const s = makeServer();
    const h = await s.as("polisen");
    expect((await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-12", 0, partA))).status).toBe(202);
    expect((await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-12", 1, partB, { key: "staging-key-12", count: 2 }))).status).toBe(201);
    expect((await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-13", 0, partA))).status).toBe(202);
    const again = await request(s.app).post("/api/submissions").set(h).send(streamed("staging-up-13", 1, partB, { key: "staging-key-12", count: 2 }));
    expect(again.status).toBe(200);
    expect(again.body.replay).toBe(true);
    await uploadingGone(s.db);
    expect(uploading(s.db)).toBe(0);
    expect(count(s.db, "submission_records")).toBe(5);
  });
});
