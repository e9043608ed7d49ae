import { describe, expect, it } from "vitest";
import { createSyncClient, SyncError, type Session } from "./sync-client";
import { errorText } from "./messages";

type Handler = (path: string, init: RequestInit) => { status: number; body?: unknown };

function fakeFetch(handler: Handler) {
  const seen: { path: string; auth: string | null; body: unknown }[] = [];
  const f = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = String(input);
    const headers = (init.headers ?? {}) as Record<string, string>;
    seen.push({ path, auth: headers.authorization ?? null, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const { status, body } = handler(path, init);
    return new Response(body === undefined ? "" : JSON.stringify(body), { status });
  }) as typeof fetch;
  return { f, seen };
}

const pair = (n: number) => ({ accessToken: `acc${n}`, expiresIn: 900, refreshToken: `ref${n}-0123456789`, user: { id: 1, username: "polisen", role: "actor", org: "polisen", disabled: false } });

describe("sync client", () => {
  it("maps a server error to a SyncError with the Swedish text from messages.ts", async () => {
    const { f } = fakeFetch(() => ({ status: 401, body: { status: "error", reason: "invalid-credentials" } }));
    const client = createSyncClient({ baseUrl: "https://x", fetch: f });
    const err = await client.login("a", "b").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect((err as SyncError).reason).toBe("invalid-credentials");
    expect((err as SyncError).message).toBe(errorText("invalid-credentials"));
    expect((err as SyncError).message).toBe("Fel användarnamn eller lösenord.");
  });

  it("renews an expired access token once with the refresh token and reports each new session", async () => {
    let templatesCalls = 0;
    const { f, seen } = fakeFetch((path) => {
      if (path.endsWith("/api/auth/login")) return { status: 200, body: pair(1) };
      if (path.endsWith("/api/auth/refresh")) return { status: 200, body: pair(2) };
      if (path.endsWith("/api/templates")) return ++templatesCalls === 1 ? { status: 401, body: { status: "error", reason: "token-expired" } } : { status: 200, body: { templates: [] } };
      return { status: 404, body: { status: "error", reason: "not-found" } };
    });
    const sessions: (Session | null)[] = [];
    const client = createSyncClient({ baseUrl: "", fetch: f, onSession: (s) => sessions.push(s) });
    await client.login("polisen", "pw");
    expect(await client.templates()).toEqual([]);
    expect(seen.map((s) => [s.path, s.auth])).toEqual([
      ["/api/auth/login", null],
      ["/api/templates", "Bearer acc1"],
      ["/api/auth/refresh", null],
      ["/api/templates", "Bearer acc2"],
    ]);
    expect(seen[2].body).toEqual({ refreshToken: "ref1-0123456789" });
    expect(sessions.map((s) => s?.refreshToken)).toEqual(["ref1-0123456789", "ref2-0123456789"]);
  });

  it("clears the session when renewal fails, and on logout", async () => {
    const { f } = fakeFetch((path) => (path.endsWith("/api/auth/refresh") ? { status: 401, body: { status: "error", reason: "token-invalid" } } : { status: 200, body: { status: "ok" } }));
    const sessions: (Session | null)[] = [];
    const client = createSyncClient({ baseUrl: "", fetch: f, onSession: (s) => sessions.push(s) });
    await expect(client.resume("old-token-0123456789")).rejects.toMatchObject({ reason: "token-invalid" });
    expect(sessions).toEqual([null]);
    expect(client.session).toBeNull();
  });

  it("turns a network failure into network-error", async () => {
    const client = createSyncClient({ baseUrl: "", fetch: (async () => { throw new TypeError("Failed to fetch"); }) as typeof fetch });
    await expect(client.login("a", "b")).rejects.toMatchObject({ reason: "network-error", message: "Kunde inte nå servern. Kontrollera anslutningen." });
  });

  it("names the row and field of an identifying value", () => {
    expect(errorText("identifying-value", { issues: [{ row: 3, field: "categories.typ", code: "identifying-value", message: "x" }] })).toBe(
      "Servern hittade en identifierande uppgift och tog inte emot något. (post 3, fält categories.typ)",
    );
    expect(errorText("identifying-value", { row: 12, field: "categories.typ" })).toContain("rad 12, fält categories.typ");
    expect(errorText("some-new-code")).toBe("Ett fel uppstod (some-new-code).");
  });
});
