// Test helpers for the sync server: an in-memory database with the demo seeded, an app, and signed-in agents.
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../../sync-server/app";
import { fixedClock } from "../../sync-server/clock";
import { testConfig, type Config } from "../../sync-server/config";
import { openDatabase, type Db } from "../../sync-server/db/database";
import { migrate } from "../../sync-server/db/migrate";
import { seedDemo } from "../../sync-server/seed/demo";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import type { DeidentifiedRecord } from "../../shared/protocol/record";

export const PASSWORD = "demo-lösenord-123";

export interface TestServer {
  db: Db;
  app: Express;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  login(username: string): Promise<string>;
  /** Bearer header of a signed-in user: huvudman, admin, polisen, brandforsvaret, … */
  as(username: string): Promise<{ Authorization: string }>;
}

export function makeServer(overrides: Partial<Config> = {}): TestServer {
  const db = openDatabase(":memory:");
  migrate(db);
  const clock = fixedClock("2026-03-20T09:00:00Z");
  seedDemo(db, DEMO_DIR, clock, { passwords: () => PASSWORD });
  const config = testConfig(overrides);
  const app = createApp({ db, config, clock });
  const tokens = new Map<string, string>();
  const login = async (username: string) => {
    const res = await request(app).post("/api/auth/login").send({ username, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  return {
    db, app, config, clock, login,
    as: async (username) => {
      if (!tokens.has(username)) tokens.set(username, await login(username));
      return { Authorization: `Bearer ${tokens.get(username)}` };
    },
  };
}

/** A valid police record (de-identified) on `date`. */
export function policeRecord(date: string, over: Partial<DeidentifiedRecord> = {}): DeidentifiedRecord {
  return {
    templateId: "polis-anmalningar", templateVersion: 1, org: "polisen", date, hour: 14, period: null,
    categories: { brottskod: "1201", brottsbenamning: "Skadegörelse" }, nyko: "111", measures: {}, ...over,
  };
}

export function submitBody(records: unknown[], key = `key-${Math.random().toString(36).slice(2, 12)}`) {
  return { templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: key, records };
}
