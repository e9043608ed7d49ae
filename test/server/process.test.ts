// The real server process: administration commands, online backup and restore, a SIGKILL mid-store, and a round
// a killed process left half-saved.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../sync-server/db/database";
import { insertDeliveryJson, insertSavingRound, nextDeliveryNumber } from "../../sync-server/stores/deliveries";
import { policeRecord } from "../helpers/server";
import { api, cli, startServerProcess, type RunningServer } from "../helpers/process";

const dirs: string[] = [];
const running: RunningServer[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "lb-proc-"));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const s of running) await s.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function loginAs(server: RunningServer, username: string, password = server.passwords.get(username)!): Promise<string> {
  const res = await api(server, "POST", "/api/auth/login", { username, password });
  expect(res.status).toBe(200);
  return res.body.accessToken as string;
}

describe("the lagesbild process", () => {
  it("serves HTTPS, keeps data across a restart, and the CLI administers, backs up while running and verifies the audit", async () => {
    const data = tempDir();
    const server = await startServerProcess(data);
    running.push(server);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // The real server's TLS refuses a client that offers only a CBC suite without forward secrecy.
    const port = Number(new URL(server.url).port);
    const offered = await new Promise<string>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port, ciphers: "AES128-SHA", maxVersion: "TLSv1.2", rejectUnauthorized: false }, () => {
        socket.end();
        resolve("accepted");
      });
      socket.on("error", () => resolve("refused"));
    });
    expect(offered).toBe("refused");
    expect(server.passwords.size).toBe(8);
    const token = await loginAs(server, "polisen");
    const sub = await api(server, "POST", "/api/submissions", { templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: "proc-key-0001", records: [policeRecord("2026-03-02")] }, token);
    expect(sub.status).toBe(201);

    const added = cli(data, ["user", "add", "ny.aktor", "--role", "actor", "--org", "brandforsvaret", "--password", "ett-långt-lösenord"]);
    expect(added.code).toBe(0);
    expect(await loginAs(server, "ny.aktor", "ett-långt-lösenord")).toBeTruthy();
    expect(cli(data, ["user", "passwd", "ny.aktor", "--password", "ett-annat-lösenord"]).code).toBe(0);
    expect((await api(server, "POST", "/api/auth/login", { username: "ny.aktor", password: "ett-långt-lösenord" })).status).toBe(401);
    expect(cli(data, ["user", "disable", "ny.aktor"]).code).toBe(0);
    expect((await api(server, "POST", "/api/auth/login", { username: "ny.aktor", password: "ett-annat-lösenord" })).status).toBe(401);

    const key = cli(data, ["key", "create", "polisen", "--name", "nattlig"]);
    expect(key.code).toBe(0);
    const secret = /(lb_\S+)/.exec(key.out)![1];
    expect((await api(server, "GET", "/api/auth/me", undefined, secret)).body).toMatchObject({ kind: "api-key", org: "polisen" });
    const prefix = secret.slice(3).split("_")[0];
    expect(cli(data, ["key", "revoke", prefix]).code).toBe(0);
    expect((await api(server, "GET", "/api/auth/me", undefined, secret)).status).toBe(401);

    const backupDir = tempDir();
    const backupFile = join(backupDir, "kopia.db");
    const backup = cli(data, ["backup", backupFile]);
    expect(backup.code).toBe(0);
    expect(cli(data, ["audit", "verify"])).toMatchObject({ code: 0 });

    // Data written after the backup is not in it.
    await api(server, "POST", "/api/submissions", { templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: "proc-key-0002", records: [policeRecord("2026-03-03")] }, token);
    await server.kill("SIGTERM");

    // Restart on the same directory keeps everything and does not seed again.
    const again = await startServerProcess(data);
    running.push(again);
    expect(again.passwords.size).toBe(0);
    const t2 = await loginAs(again, "polisen", server.passwords.get("polisen"));
    expect((await api(again, "GET", "/api/submissions", undefined, t2)).body.total).toBe(2);
    await again.kill("SIGTERM");

    // Restore: a fresh data directory whose database is the backup.
    const restored = tempDir();
    mkdirSync(restored, { recursive: true });
    copyFileSync(backupFile, join(restored, "lagesbild.db"));
    // The audit key belongs with the backup (kept apart from it): without it the sealed trail could not be verified.
    copyFileSync(join(data, "audit-key"), join(restored, "audit-key"));
    const fromBackup = await startServerProcess(restored);
    running.push(fromBackup);
    const t3 = await loginAs(fromBackup, "polisen", server.passwords.get("polisen"));
    const subs = (await api(fromBackup, "GET", "/api/submissions", undefined, t3)).body;
    expect(subs.total).toBe(1);
    expect(subs.submissions[0].idempotencyKey).toBe("proc-key-0001");
    await fromBackup.kill("SIGTERM");
    expect(cli(restored, ["audit", "verify"]).code).toBe(0);

    // Tampering is reported by `audit verify`.
    const db = openDatabase(join(restored, "lagesbild.db"));
    db.exec("DROP TRIGGER audit_log_no_update");
    db.prepare("UPDATE audit_log SET actor = 'user:999' WHERE seq = 2").run();
    db.close();
    const tampered = cli(restored, ["audit", "verify"]);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/post 2/);
  }, 400_000);

  it("SIGKILL while storing a 200,000-row chunked submission: integrity holds, all or nothing, a retry stores it once", async () => {
    const data = tempDir();
    const server = await startServerProcess(data);
    running.push(server);
    const token = await loginAs(server, "polisen");
    const total = 200_000;
    const partSize = 25_000;
    const count = total / partSize;
    const days = Array.from({ length: 28 }, (_, i) => `2025-${String((i % 12) + 1).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}`);
    const parts = Array.from({ length: count }, (_, p) =>
      Array.from({ length: partSize }, (_, j) => policeRecord(days[(p * partSize + j) % days.length], { hour: (p * partSize + j) % 24 })),
    );
    const body = (p: number) => ({ templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: "big-key-0001", records: parts[p], part: { uploadId: "big-upload-01", index: p, count } });
    for (let p = 0; p < count - 1; p++) expect((await api(server, "POST", "/api/submissions", body(p), token)).status).toBe(202);

    const wal = join(data, "lagesbild.db-wal");
    const stamp = () => {
      const st = statSync(wal);
      return `${st.size}:${st.mtimeMs}`;
    };
    let answered = false;
    let sent = false;
    const last = api(server, "POST", "/api/submissions", body(count - 1), token, () => (sent = true)).then(
      () => (answered = true),
      () => "connection closed",
    );
    while (!sent) await new Promise((r) => setTimeout(r, 1));
    const before = stamp();
    // The last part's transaction writes to the WAL as soon as it starts storing: kill at the first write.
    const deadline = Date.now() + 60_000;
    while (stamp() === before && !answered && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    const killedMidStore = !answered;
    await server.kill("SIGKILL");
    await last;
    expect(killedMidStore).toBe(true);

    const db = openDatabase(join(data, "lagesbild.db"));
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    // What any reader sees: no submission, or the whole one. The parts staged before (in a submission still
    // uploading, which no reader sees) hold exactly their own rows.
    const subs = db.prepare("SELECT id, row_count FROM submissions WHERE status <> 'uploading'").all() as { id: string; row_count: number }[];
    const rows = (db.prepare("SELECT count(*) AS n FROM submission_records r JOIN submissions s ON s.id = r.submission_id WHERE s.status <> 'uploading'").get() as { n: number }).n;
    expect(subs.length === 0 ? rows : subs[0].row_count).toBe(subs.length === 0 ? 0 : total);
    expect(rows === 0 || rows === total).toBe(true);
    const staged = db.prepare("SELECT coalesce(sum(row_count), 0) FROM upload_parts").pluck().get() as number;
    const uploadingRows = db.prepare("SELECT count(*) FROM submission_records r JOIN submissions s ON s.id = r.submission_id WHERE s.status = 'uploading'").pluck().get() as number;
    expect(uploadingRows).toBe(staged);
    expect(subs.length === 0 ? staged : 0).toBe(subs.length === 0 ? (count - 1) * partSize : 0);
    db.close();

    // The client retries the whole upload with the same key: stored exactly once.
    const again = await startServerProcess(data);
    running.push(again);
    const t2 = await loginAs(again, "polisen", server.passwords.get("polisen"));
    let final = null as null | { status: number; body: { submission: { counts: { rows: number } } } };
    for (let p = 0; p < count; p++) final = await api(again, "POST", "/api/submissions", body(p), t2);
    expect([200, 201]).toContain(final!.status);
    expect(final!.body.submission.counts.rows).toBe(total);
    const replay = await api(again, "POST", "/api/submissions", body(count - 1), t2);
    expect(replay.status).toBe(200);
    await again.kill("SIGTERM");
    const check = openDatabase(join(data, "lagesbild.db"));
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(check.prepare("SELECT count(*) AS n FROM submissions").get()).toEqual({ n: 1 });
    expect(check.prepare("SELECT count(*) AS n FROM submission_records").get()).toEqual({ n: total });
    expect(check.prepare("SELECT count(*) AS n FROM upload_parts").get()).toEqual({ n: 0 });
    check.close();
  }, 300_000);

  it("a delivery round a SIGKILL left half-saved is never seen, is deleted at the next start, and a retry lands once", async () => {
    const data = tempDir();
    const server = await startServerProcess(data);
    running.push(server);
    const token = await loginAs(server, "huvudman");
    const first = await api(server, "POST", "/api/deliveries/run", {}, token);
    expect(first.status).toBe(201);
    await server.kill("SIGKILL");

    // What a process killed between the stages of a round's save leaves: the round in `saving`, a delivery staged.
    const db = openDatabase(join(data, "lagesbild.db"));
    const at = new Date().toISOString();
    const roundId = insertSavingRound(db, { slot: `manual:${at}`, ran_at: at, last_period: first.body.lastPeriod, facts: "{}" });
    insertDeliveryJson(db, { org: "kommunen", number: nextDeliveryNumber(db, "kommunen"), roundId, createdAt: at }, JSON.stringify({ org: "kommunen", number: 2 }));
    db.close();

    const again = await startServerProcess(data);
    running.push(again);
    const t2 = await loginAs(again, "huvudman", server.passwords.get("huvudman"));
    expect((await api(again, "GET", "/api/deliveries/rounds", undefined, t2)).body.rounds.map((r: { id: number }) => r.id)).toEqual([first.body.roundId]);
    expect((await api(again, "GET", "/api/deliveries/latest", undefined, t2)).body.number).toBe(1);
    const retry = await api(again, "POST", "/api/deliveries/run", {}, t2);
    expect(retry.status).toBe(201);
    expect(retry.body.deliveries).toEqual([{ org: "kommunen", number: 2 }]);
    expect((await api(again, "GET", "/api/deliveries/rounds", undefined, t2)).body.rounds.map((r: { id: number }) => r.id)).toEqual([first.body.roundId, retry.body.roundId]);
    await again.kill("SIGTERM");

    const check = openDatabase(join(data, "lagesbild.db"));
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(check.prepare("SELECT status, count(*) AS n FROM delivery_rounds GROUP BY status").all()).toEqual([{ status: "sent", n: 2 }]);
    expect(check.prepare("SELECT round_id AS round, number FROM deliveries ORDER BY number").all()).toEqual([
      { round: first.body.roundId, number: 1 },
      { round: retry.body.roundId, number: 2 },
    ]);
    expect(check.prepare("SELECT details FROM audit_log WHERE action = 'delivery.discarded'").all()).toEqual([{ details: JSON.stringify({ roundIds: [roundId] }) }]);
    check.close();
  }, 300_000);
});
