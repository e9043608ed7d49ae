import jwt from "jsonwebtoken";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../sync-server/audit/log";
import { makeServer, PASSWORD } from "../helpers/server";

describe("auth", () => {
  it("login returns a short-lived HS256 token and a refresh token; /me names the caller", async () => {
    const s = makeServer();
    const res = await request(s.app).post("/api/auth/login").send({ username: "polisen", password: PASSWORD, device: "test" });
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBeLessThanOrEqual(3600);
    const header = JSON.parse(Buffer.from(res.body.accessToken.split(".")[0], "base64url").toString());
    expect(header.alg).toBe("HS256");
    const me = await request(s.app).get("/api/auth/me").set("Authorization", `Bearer ${res.body.accessToken}`);
    expect(me.body).toEqual({ kind: "user", userId: res.body.user.id, username: "polisen", role: "actor", org: "polisen" });
  });

  it("a wrong password or unknown user gets 401 invalid-credentials and is audited as failed", async () => {
    const s = makeServer();
    const a = await request(s.app).post("/api/auth/login").send({ username: "polisen", password: "fel-lösenord" });
    const b = await request(s.app).post("/api/auth/login").send({ username: "ingen", password: "fel-lösenord" });
    expect([a.status, a.body.reason, b.status, b.body.reason]).toEqual([401, "invalid-credentials", 401, "invalid-credentials"]);
    const failed = s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login-failed'").get();
    expect(failed).toEqual({ n: 2 });
    const logged = JSON.stringify(s.db.prepare("SELECT * FROM audit_log").all());
    expect(logged).not.toContain("fel-lösenord");
  });

  it("refresh rotates: the new token works, the old one is refused and its reuse revokes the family", async () => {
    const s = makeServer();
    const first = (await request(s.app).post("/api/auth/login").send({ username: "polisen", password: PASSWORD })).body;
    const second = await request(s.app).post("/api/auth/refresh").send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const reuse = await request(s.app).post("/api/auth/refresh").send({ refreshToken: first.refreshToken });
    expect([reuse.status, reuse.body.reason]).toEqual([401, "token-invalid"]);
    const afterReuse = await request(s.app).post("/api/auth/refresh").send({ refreshToken: second.body.refreshToken });
    expect(afterReuse.status).toBe(401);
  });

  it("a refresh token idle for more than 30 days is refused; used within 30 days it lives on", async () => {
    const s = makeServer();
    const first = (await request(s.app).post("/api/auth/login").send({ username: "polisen", password: PASSWORD })).body;
    s.clock.advance(29 * 86_400_000);
    const ok = await request(s.app).post("/api/auth/refresh").send({ refreshToken: first.refreshToken });
    expect(ok.status).toBe(200);
    s.clock.advance(31 * 86_400_000);
    const idle = await request(s.app).post("/api/auth/refresh").send({ refreshToken: ok.body.refreshToken });
    expect([idle.status, idle.body.reason]).toEqual([401, "token-expired"]);
  });

  it("logout revokes the refresh token", async () => {
    const s = makeServer();
    const first = (await request(s.app).post("/api/auth/login").send({ username: "polisen", password: PASSWORD })).body;
    expect((await request(s.app).post("/api/auth/logout").send({ refreshToken: first.refreshToken })).status).toBe(200);
    expect((await request(s.app).post("/api/auth/refresh").send({ refreshToken: first.refreshToken })).status).toBe(401);
  });

  it("a disabled user can neither sign in nor use an issued token", async () => {
    const s = makeServer();
    const token = await s.login("polisen");
    const id = (s.db.prepare("SELECT id FROM users WHERE username = 'polisen'").get() as { id: number }).id;
    const dis = await request(s.app).patch(`/api/users/${id}`).set(await s.as("admin")).send({ disabled: true });
    expect(dis.status).toBe(200);
    expect((await request(s.app).get("/api/auth/me").set("Authorization", `Bearer ${token}`)).status).toBe(401);
    expect((await request(s.app).post("/api/auth/login").send({ username: "polisen", password: PASSWORD })).status).toBe(401);
  });

  it("API keys: shown once, stored hashed, usable as Bearer or X-Api-Key, revocable", async () => {
    const s = makeServer();
    const created = await request(s.app).post("/api/keys").set(await s.as("admin")).send({ org: "polisen", name: "nattlig export" });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^lb_/);
    expect(JSON.stringify(s.db.prepare("SELECT * FROM api_keys").all())).not.toContain(key);
    const list = await request(s.app).get("/api/keys").set(await s.as("admin"));
    expect(JSON.stringify(list.body)).not.toContain(key);
    const me1 = await request(s.app).get("/api/auth/me").set("Authorization", `Bearer ${key}`);
    const me2 = await request(s.app).get("/api/auth/me").set("X-Api-Key", key);
    expect(me1.body).toMatchObject({ kind: "api-key", role: "actor", org: "polisen" });
    expect(me2.body).toMatchObject({ kind: "api-key", org: "polisen" });
    // A key may not manage keys or users.
    expect((await request(s.app).get("/api/keys").set("X-Api-Key", key)).status).toBe(403);
    await request(s.app).post(`/api/keys/${created.body.id}/revoke`).set(await s.as("admin")).send({});
    expect((await request(s.app).get("/api/auth/me").set("X-Api-Key", key)).status).toBe(401);
    expect(verifyAuditChain(s.db).ok).toBe(true);
  });
});

