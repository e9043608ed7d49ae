import { describe, expect, it } from "vitest";
import type { RoundFigures } from "../../shared/protocol/setup-api";
import { createFakeClient } from "../testing/fake-client";
import { roundFiguresLines, runRoundWithProgress } from "./delivery-round";

const figures: RoundFigures = {
  roundId: 3, ranAt: "2026-03-20T09:01:05.000Z", manual: true, status: "sent", lastPeriod: "2026-03-H1",
  cells: 1200, published: 982, suppressed: 218, primary: 120, secondary: 98, deliveries: 7, durationMs: 8400,
};
const job = (progress: string, elapsedMs: number) => ({ id: "delivery-round-1", state: "running" as const, progress, startedAt: "2026-03-20T09:00:00.000Z", endedAt: null, elapsedMs, error: null });

describe("Kör leveransomgång nu", () => {
  it("reports each step while the round runs, then returns the round's figures", async () => {
    const client = createFakeClient();
    let open!: () => void;
    client.roundGate = new Promise<void>((resolve) => (open = resolve));
    client.roundRun = { ...client.roundRun, roundId: 3 };
    client.runStatuses = [
      { job: job("bygger kuben", 400), lastRound: null },
      { job: job("skyddar tabellerna", 5200), lastRound: null },
      { job: { ...job("sparar leveranserna", 8400), state: "done", endedAt: "2026-03-20T09:01:05.000Z" }, lastRound: figures },
    ];
    const seen: string[] = [];
    let ticks = 0;
    // The test's own clock: each wait is one tick; the round ends after the second progress report.
    const wait = async () => {
      ticks++;
      if (ticks === 3) open();
      await Promise.resolve();
    };
    const out = await runRoundWithProgress(client, (t) => seen.push(t), { wait });
    expect(seen).toEqual(["Leveransomgången bygger kuben (0,4 s) …", "Leveransomgången skyddar tabellerna (5,2 s) …"]);
    expect(out.run.roundId).toBe(3);
    expect(out.figures).toEqual(figures);
    expect(client.calls.filter((c) => c.method === "runRound")).toHaveLength(1);
  });

  it("gives no figures of another round, and passes a refusal on", async () => {
    const client = createFakeClient();
    client.roundRun = { ...client.roundRun, roundId: 9 };
    client.runStatuses = [{ job: null, lastRound: figures }];
    expect((await runRoundWithProgress(client, () => undefined, { wait: async () => undefined })).figures).toBeNull();
    client.failNext("runRound", "job-timeout", 503, { message: "Leveransomgången avbröts efter 600 s (tidsgränsen) och har inte sparat något. Försök igen senare." });
    await expect(runRoundWithProgress(client, () => undefined, { wait: async () => undefined })).rejects.toThrow(/^Arbetet tog för lång tid/);
  });

  it("words the figures in Swedish: cells, published, suppressed, primary and secondary, time", () => {
    expect(roundFiguresLines(figures)).toEqual([
      "Omgång 3 (körd för hand 2026-03-20 10:01): skickad till alla mottagare.",
      "1200 celler: 982 publicerade, 218 undertryckta (120 primärt, 98 sekundärt).",
      "7 leveranser, data till och med 2026-03-H1; tog 8,4 s.",
    ]);
    expect(roundFiguresLines({ ...figures, suppressed: 230 })[1]).toBe("1200 celler: 982 publicerade, 230 undertryckta (120 primärt, 98 sekundärt, 12 av andra skäl).");
    expect(roundFiguresLines({ ...figures, status: "audit-failed", manual: false, durationMs: null })[0]).toBe(
      "Omgång 3 (schemalagd 2026-03-20 10:01): granskningen underkände skyddet, så mottagarna fick bara kommuntotaler.",
    );
  });
});
