import request from "supertest";
import { describe, expect, it } from "vitest";
import { makeServer, policeRecord, submitBody } from "../helpers/server";

describe("bad input gets a 4xx with a stable code, never a 500", () => {
  it("malformed JSON → 400 malformed-json", async () => {
    const s = makeServer();
    const res = await request(s.app).post("/api/auth/login").set("Content-Type", "application/json").send('{"username": "a", ');
    expect([res.status, res.body.status, res.body.reason]).toEqual([400, "error", "malformed-json"]);
  });

  it("wrong types → 400 validation-failed naming the field", async () => {
    const s = makeServer();
    const res = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send({ ...submitBody([]), templateVersion: "ett" });
    expect([res.status, res.body.reason]).toEqual([400, "validation-failed"]);
    expect(res.body.details.issues[0].path).toBe("templateVersion");
    const notArray = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send({ ...submitBody([]), records: "x" });
    expect(notArray.status).toBe(400);
  });

  it("unknown fields → 400 unknown-field", async () => {
    const s = makeServer();
    const res = await request(s.app).post("/api/auth/login").send({ username: "polisen", password: "x", admin: true });
    expect([res.status, res.body.reason]).toEqual([400, "unknown-field"]);
    const sub = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send({ ...submitBody([]), personnummer: "x" });
    expect([sub.status, sub.body.reason]).toEqual([400, "unknown-field"]);
  });

  it("oversized body → 413 body-too-large", async () => {
    const s = makeServer({ config: { bodyLimitBytes: 10_000 } });
    const records = Array.from({ length: 200 }, () => policeRecord("2026-03-02"));
    const res = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody(records));
    expect([res.status, res.body.reason]).toEqual([413, "body-too-large"]);
  });

  it("a body over the default 20 MB limit → 413", async () => {
    const s = makeServer();
    const res = await request(s.app).post("/api/auth/login").set("Content-Type", "application/json").send(`{"username":"${"a".repeat(21 * 1024 * 1024)}"}`);
    expect([res.status, res.body.reason]).toEqual([413, "body-too-large"]);
  });

  it("SQL- and script-looking strings are just data", async () => {
    const s = makeServer();
    const evil = ["' OR '1'='1", "x'; DROP TABLE users; --", "<script>alert(1)</script>", "Robert'); DELETE FROM submissions;--", "=cmd|' /C calc'!A0"];
    for (const e of evil) {
      const login = await request(s.app).post("/api/auth/login").send({ username: e, password: e });
      expect([login.status, login.body.reason]).toEqual([401, "invalid-credentials"]);
      // A query names an organisation by its id: anything outside the id character set is refused (400), not searched.
      const q = await request(s.app).get(`/api/review/submissions?org=${encodeURIComponent(e)}`).set(await s.as("huvudman"));
      expect([q.status, q.body.reason]).toEqual([400, "validation-failed"]);
      const sub = await request(s.app).get(`/api/submissions/${encodeURIComponent(e)}`).set(await s.as("huvudman"));
      expect(sub.status).toBe(404);
      const t = await request(s.app).get(`/api/templates/${encodeURIComponent(e)}/1`).set(await s.as("huvudman"));
      expect(t.status).toBe(404);
      const rec = await request(s.app).post("/api/submissions").set(await s.as("polisen"))
        .send(submitBody([policeRecord("2026-03-02", { categories: { brottskod: "1201", brottsbenamning: e } })]));
      expect(rec.status).toBe(422);
      const key = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody([], e));
      expect(key.status).toBe(400);
    }
    expect(s.db.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 8 });
  });

  it("unknown routes → 404 not-found; malformed ids → 404", async () => {
    const s = makeServer();
    expect((await request(s.app).get("/api/nothing")).body).toEqual({ status: "error", reason: "not-found" });
    expect((await request(s.app).patch("/api/users/abc").set(await s.as("admin")).send({})).status).toBe(404);
    expect((await request(s.app).get("/api/templates/polis-anmalningar/99999999999").set(await s.as("admin"))).status).toBe(404);
  });

  it("a non-JSON content type on a JSON route is a validation failure, not a crash", async () => {
    const s = makeServer();
    const res = await request(s.app).post("/api/auth/login").set("Content-Type", "text/plain").send("username=x");
    expect([res.status, res.body.reason]).toEqual([400, "validation-failed"]);
  });
});
