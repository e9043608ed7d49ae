import { describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../db/database";
import { migrate } from "../db/migrate";
import { fixedClock } from "../clock";
import { appendAudit, verifyAuditChain } from "./log";

function dbWithEntries(n: number): Db {
  const db = openDatabase(":memory:");
  migrate(db);
  const clock = fixedClock("2026-03-01T10:00:00Z");
  for (let i = 1; i <= n; i++) {
    appendAudit(db, clock, { actor: `user:${i}`, action: "login", details: { device: `d${i}` } });
    clock.advance(1000);
  }
  return db;
}

/** What an attacker with the file could do: drop the append-only triggers and change rows. */
function unlock(db: Db) {
  db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
}

describe("audit chain", () => {
  it("verifies an untouched chain", () => {
    const db = dbWithEntries(5);
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 5, problems: [] });
  });

  it("refuses updates and deletes through the triggers", () => {
    const db = dbWithEntries(2);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM audit_log WHERE seq = 1").run()).toThrow(/append-only/);
  });

  it("detects an edited entry", () => {
    const db = dbWithEntries(5);
    unlock(db);
    db.prepare("UPDATE audit_log SET details = ? WHERE seq = 3").run(JSON.stringify({ device: "changed" }));
    const r = verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ seq: 3, kind: "edited" }));
  });

  it("detects an edited entry whose hash was recomputed (the next link breaks)", () => {
    const db = dbWithEntries(5);
    unlock(db);
    db.prepare("UPDATE audit_log SET actor = 'user:99', hash = 'f' || substr(hash, 2) WHERE seq = 2").run();
    const r = verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.seq)).toContain(3);
  });

  it("detects a deleted entry", () => {
    const db = dbWithEntries(5);
    unlock(db);
    db.prepare("DELETE FROM audit_log WHERE seq = 3").run();
    const r = verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ seq: 4, kind: "gap" }));
    expect(r.problems).toContainEqual(expect.objectContaining({ seq: 4, kind: "broken-link" }));
  });

  it("detects a deleted first entry", () => {
    const db = dbWithEntries(3);
    unlock(db);
    db.prepare("DELETE FROM audit_log WHERE seq = 1").run();
    const r = verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ seq: 2, kind: "gap" }));
  });

  it("detects reordered entries (contents moved between positions, hashes kept)", () => {
    const db = dbWithEntries(4);
    unlock(db);
    const rows = db.prepare("SELECT * FROM audit_log ORDER BY seq").all() as Record<string, unknown>[];
    db.prepare("DELETE FROM audit_log").run();
    const ins = db.prepare("INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @details, @prev_hash, @hash)");
    const swapped = [rows[0], { ...rows[2], seq: 2 }, { ...rows[1], seq: 3 }, rows[3]];
    for (const r of swapped) ins.run(r);
    const r = verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ seq: 2, kind: "broken-link" }));
  });
});
