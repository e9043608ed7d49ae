import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appendAudit } from "../audit/log";
import { systemClock } from "../clock";
import { inTransaction, openDatabase } from "../db/database";
import { migrate } from "../db/migrate";
import { getApiKeyRow, insertApiKey } from "../stores/keys";
import { insertOrganisation } from "../stores/organisations";
import { auditCommand, keyCommand } from "./admin";

afterEach(() => vi.restoreAllMocks());

function dbWithKeys() {
  const db = openDatabase(":memory:");
  migrate(db);
  insertOrganisation(db, { id: "polisen", name: "Polisen", kind: "polis", isHuvudman: false }, "2026-01-01T00:00:00Z");
  const first = insertApiKey(db, { hash: "a".repeat(64), prefix: "0badcafe", org: "polisen", name: "en", createdBy: "test" }, "2026-01-01T00:00:00Z");
  // A prefix is eight random hex digits; about one in forty is all decimal digits.
  const digits = insertApiKey(db, { hash: "b".repeat(64), prefix: "12345678", org: "polisen", name: "två", createdBy: "test" }, "2026-01-01T00:00:00Z");
  return { db, first, digits };
}

describe("lagesbild key revoke", () => {
  it("revokes by a prefix that is all decimal digits, not by an id of that number", () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { db, first, digits } = dbWithKeys();
    expect(keyCommand(db, { positional: ["revoke", "12345678"], flags: new Map() })).toBe(0);
    expect(getApiKeyRow(db, digits.id)!.revoked_at).not.toBeNull();
    expect(getApiKeyRow(db, first.id)!.revoked_at).toBeNull();
  });

  it("still revokes by numeric id, and by the whole key", () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { db, first, digits } = dbWithKeys();
    expect(keyCommand(db, { positional: ["revoke", String(first.id)], flags: new Map() })).toBe(0);
    expect(getApiKeyRow(db, first.id)!.revoked_at).not.toBeNull();
    expect(keyCommand(db, { positional: ["revoke", "lb_12345678_hemligt"], flags: new Map() })).toBe(0);
    expect(getApiKeyRow(db, digits.id)!.revoked_at).not.toBeNull();
  });

  it("says in Swedish when no key matches", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { db } = dbWithKeys();
    expect(keyCommand(db, { positional: ["revoke", "99999999"], flags: new Map() })).toBe(1);
    expect(errors.mock.calls.flat().join(" ")).toContain("finns inte");
  });
});

describe("lagesbild audit checkpoint / verify --checkpoint", () => {
  it("writes a signed checkpoint, verifies against it, and reports a trail cut short", () => {
    const logs = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { db } = dbWithKeys();
    inTransaction(db, () => {
      for (let i = 0; i < 25; i++) appendAudit(db, systemClock, { actor: "cli", action: "key.create", details: { key: String(i) } });
    });
    const dir = mkdtempSync(join(tmpdir(), "lb-cp-"));
    try {
      const file = join(dir, "kontrollpunkt.json");
      expect(auditCommand(db, { positional: ["checkpoint", file], flags: new Map() })).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(auditCommand(db, { positional: ["checkpoint", file], flags: new Map() })).toBe(1);
      expect(auditCommand(db, { positional: ["verify"], flags: new Map([["checkpoint", file]]) })).toBe(0);
      expect(logs.mock.calls.flat().join(" ")).toContain("stämmer med kontrollpunkten");
      db.exec("DROP TRIGGER audit_log_no_delete");
      db.prepare("DELETE FROM audit_log WHERE seq > 6").run();
      expect(auditCommand(db, { positional: ["verify"], flags: new Map() })).toBe(0);
      expect(auditCommand(db, { positional: ["verify"], flags: new Map([["checkpoint", file]]) })).toBe(1);
      expect(errors.mock.calls.flat().join(" ")).toMatch(/saknas: loggen har kortats/);
      expect(auditCommand(db, { positional: ["verify"], flags: new Map([["checkpoint", join(dir, "finns-inte.json")]]) })).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
