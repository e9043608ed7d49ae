// Login throttling: per account name and per address, 429 with Retry-After and a Swedish message, and failed
// attempts that do not grow the audit log one row at a time.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { FailureCounter, LoginThrottle, FAILURE_AUDIT_PER_HOUR } from "../../sync-server/auth/throttle";
import { makeServer, PASSWORD, type TestServer } from "../helpers/server";

const attempt = (s: TestServer, username: string, password: string) => request(s.app).post("/api/auth/login").send({ username, password });

function loginAudit(s: TestServer): { action: string; details: string }[] {
  return s.db.prepare("SELECT action, details FROM audit_log WHERE action LIKE 'login-failed' OR action LIKE 'login.locked' ORDER BY seq").all() as { action: string; details: string }[];
}

describe("login throttling", () => {
  it("locks an account after 5 failures: 429 with Retry-After and a Swedish message, even with the right password", async () => {
    const s = makeServer();
    for (let i = 0; i < 5; i++) expect((await attempt(s, "polisen", "fel-lösenord")).status).toBe(401);
    const locked = await attempt(s, "polisen", PASSWORD);
    expect([locked.status, locked.body.reason]).toEqual([429, "rate-limited"]);
    expect(locked.headers["retry-after"]).toBe("900");
    expect(locked.body.details).toEqual({ message: "För många misslyckade inloggningar. Försök igen om 15 minuter.", retryAfterSeconds: 900 });
    // Another account from the same address is not locked.
    expect((await attempt(s, "brandforsvaret", PASSWORD)).status).toBe(200);
    s.clock.advance(10 * 60_000);
    expect((await attempt(s, "polisen", PASSWORD)).headers["retry-after"]).toBe("300");
    s.clock.advance(5 * 60_000);
    expect((await attempt(s, "polisen", PASSWORD)).status).toBe(200);
  });

  it("a success ends the streak; failures spread over more than the window do not lock", async () => {
    const s = makeServer();
    for (let i = 0; i < 4; i++) await attempt(s, "polisen", "fel-lösenord");
    expect((await attempt(s, "polisen", PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) await attempt(s, "polisen", "fel-lösenord");
    s.clock.advance(16 * 60_000);
    for (let i = 0; i < 4; i++) await attempt(s, "polisen", "fel-lösenord");
    expect((await attempt(s, "polisen", PASSWORD)).status).toBe(200);
  });

  it("an unknown name locks the same way, so a lock does not tell whether the account exists", async () => {
    const s = makeServer();
    for (let i = 0; i < 5; i++) expect((await attempt(s, "finns.inte", "fel-lösenord")).status).toBe(401);
    expect((await attempt(s, "finns.inte", "fel-lösenord")).status).toBe(429);
  });

  it("locks an address after 20 failures across names", async () => {
    const s = makeServer();
    for (let i = 0; i < 20; i++) expect((await attempt(s, `gissning${i}`, "fel-lösenord")).status).toBe(401);
    const res = await attempt(s, "huvudman", PASSWORD);
    expect([res.status, res.body.reason, res.headers["retry-after"]]).toEqual([429, "rate-limited", "900"]);
  });

  it("300 wrong passwords at 25 per second leave a handful of audit rows, one per lockout", async () => {
    const s = makeServer();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const res = await attempt(s, "polisen", `fel-${i}`);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      s.clock.advance(40);
    }
    expect(statuses.get(401)).toBe(5);
    expect(statuses.get(429)).toBe(295);
    expect(loginAudit(s).map((r) => [r.action, JSON.parse(r.details)])).toEqual([
      ["login-failed", { reason: "password" }],
      ["login.locked", { scope: "account" }],
    ]);
  });

  it("two hours of attempts add one streak start and one lockout per lock period", async () => {
    const s = makeServer();
    let refused = 0;
    for (let i = 0; i < 60; i++) {
      refused += Number((await attempt(s, "polisen", "fel-lösenord")).status === 429);
      s.clock.advance(2 * 60_000); // 2 hours in all
    }
    expect(refused).toBeGreaterThan(25);
    const rows = loginAudit(s);
    const locks = rows.filter((r) => r.action === "login.locked").length;
    expect(locks).toBeGreaterThan(0);
    expect(locks).toBeLessThanOrEqual(10);
    expect(rows.length).toBeLessThanOrEqual(2 * locks + 1);
  });
});

describe("throttle memory and audit budget are bounded", () => {
  it("a counter holds at most its capacity, expired streaks going first", () => {
    const c = new FailureCounter({ maxFailures: 5, windowMs: 1000, lockMs: 1000 }, 100);
    for (let i = 0; i < 1000; i++) c.fail(`k${i}`, i);
    expect(c.size).toBeLessThanOrEqual(100);
  });

  it("failures from ever new names and addresses reach the audit log at most the hourly budget", () => {
    const t = new LoginThrottle();
    let audited = 0;
    for (let i = 0; i < 5000; i++) {
      const r = t.fail(`namn${i}`, `10.0.${i >> 8}.${i & 255}`, 1_000_000 + i);
      audited += Number(r.auditFailure) + Number(r.accountLocked) + Number(r.addressLocked);
    }
    expect(audited).toBe(FAILURE_AUDIT_PER_HOUR);
  });
});
