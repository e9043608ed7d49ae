// Test helpers for deliveries: a seeded in-memory server whose delivery services (cube, solver) the test can reach,
// approved police records, and grants + subscriptions.
import request from "supertest";
import type { Express } from "express";
import type { LpSolver } from "../../shared/disclosure";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { createApp } from "../../sync-server/app";
import { fixedClock } from "../../sync-server/clock";
import { testConfig } from "../../sync-server/config";
import { openDatabase, type Db } from "../../sync-server/db/database";
import { migrate } from "../../sync-server/db/migrate";
import type { DeliveryDeps } from "../../sync-server/deliveries/round";
import { createDeliveryDeps } from "../../sync-server/deliveries/services";
import { seedDemo } from "../../sync-server/seed/demo";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import { PASSWORD, policeRecord } from "../server/helpers";

export interface DeliveryTestServer {
  db: Db;
  app: Express;
  clock: ReturnType<typeof fixedClock>;
  deps: DeliveryDeps;
  as(username: string): Promise<{ Authorization: string }>;
}

export function makeDeliveryServer(options: { start?: string; solver?: () => Promise<LpSolver> } = {}): DeliveryTestServer {
  const db = openDatabase(":memory:");
  migrate(db);
  const clock = fixedClock(options.start ?? "2026-03-20T09:00:00Z");
  seedDemo(db, DEMO_DIR, clock, { passwords: () => PASSWORD });
  const deps = createDeliveryDeps({ db, clock }, { engine: "inline", solver: options.solver });
  const app = createApp({ db, config: testConfig(), clock, deliveries: deps });
  // Access tokens expire with the injected clock: sign in again when the clock has moved on.
  const tokens = new Map<string, { token: string; at: number }>();
  return {
    db,
    app,
    clock,
    deps,
    as: async (username) => {
      const cached = tokens.get(username);
      if (!cached || Math.abs(clock.now().getTime() - cached.at) > 600_000) {
        const res = await request(app).post("/api/auth/login").send({ username, password: PASSWORD });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
        tokens.set(username, { token: res.body.accessToken as string, at: clock.now().getTime() });
      }
      return { Authorization: `Bearer ${tokens.get(username)!.token}` };
    },
  };
}

/** Submits police records as polisen and approves them as the huvudman. */
export async function submitApproved(s: DeliveryTestServer, records: DeidentifiedRecord[]): Promise<string> {
  const body = { templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: `k-${Math.random().toString(36).slice(2, 12)}`, records };
  const sub = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(body);
  if (sub.status !== 201) throw new Error(`submit: ${sub.status} ${JSON.stringify(sub.body)}`);
  const id = sub.body.submission?.id ?? sub.body.id;
  const ok = await request(s.app).post(`/api/review/submissions/${id}/approve`).set(await s.as("huvudman")).send({});
  if (ok.status !== 200) throw new Error(`approve: ${ok.status} ${JSON.stringify(ok.body)}`);
  return id as string;
}

/** Vandalism (police code 1201) rows: `counts[nyko]` rows on `date`. */
export function vandalism(date: string, counts: Record<string, number>): DeidentifiedRecord[] {
  return Object.entries(counts).flatMap(([nyko, n]) => Array.from({ length: n }, () => policeRecord(date, { nyko })));
}

export const VANDALISM_ACCESS = { indicator: "skadegorelse-klotter", levels: [0, 1, 2, 3], periodTypes: ["halfmonth", "month"] };

/** The huvudman grants `org` vandalism at every level, half-month and month; `org` subscribes to all of it. */
export async function grantAndSubscribe(s: DeliveryTestServer, org: string, entry: object = VANDALISM_ACCESS): Promise<void> {
  const g = await request(s.app).put(`/api/grants/${org}`).set(await s.as("huvudman")).send({ grants: [entry] });
  if (g.status !== 200) throw new Error(`grant: ${g.status} ${JSON.stringify(g.body)}`);
  const sub = await request(s.app).put("/api/subscriptions").set(await s.as(org)).send({ subscriptions: [entry] });
  if (sub.status !== 200) throw new Error(`subscribe: ${sub.status} ${JSON.stringify(sub.body)}`);
}
