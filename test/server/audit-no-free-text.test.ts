// The audit trail is append-only and can never be erased, so it holds ids, codes and counts, never what a user
// typed: a device label, a comment, a name. Text planted through every such field must not reach audit_log (while
// it does reach its own table, so the scan would find it if it were audited).
import request from "supertest";
import { describe, expect, it } from "vitest";
import { makeServer, PASSWORD, policeRecord, submitBody } from "../helpers/server";

const MARK = "qzxplant";

describe("the audit log holds no free text from users", () => {
  it("device labels, comments and names are kept out of audit_log", async () => {
    const s = makeServer();
    const admin = await s.as("admin");
    const hm = await s.as("huvudman");
    const police = await s.as("polisen");

    // Sign in with a device label, rotate, sign out.
    const login = await request(s.app).post("/api/auth/login").send({ username: "vaktbolaget", password: PASSWORD, device: `Excel ${MARK} dator` });
    expect(login.status).toBe(200);
    const refreshed = await request(s.app).post("/api/auth/refresh").send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await request(s.app).post("/api/auth/logout").send({ refreshToken: refreshed.body.refreshToken })).status).toBe(200);

    // Names: an organisation (created and renamed), a user, an API key.
    expect((await request(s.app).post("/api/organisations").set(admin).send({ id: "ny-org", name: `Organisation ${MARK}`, kind: "annan" })).status).toBe(201);
    expect((await request(s.app).patch("/api/organisations/ny-org").set(admin).send({ name: `Omdöpt ${MARK}`, kind: `sort ${MARK}` })).status).toBe(200);
    expect((await request(s.app).post("/api/users").set(admin).send({ username: `anv.${MARK}`, password: "ett-långt-lösenord", role: "actor", org: "polisen" })).status).toBe(201);
    expect((await request(s.app).post("/api/keys").set(police).send({ org: "polisen", name: `nyckel ${MARK}` })).status).toBe(201);

    // Comments: a return and an approval.
    const sub = async (date: string) => (await request(s.app).post("/api/submissions").set(police).send(submitBody([policeRecord(date)]))).body.submission.id as string;
    const returned = await request(s.app).post(`/api/review/submissions/${await sub("2026-03-02")}/return`).set(hm).send({ comment: `Komplettera ${MARK}` });
    expect(returned.status).toBe(200);
    const approved = await request(s.app).post(`/api/review/submissions/${await sub("2026-03-03")}/approve`).set(hm).send({ comment: `Bra ${MARK}` });
    expect(approved.status).toBe(200);

    // A query naming an unknown template or organisation is refused rather than recorded.
    expect((await request(s.app).get(`/api/exports/records.csv?templateId=mall-${MARK}`).set(hm)).status).toBe(404);
    expect((await request(s.app).get(`/api/exports/records.csv?org=org-${MARK}`).set(hm)).status).toBe(404);
    expect((await request(s.app).get("/api/exports/records.csv?templateId=polis-anmalningar").set(hm)).status).toBe(200);

    // Every planted text is stored where it belongs…
    const has = (sql: string) => (s.db.prepare(sql).get(`%${MARK}%`) as { n: number }).n;
    expect(has("SELECT count(*) AS n FROM refresh_tokens WHERE device LIKE ?")).toBeGreaterThan(0);
    expect(has("SELECT count(*) AS n FROM organisations WHERE name LIKE ?")).toBe(1);
    expect(has("SELECT count(*) AS n FROM users WHERE username LIKE ?")).toBe(1);
    expect(has("SELECT count(*) AS n FROM api_keys WHERE name LIKE ?")).toBe(1);
    expect(has("SELECT count(*) AS n FROM submissions WHERE comment LIKE ?")).toBe(2);

    // …and nowhere in the audit trail, whichever column.
    const rows = s.db.prepare("SELECT * FROM audit_log").all() as Record<string, unknown>[];
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ["login", "logout", "organisation.create", "organisation.update", "user.create", "key.create", "review.return", "review.approve", "export.records-csv"]) expect(actions).toContain(a);
    const leaks = rows.filter((r) => JSON.stringify(r).toLowerCase().includes(MARK));
    expect(leaks).toEqual([]);
    // The sign-in is traceable by its session (the refresh-token family), not by its label.
    const family = (s.db.prepare("SELECT family FROM refresh_tokens WHERE device LIKE ?").get(`%${MARK}%`) as { family: string }).family;
    const sessionEntries = rows.filter((r) => typeof r.details === "string" && r.details.includes(family)).map((r) => r.action);
    expect(sessionEntries.sort()).toEqual(["login", "logout"]);
  });
});
