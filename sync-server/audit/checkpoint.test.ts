// The three attacks on the audit trail, each by someone holding the database file but not the audit key:
// truncation, rewriting with the chain's own hash function, and an appended forged approval.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../clock";
import { inTransaction, openDatabase, type Db } from "../db/database";
import { migrate, MIGRATIONS_DIR } from "../db/migrate";
import { checkAgainstCheckpoint, createCheckpoint, parseCheckpoint, verifyAuditTrail } from "./checkpoint";
import { useAuditKey } from "./key";
import { appendAudit, entryHash, entryMac, GENESIS_HASH, sealLegacyAudit, verifyAuditChain } from "./log";

const KEY = Buffer.alloc(32, 7);
const clock = fixedClock("2026-03-01T10:00:00Z");

function dbWithEntries(n: number): Db {
  const db = openDatabase(":memory:");
  migrate(db);
  useAuditKey(db, KEY);
  for (let i = 1; i <= n; i++) {
    appendAudit(db, clock, { actor: `user:${i % 4}`, action: i % 3 ? "submission.create" : "review.approve", details: { submission: i } });
    clock.advance(1000);
  }
  return db;
}

function unlock(db: Db) {
  db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
}

interface Row { seq: number; at: string; actor: string; action: string; details: string; prev_hash: string; hash: string }

/** The attacker's tool: recompute every hash from `fromSeq` on with the project's own hash function. */
function rechain(db: Db, fromSeq: number) {
  const rows = db.prepare("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq").all(fromSeq) as Row[];
  let prev = fromSeq === 1 ? GENESIS_HASH : (db.prepare("SELECT hash FROM audit_log WHERE seq = ?").get(fromSeq - 1) as { hash: string }).hash;
  for (const r of rows) {
    const hash = entryHash(prev, r);
    db.prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?").run(prev, hash, r.seq);
    prev = hash;
  }
}

