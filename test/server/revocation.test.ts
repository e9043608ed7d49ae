// Revocation takes effect at once: access tokens issued before a logout, a family revocation, a password change or
// disabling the user are refused on the next request; a disabled user's API keys stop working; no `exp`, no entry.
import jwt from "jsonwebtoken";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { makeServer, PASSWORD, type TestServer } from "../helpers/server";

async function signIn(s: TestServer, username: string) {
  const res = await request(s.app).post("/api/auth/login").send({ username, password: PASSWORD });
  expect(res.status).toBe(200);
  return res.body as { accessToken: string; refreshToken: string; user: { id: number } };
}

async function meStatus(s: TestServer, token: string): Promise<[number, string | undefined]> {
  const res = await request(s.app).get("/api/auth/me").set("Authorization", `Bearer ${token}`);
  return [res.status, res.body.reason as string | undefined];
}

describe("revocation at once", () => {
  it("logout ends the access token of that sign-in", async () => {
    const s = makeServer();
    const pair = await signIn(s, "polisen");
    expect((await meStatus(s, pair.accessToken))[0]).toBe(200);
    expect((await request(s.app).post("/api/auth/logout").send({ refreshToken: pair.refreshToken })).status).toBe(200);
    expect(await meStatus(s, pair.accessToken)).toEqual([401, "token-expired"]);
    // Renewing is refused too: that sign-in has ended.
    expect((await request(s.app).post("/api/auth/refresh").send({ refreshToken: pair.refreshToken })).status).toBe(401);
    // Signing in again works, with a token of the new session version.
    expect((await meStatus(s, (await signIn(s, "polisen")).accessToken))[0]).toBe(200);
  });

  it("a reused refresh token revokes the family and the access tokens issued from it", async () => {
    const s = makeServer();
    const first = await signIn(s, "polisen");
    const rotated = await request(s.app).post("/api/auth/refresh").send({ refreshToken: first.refreshToken });
    expect(rotated.status).toBe(200);
    expect((await meStatus(s, rotated.body.accessToken))[0]).toBe(200);
    expect((await request(s.app).post("/api/auth/refresh").send({ refreshToken: first.refreshToken })).status).toBe(401);
    expect(await meStatus(s, rotated.body.accessToken)).toEqual([401, "token-expired"]);
    expect(await meStatus(s, first.accessToken)).toEqual([401, "token-expired"]);
    expect((await request(s.app).post("/api/auth/refresh").send({ refreshToken: rotated.body.refreshToken })).status).toBe(401);
  });

  it("a password change ends the user's access tokens", async () => {
    const s = makeServer();
    const pair = await signIn(s, "polisen");
    const res = await request(s.app).patch(`/api/users/${pair.user.id}`).set(await s.as("admin")).send({ password: "ett-helt-nytt-lösenord" });
    expect(res.status).toBe(200);
    expect(await meStatus(s, pair.accessToken)).toEqual([401, "token-expired"]);
    expect((await request(s.app).post("/api/auth/refresh").send({ refreshToken: pair.refreshToken })).status).toBe(401);
  });

  it("logout on one device: the other device's access token is refused as expired, and its refresh renews it", async () => {
    const s = makeServer();
    const a = await signIn(s, "polisen");
    const b = await signIn(s, "polisen");
    await request(s.app).post("/api/auth/logout").send({ refreshToken: a.refreshToken });
    expect(await meStatus(s, b.accessToken)).toEqual([401, "token-expired"]);
    const renewed = await request(s.app).post("/api/auth/refresh").send({ refreshToken: b.refreshToken });
    expect(renewed.status).toBe(200);
    expect((await meStatus(s, renewed.body.accessToken))[0]).toBe(200);
  });

  it("a role change alone keeps the session (the role is read from the database per request)", async () => {
    const s = makeServer();
    const pair = await signIn(s, "polisen");
    await request(s.app).patch(`/api/users/${pair.user.id}`).set(await s.as("admin")).send({ role: "actor" });
    expect((await meStatus(s, pair.accessToken))[0]).toBe(200);
  });

  it("disabling a user ends the user's access tokens and the API keys the user made", async () => {
    const s = makeServer();
    const pair = await signIn(s, "polisen");
    const created = await request(s.app).post("/api/keys").set("Authorization", `Bearer ${pair.accessToken}`).send({ org: "polisen", name: "nattlig" });
    expect(created.status).toBe(201);
    const adminKey = await request(s.app).post("/api/keys").set(await s.as("admin")).send({ org: "polisen", name: "av admin" });
    expect((await request(s.app).get("/api/auth/me").set("X-Api-Key", created.body.key)).status).toBe(200);
    expect((await request(s.app).patch(`/api/users/${pair.user.id}`).set(await s.as("admin")).send({ disabled: true })).status).toBe(200);
    expect(await meStatus(s, pair.accessToken)).toEqual([401, "token-invalid"]);
    const key = await request(s.app).get("/api/auth/me").set("X-Api-Key", created.body.key);
    expect([key.status, key.body.reason]).toEqual([401, "token-invalid"]);
    expect((await request(s.app).get("/api/auth/me").set("Authorization", `Bearer ${created.body.key}`)).status).toBe(401);
    // A key made by another user (still enabled) keeps working.
    expect((await request(s.app).get("/api/auth/me").set("X-Api-Key", adminKey.body.key)).status).toBe(200);
    // Enabling the user again brings the key back; the old access token stays dead.
    await request(s.app).patch(`/api/users/${pair.user.id}`).set(await s.as("admin")).send({ disabled: false });
    expect((await request(s.app).get("/api/auth/me").set("X-Api-Key", created.body.key)).status).toBe(200);
    expect((await meStatus(s, pair.accessToken))[0]).toBe(401);
    expect((await request(s.app).post("/api/auth/refresh").send({ refreshToken: pair.refreshToken })).status).toBe(401);
  });

  it("a token without exp, or one claiming to live longer than an hour, is refused", async () => {
    const s = makeServer();
    const pair = await signIn(s, "admin");
    const now = Math.floor(s.clock.now().getTime() / 1000);
    const opts = { issuer: s.config.jwtIssuer, audience: s.config.jwtAudience, subject: String(pair.user.id), algorithm: "HS256" } as const;
    const noExp = jwt.sign({ role: "admin", org: "kommunen", iat: now }, s.config.jwtSecret, opts);
    expect(JSON.parse(Buffer.from(noExp.split(".")[1], "base64url").toString()).exp).toBeUndefined();
    expect(await meStatus(s, noExp)).toEqual([401, "token-invalid"]);
    const long = jwt.sign({ role: "admin", org: "kommunen", iat: now }, s.config.jwtSecret, { ...opts, expiresIn: 7200 });
    expect(await meStatus(s, long)).toEqual([401, "token-invalid"]);
    const fine = jwt.sign({ role: "admin", org: "kommunen", iat: now }, s.config.jwtSecret, { ...opts, expiresIn: 600 });
    expect((await meStatus(s, fine))[0]).toBe(200);
  });
});
