import request from "supertest";
import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { testConfig } from "../../sync-server/config";
import { createLogger } from "../../sync-server/logger";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import { seedDemoPicture } from "../../sync-server/seed/picture";
import { makeServer } from "../helpers/server";

it("dumps", async () => {
  const s = makeServer({ start: "2026-11-20T09:00:00Z" });
  await seedDemoPicture({ db: s.db, config: testConfig(), clock: s.clock, logger: createLogger("silent") }, s.deps, DEMO_DIR);
  const latest = await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"));
  const areas = await request(s.app).get("/api/registers/nyko-areas").set(await s.as("polisen"));
  writeFileSync("/tmp/yv-polisen.json", JSON.stringify({ delivery: latest.body, areas: areas.body.areas }));
  s.db.close();
}, 600_000);
