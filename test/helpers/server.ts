// The one server factory of the tests: a migrated database (in memory unless a file is named) with the demo seeded,
// the app, its delivery services (cube, solver) and signed-in agents. The browser tests put the same app behind HTTPS.
import request from "supertest";
import type { Express } from "express";
import type { LpSolver } from "../../shared/disclosure";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { createApp } from "../../sync-server/app";
import { fixedClock, type Clock } from "../../sync-server/clock";
import { testConfig, type Config } from "../../sync-server/config";
import { openDatabase, type Db } from "../../sync-server/db/database";
import { migrate } from "../../sync-server/db/migrate";
import type { Logger } from "../../sync-server/logger";
import type { DeliveryDeps } from "../../sync-server/deliveries/round";
import { createDeliveryDeps } from "../../sync-server/deliveries/services";
import { seedDemo } from "../../sync-server/seed/demo";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";

export const PASSWORD = "demo-lösenord-123";

export type FixedClock = ReturnType<typeof fixedClock>;

export interface ServerOptions {
  /** Overrides of the test configuration. */
  config?: Partial<Config>;
  /** Where the fixed clock starts (default 2026-03-20T09:00:00Z). */
  start?: string;
  /** The LP solver of the delivery services' protection, which runs inline (default: HiGHS, loaded once). */
  solver?: () => Promise<LpSolver>;
  /** The database file (default: in memory). */
  database?: string;
  /** Where the app logs (default: the configured level on stdout). */
  logger?: Logger;
}

export interface TestServer<C extends Clock = FixedClock> {
  db: Db;
  app: Express;
  config: Config;
  clock: C;
  deps: DeliveryDeps;
  login(username: string): Promise<string>;
  /** Bearer header of a signed-in user: huvudman, admin, polisen, brandforsvaret, … (signed in again once the clock has moved on). */
  as(username: string): Promise<{ Authorization: string }>;
}

export function makeServer(options?: ServerOptions): TestServer;
/** With a clock of its own (the browser tests run on the system clock). */
export function makeServer<C extends Clock>(options: ServerOptions & { clock: C }): TestServer<C>;
export function makeServer(options: ServerOptions & { clock?: Clock } = {}): TestServer<Clock> {
  const db = openDatabase(options.database ?? ":memory:");
  migrate(db);
  const clock = options.clock ?? fixedClock(options.start ?? "2026-03-20T09:00:00Z");
  seedDemo(db, DEMO_DIR, clock, { passwords: () => PASSWORD });
  const config = testConfig(options.config);
  const deps = createDeliveryDeps({ db, clock, logger: options.logger }, { engine: "inline", solver: options.solver });
  const app = createApp({ db, config, clock, deliveries: deps, logger: options.logger });
  const login = async (username: string) => {
    const res = await request(app).post("/api/auth/login").send({ username, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  // Access tokens expire with the injected clock: sign in again when the clock has moved on.
  const tokens = new Map<string, { token: string; at: number }>();
  return {
    db, app, config, clock, deps, login,
    as: async (username) => {
      const cached = tokens.get(username);
      if (!cached || Math.abs(clock.now().getTime() - cached.at) > 600_000) tokens.set(username, { token: await login(username), at: clock.now().getTime() });
      return { Authorization: `Bearer ${tokens.get(username)!.token}` };
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
