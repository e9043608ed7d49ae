// Every endpoint × every kind of caller: anonymous, an actor of the owning organisation, an actor of a foreign
// organisation, the owning organisation's API key, an API key of the huvudman's organisation (it acts as an actor),
// the huvudman and the admin.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { builtinTemplate } from "../../shared/templates/builtin";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import { makeServer, policeRecord, submitBody, type TestServer } from "../helpers/server";

type Caller = "anon" | "actor" | "foreign" | "key" | "hkey" | "huvudman" | "admin";
const CALLERS: Caller[] = ["anon", "actor", "foreign", "key", "hkey", "huvudman", "admin"];

interface Case {
  name: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  path: (s: TestServer) => Promise<string> | string;
  body?: (s: TestServer) => unknown;
  /** The huvudman organisation's key is an actor of a foreign organisation unless `hkey` says otherwise. */
  expect: Record<Exclude<Caller, "hkey">, number> & { hkey?: number };
}

let s: TestServer;
let apiKey = "";
let huvudmanKey = "";
let seq = 0;
/** The request the matrix works on (registered and reviewed in beforeAll); the decision case takes a fresh one each call. */
let requestId = 0;
const RELEASE_ITEM = { indicator: "skadegorelse-klotter", levels: [0], periodType: "halfmonth", periods: ["2026-03-H1"] };
const headers = async (c: Caller): Promise<Record<string, string>> => {
  if (c === "anon") return {};
  if (c === "key") return { "X-Api-Key": apiKey };
  if (c === "hkey") return { "X-Api-Key": huvudmanKey };
  return s.as({ actor: "polisen", foreign: "vaktbolaget", huvudman: "huvudman", admin: "admin" }[c]);
};
async function policeSubmission(): Promise<string> {
  const res = await request(s.app).post("/api/submissions").set(await headers("actor")).send(submitBody([policeRecord("2026-03-02")]));
  return res.body.submission.id as string;
}
async function policeKeyId(): Promise<number> {
  const res = await request(s.app).post("/api/keys").set(await headers("admin")).send({ org: "polisen", name: `k${++seq}` });
  return res.body.id as number;
}

const all = (n: number, anon = 401): Case["expect"] => ({ anon, actor: n, foreign: n, key: n, huvudman: n, admin: n });
const only = (ok: Partial<Record<Caller, number>>): Case["expect"] => ({ ...all(403), ...ok });

