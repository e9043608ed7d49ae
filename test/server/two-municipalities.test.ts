// Two municipalities side by side, each made by `lagesbild kommun create` in a data directory of its own and served
// by its own app: no token, API key, request or release file of one reaches the other, and neither has demo data.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../sync-server/app";
import { parseArgs } from "../../sync-server/cli/args";
import { kommunCommand } from "../../sync-server/cli/kommun";
import { systemClock } from "../../sync-server/clock";
import { openData } from "../../sync-server/main";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";

const root = mkdtempSync(join(tmpdir(), "lagesbild-kommuner-"));
const opened: { close(): void }[] = [];
afterAll(() => {
  for (const db of opened) db.close();
  rmSync(root, { recursive: true, force: true });
});

function create(id: string, port: number): Record<string, string> {
  const lines: string[] = [];
  const code = kommunCommand(parseArgs(["create", id, "--root", root, "--port", String(port), "--registers", DEMO_DIR, "--name", `${id} kommun`]), {}, (l) => lines.push(l));
  expect(code).toBe(0);
  const passwords: Record<string, string> = {};
  for (const l of lines) {
    const m = /^ {2}(\w+) \(\w+\): (\S+)$/.exec(l);
    if (m) passwords[m[1]] = m[2];
  }
  return passwords;
}

function serve(id: string) {
  const { db, config } = openData({ DATA_DIR: join(root, id), SEED_DEMO: "off", LOG_LEVEL: "silent" });
  opened.push(db);
  return { db, app: createApp({ db, config: { ...config, logLevel: "silent" }, clock: systemClock }) };
}

async function login(app: ReturnType<typeof serve>["app"], username: string, password: string): Promise<{ Authorization: string }> {
  const res = await request(app).post("/api/auth/login").send({ username, password });
  expect(res.status).toBe(200);
  return { Authorization: `Bearer ${res.body.accessToken}` };
}

describe("two municipalities on one host", () => {
  it("keep tokens, keys, requests and files apart, and start without demo data", async () => {
    const pa = create("alfa", 3101);
    const pb = create("beta", 3102);
    expect(kommunCommand(parseArgs(["create", "alfa", "--root", root]), {}, () => {})).toBe(1);
    // One signing key and one audit key each.
    for (const file of ["jwt-secret", "audit-key"]) expect(readFileSync(join(root, "alfa", file))).not.toEqual(readFileSync(join(root, "beta", file)));
    const a = serve("alfa");
    const b = serve("beta");

    const ha = await login(a.app, "huvudman", pa.huvudman);
    const hb = await login(b.app, "huvudman", pb.huvudman);
    // A token or password of one municipality is nothing in the other.
    expect((await request(b.app).get("/api/auth/me").set(ha)).status).toBe(401);
    expect((await request(b.app).post("/api/auth/login").send({ username: "huvudman", password: pa.huvudman })).status).toBe(401);
    const key = (await request(a.app).post("/api/keys").set(await login(a.app, "admin", pa.admin)).send({ org: "alfa", name: "k" })).body.key as string;
    expect((await request(a.app).get("/api/organisations").set({ "X-Api-Key": key })).status).toBe(200);
    expect((await request(b.app).get("/api/organisations").set({ "X-Api-Key": key })).status).toBe(401);

    // No demo data: the huvudman organisation only, registers from the folder, no submissions.
    expect((await request(a.app).get("/api/organisations").set(ha)).body.organisations.map((o: { id: string }) => o.id)).toEqual(["alfa"]);
    expect((await request(b.app).get("/api/organisations").set(hb)).body.organisations.map((o: { id: string }) => o.id)).toEqual(["beta"]);
    expect((await request(a.app).get("/api/submissions").set(ha)).body.total).toBe(0);
    expect((await request(a.app).get("/api/registers/nyko-areas").set(ha)).status).toBe(200);

    // A request and its release file in one are not in the other.
    const reg = await request(a.app).post("/api/requests").set(ha).send({ receivedDate: "2026-03-20", requester: "Reporter Alfa", subject: "Skadegörelse" });
    expect(reg.status).toBe(201);
    const id = reg.body.id as number;
    await request(a.app).put(`/api/requests/${id}/composition`).set(ha).send({ items: [{ indicator: "skadegorelse-klotter", levels: [0], periodType: "month", periods: ["2026-01"] }], refused: [] }).expect(200);
    await request(a.app).post(`/api/requests/${id}/review`).set(ha).send({}).expect(200);
    expect((await request(a.app).get(`/api/requests/${id}/release.csv`).set(ha)).status).toBe(200);
    expect((await request(b.app).get("/api/requests").set(hb)).body.requests).toEqual([]);
    expect((await request(b.app).get(`/api/requests/${id}`).set(hb)).status).toBe(404);
    expect((await request(b.app).get(`/api/requests/${id}/release.csv`).set(hb)).status).toBe(404);
    expect(JSON.stringify(b.db.prepare("SELECT * FROM audit_log").all())).not.toContain("alfa");
  }, 120_000);
});
