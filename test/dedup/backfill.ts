// A history backfill through the server: every event partner loads its whole history at once (one submission per
// month of events, all sent and approved the same day), each partner a week after the previous one. With the
// token window tied to when a submission was received, the partners' histories are matched however old the
// events. Shared by the backfill test and the dedup benchmark.
import request from "supertest";
import type { DuplicateCoverage } from "../../shared/protocol/duplicates-api";
import { toWireRecord } from "../../shared/protocol/record";
import { makeServer } from "../helpers/server";
import { EVENT_ACTORS, evaluatePairs, type DedupEvaluation, type DemoRecord, type TruthPair } from "./demo-eval";

const DAY_MS = 86_400_000;

export interface BackfillResult {
  evaluation: DedupEvaluation;
  firstDate: string;
  lastDate: string;
  submissions: number;
  /** Pairs the server listed. */
  pairs: number;
  /** Which half-months the server says were matched (GET /api/duplicates/coverage). */
  coverage: DuplicateCoverage;
}

export async function backfillThroughServer(records: readonly DemoRecord[], truth: readonly TruthPair[], gapDays: number): Promise<BackfillResult> {
  const s = makeServer();
  const start = Date.parse("2027-02-01T08:00:00Z");
  let hm = { Authorization: "" };
  const refToDemo = new Map<string, DemoRecord>();
  let submissions = 0;
  const dated = records.filter((r) => r.record.date !== null);
  for (const [i, actor] of EVENT_ACTORS.entries()) {
    s.clock.set(new Date(start + i * gapDays * DAY_MS).toISOString());
    const mine = dated.filter((r) => r.actor === actor);
    const months = [...new Set(mine.map((r) => r.record.date!.slice(0, 7)))].sort();
    // Fresh sign-ins: the clock moved past the previous ones' lifetime.
    hm = { Authorization: `Bearer ${await s.login("huvudman")}` };
    const headers = { Authorization: `Bearer ${await s.login(actor)}` };
    for (const month of months) {
      const rows = mine.filter((r) => r.record.date!.startsWith(month));
      const body = { templateId: rows[0].record.templateId, templateVersion: rows[0].record.templateVersion, idempotencyKey: `backfill-${actor}-${month}`, records: rows.map((r) => toWireRecord(r.record)) };
      const sub = await request(s.app).post("/api/submissions").set(headers).send(body);
      if (sub.status !== 201) throw new Error(`submit ${actor} ${month}: ${sub.status} ${JSON.stringify(sub.body).slice(0, 300)}`);
      const id = sub.body.submission.id as string;
      rows.forEach((r, k) => refToDemo.set(`${id}#${k}`, r));
      const ok = await request(s.app).post(`/api/review/submissions/${id}/approve`).set(hm).send({});
      if (ok.status !== 200) throw new Error(`approve ${actor} ${month}: ${ok.status} ${JSON.stringify(ok.body).slice(0, 300)}`);
      submissions++;
    }
  }
  const pairs: { a: number; b: number }[] = [];
  for (let offset = 0; ; offset += 1000) {
    const res = await request(s.app).get(`/api/duplicates?limit=1000&offset=${offset}`).set(hm);
    const page = res.body.duplicates as { a: { submission: string; row: number }; b: { submission: string; row: number } }[];
    for (const d of page) pairs.push({ a: refToDemo.get(`${d.a.submission}#${d.a.row}`)!.id, b: refToDemo.get(`${d.b.submission}#${d.b.row}`)!.id });
    if (page.length < 1000) break;
  }
  const dates = dated.map((r) => r.record.date!).sort();
  const coverage = (await request(s.app).get("/api/duplicates/coverage").set(hm)).body as DuplicateCoverage;
  return { evaluation: evaluatePairs(dated, pairs, truth), firstDate: dates[0], lastDate: dates[dates.length - 1], submissions, pairs: pairs.length, coverage };
}