const cases: Case[] = [
  { name: "GET /api/auth/me", method: "get", path: () => "/api/auth/me", expect: all(200) },
  { name: "GET /api/organisations", method: "get", path: () => "/api/organisations", expect: all(200) },
  { name: "POST /api/organisations", method: "post", path: () => "/api/organisations", body: () => ({ id: `org-${++seq}`, name: "Ny", kind: "annan" }), expect: only({ admin: 201 }) },
  { name: "PATCH /api/organisations/:org", method: "patch", path: () => "/api/organisations/polisen", body: () => ({ name: "Polisen LPO Demostad" }), expect: only({ admin: 200 }) },
  { name: "GET /api/users", method: "get", path: () => "/api/users", expect: only({ admin: 200 }) },
  { name: "POST /api/users", method: "post", path: () => "/api/users", body: () => ({ username: `user${++seq}`, password: "ett-långt-lösenord", role: "actor", org: "polisen" }), expect: only({ admin: 201 }) },
  { name: "PATCH /api/users/:id", method: "patch", path: () => "/api/users/3", body: () => ({ role: "actor" }), expect: only({ admin: 200 }) },
  { name: "GET /api/keys", method: "get", path: () => "/api/keys", expect: { ...only({ actor: 200, foreign: 200, admin: 200 }), hkey: 403 } },
  { name: "POST /api/keys", method: "post", path: () => "/api/keys", body: () => ({ org: "polisen", name: `k${++seq}` }), expect: only({ actor: 201, admin: 201 }) },
  { name: "POST /api/keys/:id/revoke", method: "post", path: async () => `/api/keys/${await policeKeyId()}/revoke`, body: () => ({}), expect: { ...only({ actor: 200, foreign: 404, admin: 200 }), hkey: 403 } },
  { name: "GET /api/templates", method: "get", path: () => "/api/templates", expect: all(200) },
  {
    name: "POST /api/templates", method: "post", path: () => "/api/templates",
    body: (srv) => {
      const v = (srv.db.prepare("SELECT MAX(version) AS v FROM templates WHERE id = 'vaktbolag-rapporter'").get() as { v: number }).v;
      // Each new version says something new (an unchanged one is refused as template-unchanged).
      return { template: { ...builtinTemplate("vaktbolag-rapporter")!, version: v + 1, title: `Vaktbolag v${v + 1}` } };
    },
    expect: only({ admin: 201 }),
  },
  { name: "GET /api/templates/:id/:version", method: "get", path: () => "/api/templates/polis-anmalningar/1", expect: { ...all(200), foreign: 404 } },
  { name: "GET /api/templates/:id/:version/blank.xlsx", method: "get", path: () => "/api/templates/polis-anmalningar/1/blank.xlsx", expect: { ...all(200), foreign: 404 } },
  { name: "POST /api/templates/:id/:version/retire", method: "post", path: () => "/api/templates/vaktbolag-rapporter/1/retire", body: () => ({ from: "2030-01-01" }), expect: only({ admin: 200 }) },
  { name: "POST /api/templates/:id/assignments", method: "post", path: () => "/api/templates/polis-anmalningar/assignments", body: () => ({ org: "kommunen" }), expect: only({ admin: 200 }) },
  { name: "DELETE /api/templates/:id/assignments/:org", method: "delete", path: () => "/api/templates/polis-anmalningar/assignments/kommunen", expect: only({ admin: 200 }) },
  { name: "POST /api/submissions", method: "post", path: () => "/api/submissions", body: () => submitBody([policeRecord("2026-03-02")]), expect: only({ actor: 201, key: 201, foreign: 404 }) },
  { name: "GET /api/submissions", method: "get", path: () => "/api/submissions", expect: all(200) },
  { name: "GET /api/submissions?org=polisen", method: "get", path: () => "/api/submissions?org=polisen", expect: { ...all(200), foreign: 403 } },
  { name: "GET /api/submissions/:id", method: "get", path: async () => `/api/submissions/${await policeSubmission()}`, expect: { ...all(200), foreign: 404 } },
  // Rows are data: admin reads configuration, not rows (see mayReadUnsuppressed).
  { name: "GET /api/submissions/:id/records", method: "get", path: async () => `/api/submissions/${await policeSubmission()}/records`, expect: { ...all(200), foreign: 404, admin: 403 } },
  {
    name: "POST /api/organisations (a second huvudman)", method: "post", path: () => "/api/organisations",
    body: () => ({ id: `hm-${++seq}`, name: "Ny huvudman", kind: "kommun", isHuvudman: true }), expect: only({}),
  },
  // The huvudman's unsuppressed view: only a huvudman user, never its organisation's key, never admin.
  { name: "GET /api/deliveries/latest?org=kommunen", method: "get", path: () => "/api/deliveries/latest?org=kommunen", expect: only({ huvudman: 200 }) },
  { name: "GET /api/deliveries/latest (huvudman org's own key)", method: "get", path: () => "/api/deliveries/latest", expect: { ...all(404), huvudman: 200, hkey: 403, admin: 403 } },
  { name: "GET /api/exports/delivery.csv?org=kommunen", method: "get", path: () => "/api/exports/delivery.csv?org=kommunen", expect: only({ huvudman: 200 }) },
  { name: "GET /api/exports/map.json?org=kommunen", method: "get", path: () => "/api/exports/map.json?org=kommunen", expect: only({ huvudman: 200 }) },
  { name: "GET /api/exports/records.csv", method: "get", path: () => "/api/exports/records.csv", expect: only({ huvudman: 200 }) },
  { name: "GET /api/review/submissions", method: "get", path: () => "/api/review/submissions", expect: only({ huvudman: 200 }) },
  { name: "GET /api/review/submissions/:id", method: "get", path: async () => `/api/review/submissions/${await policeSubmission()}`, expect: only({ huvudman: 200 }) },
  { name: "POST /api/review/submissions/:id/approve", method: "post", path: async () => `/api/review/submissions/${await policeSubmission()}/approve`, body: () => ({}), expect: only({ huvudman: 200 }) },
  { name: "POST /api/review/submissions/:id/return", method: "post", path: async () => `/api/review/submissions/${await policeSubmission()}/return`, body: () => ({ comment: "Komplettera." }), expect: only({ huvudman: 200 }) },
  { name: "GET /api/registers", method: "get", path: () => "/api/registers", expect: all(200) },
  { name: "GET /api/registers/nyko-areas", method: "get", path: () => "/api/registers/nyko-areas", expect: all(200) },
  { name: "GET /api/registers/:kind/current", method: "get", path: () => "/api/registers/polygons/current", expect: all(200) },
  { name: "GET /api/registers/population/:year", method: "get", path: () => "/api/registers/population/2026", expect: only({ huvudman: 200, admin: 200 }) },
  {
    name: "POST /api/registers/:kind", method: "post", path: () => "/api/registers/nyko-areas",
    body: () => ({ validFrom: "2026-01-01", format: "csv", payload: readFileSync(join(DEMO_DIR, "nyko-omraden.csv"), "utf8") }),
    expect: only({ admin: 201 }),
  },
  { name: "GET /api/audit", method: "get", path: () => "/api/audit", expect: only({ huvudman: 200, admin: 200 }) },
  { name: "GET /api/audit/verify", method: "get", path: () => "/api/audit/verify", expect: only({ huvudman: 200, admin: 200 }) },
  // Requests for public documents: the huvudman's alone (the register holds who asked).
  { name: "GET /api/requests", method: "get", path: () => "/api/requests", expect: only({ huvudman: 200 }) },
  {
    name: "POST /api/requests", method: "post", path: () => "/api/requests",
    body: () => ({ receivedDate: "2026-03-20", requester: "Journalist", subject: "Skadegörelse per område" }), expect: only({ huvudman: 201 }),
  },
  { name: "GET /api/requests/:id", method: "get", path: () => `/api/requests/${requestId}`, expect: only({ huvudman: 200 }) },
  { name: "PUT /api/requests/:id/composition", method: "put", path: () => `/api/requests/${requestId}/composition`, body: () => ({ items: [RELEASE_ITEM], refused: [] }), expect: only({ huvudman: 200 }) },
  { name: "POST /api/requests/:id/review", method: "post", path: () => `/api/requests/${requestId}/review`, body: () => ({}), expect: only({ huvudman: 200 }) },
  { name: "GET /api/requests/:id/release.csv", method: "get", path: () => `/api/requests/${requestId}/release.csv`, expect: only({ huvudman: 200 }) },
  { name: "GET /api/requests/:id/release.xlsx", method: "get", path: () => `/api/requests/${requestId}/release.xlsx`, expect: only({ huvudman: 200 }) },
  { name: "POST /api/requests/:id/decision", method: "post", path: () => `/api/requests/${++requestId}/decision`, body: () => ({ decision: "avslag", reasons: "Sekretess." }), expect: only({ huvudman: 200 }) },
  { name: "GET /api/openapi.json", method: "get", path: () => "/api/openapi.json", expect: all(200, 200) },
];