describe("the keyed audit chain against an attacker without the key", () => {
  it("an untouched trail verifies, with and without its checkpoint", () => {
    const db = dbWithEntries(30);
    const cp = createCheckpoint(db, clock, "cli");
    expect(cp.seq).toBe(31);
    expect(verifyAuditTrail(db, [cp])).toEqual({ ok: true, entries: 31, problems: [] });
    // Entries written after the checkpoint are fine too.
    appendAudit(db, clock, { actor: "user:1", action: "login", details: {} });
    expect(verifyAuditTrail(db, [cp]).ok).toBe(true);
  });

  it("truncation: deleting the last 20 entries is caught by the checkpoint", () => {
    const db = dbWithEntries(40);
    const cp = createCheckpoint(db, clock, "cli");
    unlock(db);
    db.prepare("DELETE FROM audit_log WHERE seq > ?").run(cp.seq - 20);
    // What remains is a whole chain: without the checkpoint nothing shows.
    expect(verifyAuditChain(db).ok).toBe(true);
    const r = verifyAuditTrail(db, [cp]);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ seq: cp.seq, kind: "truncated" })]);
  });

  it("rewriting: an edited entry with every following hash recomputed by the old hash function is caught", () => {
    const db = dbWithEntries(40);
    const cp = createCheckpoint(db, clock, "cli");
    unlock(db);
    db.prepare("UPDATE audit_log SET actor = 'user:99', details = ? WHERE seq = 12").run(JSON.stringify({ submission: 999 }));
    rechain(db, 12);
    // The plain hash chain is whole again: only the seals and the checkpoint show the rewrite.
    const plain = verifyAuditChain(db).problems.filter((p) => p.kind !== "forged");
    expect(plain).toEqual([]);
    const r = verifyAuditTrail(db, [cp]);
    expect(r.ok).toBe(false);
    expect(r.problems.filter((p) => p.kind === "forged").map((p) => p.seq)).toEqual(Array.from({ length: cp.seq - 11 }, (_, i) => 12 + i));
    expect(r.problems).toContainEqual(expect.objectContaining({ seq: cp.seq, kind: "rewritten" }));
    // Seals recomputed with a guessed key do not help.
    const guess = Buffer.alloc(32, 8);
    for (const row of db.prepare("SELECT seq, hash FROM audit_log WHERE seq >= 12").all() as { seq: number; hash: string }[])
      db.prepare("UPDATE audit_log SET mac = ? WHERE seq = ?").run(entryMac(guess, row.seq, row.hash), row.seq);
    expect(verifyAuditChain(db).problems.filter((p) => p.kind === "forged")).toHaveLength(cp.seq - 11);
  });

  it("appending: a forged review.approve after the last entry is caught, unsealed or with a made-up seal", () => {
    const db = dbWithEntries(20);
    const cp = createCheckpoint(db, clock, "cli");
    const last = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string };
    const forged = { seq: last.seq + 1, at: "2026-03-01T12:00:00.000Z", actor: "user:2", action: "review.approve", details: JSON.stringify({ submission: 7 }) };
    const hash = entryHash(last.hash, forged);
    const insert = db.prepare("INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.run(forged.seq, forged.at, forged.actor, forged.action, forged.details, last.hash, hash, null);
    let r = verifyAuditTrail(db, [cp]);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ seq: forged.seq, kind: "unkeyed" })]);

    unlock(db);
    db.prepare("UPDATE audit_log SET mac = ? WHERE seq = ?").run(entryMac(Buffer.alloc(32, 1), forged.seq, hash), forged.seq);
    r = verifyAuditTrail(db, [cp]);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ seq: forged.seq, kind: "forged" })]);
  });

  it("a trail whose seals were all removed is not taken for a trail from before the key", () => {
    const db = dbWithEntries(5);
    unlock(db);
    db.prepare("UPDATE audit_log SET mac = NULL").run();
    const r = verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: "unkeyed" }));
  });

  it("a checkpoint that was edited, or signed with another key, is refused", () => {
    const db = dbWithEntries(5);
    const cp = createCheckpoint(db, clock, "cli");
    expect(checkAgainstCheckpoint(db, { ...cp, seq: 3 })).toEqual([expect.objectContaining({ kind: "checkpoint-invalid" })]);
    const other = dbWithEntries(5);
    useAuditKey(other, Buffer.alloc(32, 9));
    const foreign = createCheckpoint(other, clock, "cli");
    expect(checkAgainstCheckpoint(db, foreign)).toEqual([expect.objectContaining({ kind: "checkpoint-invalid" })]);
  });

  it("reads a checkpoint file and says in Swedish when it is not one", () => {
    const db = dbWithEntries(2);
    const cp = createCheckpoint(db, clock, "cli");
    expect(parseCheckpoint(JSON.stringify(cp))).toEqual({ ok: true, value: cp });
    expect(parseCheckpoint("{")).toMatchObject({ ok: false, message: expect.stringContaining("JSON") });
    expect(parseCheckpoint(JSON.stringify({ ...cp, extra: 1 }))).toMatchObject({ ok: false, message: expect.stringContaining("kontrollpunkt") });
  });
});

describe("a trail from before the key (migration 004)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
  });

  /** A database at migration 003 with entries written the old way (no seal). */
  function legacyDb(n: number): Db {
    const dir = mkdtempSync(join(tmpdir(), "lb-mig3-"));
    dirs.push(dir);
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => /^00[123]_/.test(f))) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
    const db = openDatabase(":memory:");
    migrate(db, dir);
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const e = { seq, at: `2025-12-0${1 + (seq % 9)}T10:00:00.000Z`, actor: "user:1", action: "review.approve", details: JSON.stringify({ submission: seq }) };
      const hash = entryHash(prev, e);
      db.prepare("INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)").run(e.seq, e.at, e.actor, e.action, e.details, prev, hash);
      prev = hash;
    }
    migrate(db);
    useAuditKey(db, KEY);
    return db;
  }

  it("is sealed by one keyed entry naming its head, and verifies", () => {
    const db = legacyDb(6);
    expect(inTransaction(db, () => sealLegacyAudit(db, clock))).toBe(true);
    expect(inTransaction(db, () => sealLegacyAudit(db, clock))).toBe(false);
    const sealed = db.prepare("SELECT action, details FROM audit_log WHERE seq = 7").get() as { action: string; details: string };
    expect(sealed.action).toBe("audit.keyed");
    expect(JSON.parse(sealed.details)).toMatchObject({ legacyEntries: 6 });
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 7, problems: [] });
  });

  it("a rewrite of the old entries is caught by the first sealed entry", () => {
    const db = legacyDb(6);
    inTransaction(db, () => sealLegacyAudit(db, clock));
    unlock(db);
    db.prepare("UPDATE audit_log SET actor = 'user:5' WHERE seq = 2").run();
    rechain(db, 2);
    const r = verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ seq: 7, kind: "forged" })]);
  });
});
