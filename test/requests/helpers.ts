// Test helpers for requests for public documents: register, compose, review and decide as the huvudman.
import request from "supertest";
import { expect } from "vitest";
import type { ReleaseItem, RequestView } from "../../shared/protocol/requests";
import type { TestServer } from "../helpers/server";

export const INDICATOR = "skadegorelse-klotter";
export const PERIOD = "2026-03-H1";

/** Registers a request and composes its release; returns the request's number. */
export async function composedRequest(s: TestServer, items: ReleaseItem[], refused: object[] = [], requester = "Anna Journalist, Lokaltidningen"): Promise<number> {
  const h = await s.as("huvudman");
  const reg = await request(s.app).post("/api/requests").set(h).send({ receivedDate: "2026-03-20", requester, subject: "Skadegörelse per område i mars" });
  expect(reg.status).toBe(201);
  const id = reg.body.id as number;
  const comp = await request(s.app).put(`/api/requests/${id}/composition`).set(h).send({ items, refused });
  expect(comp.status).toBe(200);
  return id;
}

export async function review(s: TestServer, id: number): Promise<RequestView> {
  const res = await request(s.app).post(`/api/requests/${id}/review`).set(await s.as("huvudman")).send({});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as RequestView;
}

export async function decide(s: TestServer, id: number, decision: string, reasons = "Beslut enligt granskningen."): Promise<request.Response> {
  return request(s.app).post(`/api/requests/${id}/decision`).set(await s.as("huvudman")).send({ decision, reasons });
}

/** Runs a delivery round now (the clock moves on a minute first, so each run is its own slot). */
export async function runRound(s: TestServer): Promise<void> {
  s.clock.advance(60_000);
  const run = await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({});
  expect(run.status, JSON.stringify(run.body)).toBe(201);
  expect(run.body.status).toBe("sent");
}

export const districts: ReleaseItem = { indicator: INDICATOR, levels: [2], periodType: "halfmonth", periods: [PERIOD] };