describe("tokens that must be refused", () => {
  const claims = { role: "admin", org: "kommunen" };

  it("missing token → 401 unauthorized", async () => {
    const s = makeServer();
    const res = await request(s.app).get("/api/submissions");
    expect([res.status, res.body]).toEqual([401, { status: "error", reason: "unauthorized" }]);
  });

  it("expired token → 401 token-expired", async () => {
    const s = makeServer();
    const token = await s.login("admin");
    s.clock.advance(3601_000);
    const res = await request(s.app).get("/api/users").set("Authorization", `Bearer ${token}`);
    expect([res.status, res.body.reason]).toEqual([401, "token-expired"]);
  });

  it("tampered signature → 401 token-invalid", async () => {
    const s = makeServer();
    const token = await s.login("polisen");
    const [h, p, sig] = token.split(".");
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: "admin" })).toString("base64url")}.${sig}`;
    const res = await request(s.app).get("/api/users").set("Authorization", `Bearer ${forged}`);
    expect([res.status, res.body.reason]).toEqual([401, "token-invalid"]);
    const flipped = `${h}.${p}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
    expect((await request(s.app).get("/api/auth/me").set("Authorization", `Bearer ${flipped}`)).body.reason).toBe("token-invalid");
  });

  it("alg: none → 401 token-invalid", async () => {
    const s = makeServer();
    const now = Math.floor(s.clock.now().getTime() / 1000);
    const none = jwt.sign({ ...claims, sub: "2", iat: now }, "", { algorithm: "none", issuer: s.config.jwtIssuer, audience: s.config.jwtAudience, expiresIn: 600 });
    const res = await request(s.app).get("/api/users").set("Authorization", `Bearer ${none}`);
    expect([res.status, res.body.reason]).toEqual([401, "token-invalid"]);
  });

  it("wrong audience, wrong issuer, other algorithm or other key → 401 token-invalid", async () => {
    const s = makeServer();
    const now = Math.floor(s.clock.now().getTime() / 1000);
    const base = { issuer: s.config.jwtIssuer, audience: s.config.jwtAudience, expiresIn: 600, subject: "2" } as const;
    const tokens = [
      jwt.sign({ ...claims, iat: now }, s.config.jwtSecret, { ...base, audience: "another-api" }),
      jwt.sign({ ...claims, iat: now }, s.config.jwtSecret, { ...base, issuer: "someone-else" }),
      jwt.sign({ ...claims, iat: now }, s.config.jwtSecret, { ...base, algorithm: "HS512" }),
      jwt.sign({ ...claims, iat: now }, "another-secret-of-the-same-length-000000", base),
      "not.a.jwt",
    ];
    for (const t of tokens) {
      const res = await request(s.app).get("/api/users").set("Authorization", `Bearer ${t}`);
      expect([res.status, res.body.reason]).toEqual([401, "token-invalid"]);
    }
    const good = jwt.sign({ ...claims, iat: now }, s.config.jwtSecret, base);
    expect((await request(s.app).get("/api/users").set("Authorization", `Bearer ${good}`)).status).toBe(200);
  });
});
