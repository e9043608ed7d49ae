// GET /api/alerts: the huvudman's weekly alert table from approved records; actors may not read it.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { addDays } from "../../shared/periods/civil-date";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { makeServer, policeRecord } from "../helpers/server";

describe("GET /api/alerts", () => {
  it("reports a week whose count jumps in one area, with its bound and method, to the huvudman only", async () => {
    const s = makeServer();
    // Two vandalism reports every week in 111 from Monday 2025-12-01, then 9 in the week of 2026-03-09 (2026-W11).
    const records: DeidentifiedRecord[] = [];
    for (let day = "2025-12-01"; day < "2026-03-09"; day = addDays(day, 7)) records.push(policeRecord(day), policeRecord(addDays(day, 2)));
    for (let i = 0; i < 9; i++) records.push(policeRecord(addDays("2026-03-09", i % 5)));
    const body = { templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: "alerts-1", records };
    const sub = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(body);
    expect(sub.status).toBe(201);
    expect((await request(s.app).post(`/api/review/submissions/${sub.body.submission.id}/approve`).set(await s.as("huvudman")).send({})).status).toBe(200);

    const res = await request(s.app).get("/api/alerts?indicator=skadegorelse-klotter&level=3").set(await s.as("huvudman"));
    expect(res.status).toBe(200);
    expect(res.body.minSigma).toBe(1);
    const hit = res.body.alerts.find((a: { nyko: string; week: string }) => a.nyko === "111" && a.week === "2026-W11");
    expect(hit).toMatchObject({ indicator: "skadegorelse-klotter", level: 3, observed: 9, alarm: true });
    expect(hit.upperbound).toBeLessThan(9);
    expect(["C1", "C2", "C3"]).toContain(hit.method);
    // Only alarms by default; every verdict with all=1. The current week (2026-W12) is not complete yet.
    expect(res.body.alerts.every((a: { alarm: boolean }) => a.alarm)).toBe(true);
    const all = await request(s.app).get("/api/alerts?indicator=skadegorelse-klotter&nyko=111&all=1").set(await s.as("huvudman"));
    expect(all.body.alerts.some((a: { alarm: boolean }) => !a.alarm)).toBe(true);
    expect(all.body.alerts.map((a: { week: string }) => a.week)).not.toContain("2026-W12");
    // Observed, expected and how unusual for the sentence; strongest first.
    expect(hit.expected).toBeGreaterThan(1);
    expect(hit.expected).toBeLessThan(3);
    expect(hit.pValue).toBeLessThan(0.001);
    const ps = all.body.alerts.map((a: { pValue: number }) => a.pValue);
    expect(ps).toEqual([...ps].sort((a, b) => a - b));
    // ?weeks=N: the last N complete weeks only.
    const last2 = await request(s.app).get("/api/alerts?indicator=skadegorelse-klotter&nyko=111&all=1&weeks=2").set(await s.as("huvudman"));
    expect(last2.body.lastWeek).toBe("2026-W11");
    expect(last2.body.alerts.map((a: { week: string }) => a.week).sort()).toEqual(["2026-W10", "2026-W11"]);
    expect((await request(s.app).get("/api/alerts?weeks=0").set(await s.as("huvudman"))).status).toBe(400);
    expect((await request(s.app).get("/api/alerts?weeks=53").set(await s.as("huvudman"))).status).toBe(400);

    expect((await request(s.app).get("/api/alerts").set(await s.as("polisen"))).status).toBe(403);
    expect((await request(s.app).get("/api/alerts?bogus=1").set(await s.as("huvudman"))).status).toBe(400);
  });
});
