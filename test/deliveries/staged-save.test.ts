// A round's save is staged: the round is stored as `saving`, its deliveries are written a few at a time across
// event-loop turns, and one small commit makes it visible. While it is being saved no reader sees it (latest
// delivery, the lists, the round list, run status, the set-up checklist, the published version); a round stopped
// mid-save or left by a killed process leaves nothing, and its slot runs again once.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../sync-server/app";
import type { JobControl } from "../../sync-server/jobs/runner";
import { runRound, type RoundOutcome } from "../../sync-server/deliveries/round";
import { lastRoundFigures } from "../../sync-server/deliveries/run-status";
import { setupChecklist } from "../../sync-server/setup/checklist";
import { runDue } from "../../sync-server/scheduler/scheduler";
import {
  getDelivery, insertDeliveryJson, insertSavingRound, latestRound, listDeliveries, listRoundSummaries, nextDeliveryNumber, publishedVersion,
} from "../../sync-server/stores/deliveries";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, type TestServer } from "../helpers/server";
import { createLogger } from "../../sync-server/logger";

const READERS = ["polisen", "brandforsvaret", "vaktbolaget", "socialtjansten"] as const;

async function serverWithReaders(): Promise<TestServer> {
  const s = makeServer();
  await submitApproved(s, vandalism("2026-03-05", { "111": 9, "112": 1, "121": 7 }));
  for (const org of READERS) await grantAndSubscribe(s, org);
  // One delivery per stage: the event loop turns between every two deliveries.
  s.deps.saveSliceMs = 0;
  return s;
}

/** What every reader sees of the deliveries, through the stores and use cases the routes call. */
function readerView(s: TestServer) {
  return {
    latest: latestRound(s.db)?.id ?? null,
    rounds: listRoundSummaries(s.db).map((r) => r.id),
    figures: lastRoundFigures(s.db),
    checklist: setupChecklist({ db: s.db, config: s.config, clock: s.clock, logger: createLogger("silent") }).rounds.lastRound,
    published: publishedVersion(s.db),
    deliveries: READERS.map((org) => ({ org, latest: getDelivery(s.db, org)?.number ?? null, list: listDeliveries(s.db, org).map((d) => d.number) })),
    huvudman: getDelivery(s.db, "kommunen")?.number ?? null,
  };
}