beforeAll(async () => {
  s = makeServer();
  apiKey = (await request(s.app).post("/api/keys").set(await s.as("admin")).send({ org: "polisen", name: "matrix" })).body.key;
  huvudmanKey = (await request(s.app).post("/api/keys").set(await s.as("admin")).send({ org: "kommunen", name: "matrix" })).body.key;
  expect((await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({})).status).toBe(201);
  const h = await s.as("huvudman");
  // Requests: one composed and reviewed for the reading cases, and enough registered for each decision attempt.
  for (let i = 0; i < 2 + CALLERS.length; i++) {
    const reg = await request(s.app).post("/api/requests").set(h).send({ receivedDate: "2026-03-20", requester: "Journalist", subject: "Skadegörelse" });
    if (i === 0) requestId = reg.body.id as number;
  }
  await request(s.app).put(`/api/requests/${requestId}/composition`).set(h).send({ items: [RELEASE_ITEM], refused: [] }).expect(200);
  await request(s.app).post(`/api/requests/${requestId}/review`).set(h).send({}).expect(200);
});

describe("access matrix", () => {
  for (const c of cases) {
    it(c.name, async () => {
      for (const caller of CALLERS) {
        const path = await c.path(s);
        let req = request(s.app)[c.method](path).set(await headers(caller));
        if (c.body) req = req.send(c.body(s) as object);
        const res = await req;
        const expected = caller === "hkey" ? (c.expect.hkey ?? c.expect.foreign) : c.expect[caller];
        expect({ caller, status: res.status }).toEqual({ caller, status: expected });
        if (res.status >= 400) expect(res.body.status).toBe("error");
      }
    });
  }
});

describe("an actor sees only its own organisation", () => {
  it("organisations, keys and submissions lists are cut to the caller's organisation", async () => {
    await policeSubmission();
    const foreign = await headers("foreign");
    const orgs = await request(s.app).get("/api/organisations").set(foreign);
    expect(orgs.body.organisations.map((o: { id: string }) => o.id)).toEqual(["vaktbolaget"]);
    const keys = await request(s.app).get("/api/keys").set(foreign);
    expect(keys.body.keys).toEqual([]);
    const subs = await request(s.app).get("/api/submissions").set(foreign);
    expect(subs.body.total).toBe(0);
    const own = await request(s.app).get("/api/submissions").set(await headers("actor"));
    expect(own.body.submissions.every((x: { org: string }) => x.org === "polisen")).toBe(true);
    expect(own.body.total).toBeGreaterThan(0);
    const templates = await request(s.app).get("/api/templates").set(foreign);
    expect(new Set(templates.body.templates.map((t: { template: { id: string } }) => t.template.id))).toEqual(new Set(["vaktbolag-rapporter"]));
  });

  it("a foreign actor cannot create keys for another organisation", async () => {
    const res = await request(s.app).post("/api/keys").set(await headers("foreign")).send({ org: "polisen", name: "x" });
    expect(res.status).toBe(403);
  });
});
