// The delivery schedule in Europe/Stockholm across both DST changes, runs made once per slot, and catch-up.
import { describe, expect, it } from "vitest";
import request from "supertest";
import { latestDueSlot, nextSlot } from "../../sync-server/scheduler/slots";
import { runDue, startScheduler } from "../../sync-server/scheduler/scheduler";
import { DEFAULT_DELIVERY_SETTINGS, listRounds } from "../../sync-server/stores/deliveries";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer } from "../helpers/server";

const at = (iso: string) => new Date(iso);

describe("delivery slots", () => {
  it("default: the 5th and the 20th at 06:00 Stockholm, in winter (UTC+1) and summer (UTC+2)", () => {
    const s = DEFAULT_DELIVERY_SETTINGS;
    expect(latestDueSlot(at("2026-03-20T04:59:59Z"), s)?.key).toBe("2026-03-05T05:00:00.000Z");
    expect(latestDueSlot(at("2026-03-20T05:00:00Z"), s)?.key).toBe("2026-03-20T05:00:00.000Z");
    // After the spring change (29 March 2026) 06:00 is 04:00 UTC.
    expect(nextSlot(at("2026-03-20T05:00:00Z"), s)?.key).toBe("2026-04-05T04:00:00.000Z");
    expect(latestDueSlot(at("2026-04-05T03:59:00Z"), s)?.key).toBe("2026-03-20T05:00:00.000Z");
    expect(latestDueSlot(at("2026-04-05T04:00:00Z"), s)?.key).toBe("2026-04-05T04:00:00.000Z");
    // Before and after the autumn change (25 October 2026).
    expect(nextSlot(at("2026-10-06T00:00:00Z"), s)?.key).toBe("2026-10-20T04:00:00.000Z");
    expect(nextSlot(at("2026-10-20T04:00:00Z"), s)?.key).toBe("2026-11-05T05:00:00.000Z");
  });

  it("weekdays add a weekly slot beside the days of the month (the weekly delivery)", () => {
    const s = { days: [5, 20], weekdays: [4], hour: 6, minute: 0 };
    // Thursday 19 March 2026, then Friday 20 March (a day of the month), then Thursday 26 March.
    expect(nextSlot(at("2026-03-18T12:00:00Z"), s)?.key).toBe("2026-03-19T05:00:00.000Z");
    expect(nextSlot(at("2026-03-19T05:00:00Z"), s)?.key).toBe("2026-03-20T05:00:00.000Z");
    expect(nextSlot(at("2026-03-20T05:00:00Z"), s)?.key).toBe("2026-03-26T05:00:00.000Z");
    expect(latestDueSlot(at("2026-03-25T12:00:00Z"), s)?.key).toBe("2026-03-20T05:00:00.000Z");
  });

  it("a slot on the day of a change: a skipped wall time moves on, a doubled one takes the first", () => {
    expect(latestDueSlot(at("2026-03-29T12:00:00Z"), { days: [29], hour: 2, minute: 30 })?.key).toBe("2026-03-29T01:30:00.000Z");
    expect(latestDueSlot(at("2026-10-25T12:00:00Z"), { days: [25], hour: 2, minute: 30 })?.key).toBe("2026-10-25T00:30:00.000Z");
    expect(latestDueSlot(at("2026-10-25T12:00:00Z"), { days: [25], hour: 6, minute: 0 })?.key).toBe("2026-10-25T05:00:00.000Z");
    expect(latestDueSlot(at("2026-03-29T12:00:00Z"), { days: [29], hour: 6, minute: 0 })?.key).toBe("2026-03-29T04:00:00.000Z");
  });
});

describe("runDue", () => {
  it("runs each slot once, with the half-months complete at the slot, across the spring change", async () => {
    const s = makeServer({ start: "2026-03-20T05:30:00Z" });
    await submitApproved(s, vandalism("2026-03-05", { "111": 5, "121": 5 }));
    await submitApproved(s, vandalism("2026-03-20", { "111": 6, "121": 6 }));
    await grantAndSubscribe(s, "polisen");
    const first = await runDue(s.deps, s.clock.now());
    expect(first?.slot).toBe("2026-03-20T05:00:00.000Z");
    expect(first?.lastPeriod).toBe("2026-03-H1");
    expect(await runDue(s.deps, s.clock.now())).toBeNull();
    s.clock.set("2026-04-05T03:59:00Z");
    expect(await runDue(s.deps, s.clock.now())).toBeNull();
    s.clock.set("2026-04-05T04:00:00Z");
    const second = await runDue(s.deps, s.clock.now());
    expect(second?.slot).toBe("2026-04-05T04:00:00.000Z");
    expect(second?.lastPeriod).toBe("2026-03-H2");
    const res = await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"));
    expect(res.body.number).toBe(2);
    expect(res.body.cells.some((c: { period: string }) => c.period === "2026-03-H2")).toBe(true);
    expect(res.body.cells.some((c: { period: string }) => c.period === "2026-04-H1")).toBe(false);
  });

  it("makes up a run missed while the server was down, at the next start (across the autumn change)", async () => {
    const s = makeServer({ start: "2026-10-20T04:30:00Z" });
    await submitApproved(s, vandalism("2026-10-01", { "111": 5 }));
    await grantAndSubscribe(s, "polisen");
    expect((await runDue(s.deps, s.clock.now()))?.slot).toBe("2026-10-20T04:00:00.000Z");
    // Down from 21 October to 6 November: the 5 November 06:00 CET slot (05:00 UTC) was missed.
    s.clock.set("2026-11-06T10:00:00Z");
    const handle = startScheduler(s.deps, 3_600_000);
    await handle.idle();
    handle.stop();
    const rounds = listRounds(s.db);
    expect(rounds.map((r) => r.slot)).toEqual(["2026-10-20T04:00:00.000Z", "2026-11-05T05:00:00.000Z"]);
    expect(rounds[1].last_period).toBe("2026-10-H2");
  });

  it("the huvudman can change the schedule and the deadline; actors cannot", async () => {
    const s = makeServer();
    const body = { days: [1, 15], hour: 7, minute: 30, deadlineDays: 6, threshold: 5, historyMonths: 6 };
    expect((await request(s.app).put("/api/deliveries/settings").set(await s.as("polisen")).send(body)).status).toBe(403);
    const res = await request(s.app).put("/api/deliveries/settings").set(await s.as("huvudman")).send(body);
    expect(res.status).toBe(200);
    expect(res.body.nextRun).toBe("2026-04-01T05:30:00.000Z");
    expect(latestDueSlot(at("2026-04-01T05:30:00Z"), res.body)?.key).toBe("2026-04-01T05:30:00.000Z");
    expect((await request(s.app).put("/api/deliveries/settings").set(await s.as("huvudman")).send({ ...body, threshold: 2 })).status).toBe(400);
  });
});