function roundRows(s: TestServer) {
  return s.db.prepare("SELECT id, status, (SELECT count(*) FROM deliveries d WHERE d.round_id = r.id) AS staged FROM delivery_rounds r ORDER BY id").all() as {
    id: number; status: string; staged: number;
  }[];
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("a round's staged save", () => {
  it("writes its deliveries across event-loop turns and no reader sees the round before its one commit", async () => {
    const s = await serverWithReaders();
    const first = (await runRound(s.deps, "manual:2026-03-20T09:00:00.000Z", s.clock.now()))!;
    expect(first.deliveries.length).toBe(READERS.length + 1);
    const before = readerView(s);
    expect(before.latest).toBe(first.roundId);
    expect(before.deliveries.every((d) => d.latest === 1)).toBe(true);

    s.clock.advance(60_000);
    let done: RoundOutcome | null | undefined;
    const running = runRound(s.deps, "manual:2026-03-20T09:01:00.000Z", s.clock.now()).then((o) => (done = o));
    // A timer set now fires while the round is saved, not after it.
    let timerFiredDuringSave = false;
    const staged: number[] = [];
    while (done === undefined) {
      const saving = roundRows(s).find((r) => r.status === "saving");
      if (saving) {
        staged.push(saving.staged);
        // Whatever has been staged so far, every reader still sees the first round only.
        expect(readerView(s)).toEqual(before);
        if (saving.staged > 0 && !timerFiredDuringSave) setTimeout(() => (timerFiredDuringSave = roundRows(s).some((r) => r.status === "saving")), 0);
      }
      await turn();
    }
    await running;
    const total = READERS.length + 1;
    // Seen part-way: some deliveries staged, not yet all of them, so the loop turned between stages.
    expect(staged.some((n) => n > 0 && n < total)).toBe(true);
    expect(timerFiredDuringSave).toBe(true);

    const after = readerView(s);
    expect(after.latest).toBe(done!.roundId);
    expect(after.rounds).toEqual([first.roundId, done!.roundId]);
    expect(after.figures).toMatchObject({ roundId: done!.roundId, deliveries: total });
    expect(after.published).not.toBe(before.published);
    expect(after.deliveries.every((d) => d.latest === 2 && d.list.join() === "1,2")).toBe(true);
    expect(roundRows(s).map((r) => r.status)).toEqual(["sent", "sent"]);
    const audit = s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'delivery.round'").get() as { n: number };
    expect(audit.n).toBe(2);
  });

  it("a round stopped mid-save leaves nothing and its slot can run again", async () => {
    const s = await serverWithReaders();
    const stopped = new Error("stoppad");
    let stages = 0;
    const control: JobControl = {
      signal: new AbortController().signal,
      step(progress) {
        if (progress.startsWith("sparar leveranserna (") && ++stages === 3) throw stopped;
      },
    };
    const slot = "2026-03-20T05:00:00.000Z";
    await expect(runRound(s.deps, slot, s.clock.now(), control)).rejects.toBe(stopped);
    expect(roundRows(s)).toEqual([]);
    expect(s.db.prepare("SELECT count(*) AS n FROM deliveries").get()).toEqual({ n: 0 });
    expect(readerView(s).deliveries.every((d) => d.latest === null)).toBe(true);
    const again = await runRound(s.deps, slot, s.clock.now());
    expect(again?.deliveries.map((d) => d.number)).toEqual(Array(READERS.length + 1).fill(1));
  });

  it("a round a killed process left in `saving` is invisible, deleted at the next start, and its slot then lands once", async () => {
    const s = await serverWithReaders();
    // What a process killed mid-save leaves: the round in `saving`, two of its deliveries staged.
    const slot = "2026-03-20T05:00:00.000Z";
    const roundId = insertSavingRound(s.db, { slot, ran_at: s.clock.now().toISOString(), last_period: "2026-03-H1", facts: "{}" });
    for (const org of ["polisen", "kommunen"]) {
      insertDeliveryJson(s.db, { org, number: nextDeliveryNumber(s.db, org), roundId, createdAt: s.clock.now().toISOString() }, JSON.stringify({ org, number: 1 }));
    }
    const huvudman = await s.as("huvudman");
    expect((await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"))).status).toBe(404);
    expect((await request(s.app).get("/api/deliveries").set(await s.as("polisen"))).body.deliveries).toEqual([]);
    expect((await request(s.app).get("/api/deliveries/rounds").set(huvudman)).body.rounds).toEqual([]);
    expect((await request(s.app).get("/api/deliveries/run/status").set(huvudman)).body.lastRound).toBeNull();
    expect((await request(s.app).get("/api/setup").set(huvudman)).body.rounds.lastRound).toBeNull();
    // The slot is taken while it is (apparently) being saved: the scheduler does not start it twice.
    expect(await runDue(s.deps, new Date("2026-03-20T05:30:00.000Z"))).toBeNull();

    // Restart: the app is made again over the same database.
    createApp({ db: s.db, config: s.config, clock: s.clock, deliveries: s.deps });
    expect(roundRows(s)).toEqual([]);
    expect(s.db.prepare("SELECT count(*) AS n FROM deliveries").get()).toEqual({ n: 0 });
    const audit = s.db.prepare("SELECT details FROM audit_log WHERE action = 'delivery.discarded'").all() as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ roundIds: [roundId] }]);

    const landed = await runDue(s.deps, new Date("2026-03-20T05:30:00.000Z"));
    expect(landed?.slot).toBe(slot);
    expect(await runDue(s.deps, new Date("2026-03-20T05:31:00.000Z"))).toBeNull();
    expect(roundRows(s)).toEqual([{ id: landed!.roundId, status: "sent", staged: READERS.length + 1 }]);
    expect(getDelivery(s.db, "polisen")?.number).toBe(1);
  });
});
