// Every endpoint × every kind of caller. The callers: anonymous; the owning organisation's actor (polisen) and every
// other partner's actor user; the owning organisation's API key; an API key of the huvudman's organisation (it acts
// as an actor); the huvudman user; admin; an API key whose creator has been disabled; an expired access token.
// A completeness test fails when a route of the express app or of the OpenAPI document has no case here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { deliverySettingsSchema, registerKindSchema } from "../../shared/protocol/api";
import { builtinTemplate, DEMO_ORGANISATIONS } from "../../shared/templates/builtin";
import { signAccessToken } from "../../sync-server/auth/tokens";
import { fixedClock } from "../../sync-server/clock";
import { buildOpenApi } from "../../sync-server/routes/openapi";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import { grantAndSubscribe, submitApproved, vandalism, VANDALISM_ACCESS } from "../helpers/deliveries";
import { makeServer, PASSWORD, policeRecord, submitBody, type TestServer } from "../helpers/server";

/** Callers by their relation to the resource (its owner is polisen); `foreign` runs as every other partner's user. */
type Relation = "anon" | "actor" | "foreign" | "key" | "hkey" | "huvudman" | "admin" | "disabledKey" | "expired";
const FOREIGN_USERS = DEMO_ORGANISATIONS.map((o) => o.id as string).filter((id) => id !== "polisen" && id !== "kommunen");
const CALLERS: { name: string; relation: Relation }[] = [
  { name: "anonymous", relation: "anon" },
  { name: "polisen", relation: "actor" },
  ...FOREIGN_USERS.map((name) => ({ name, relation: "foreign" as const })),
  { name: "polisen's API key", relation: "key" },
  { name: "kommunen's API key", relation: "hkey" },
  { name: "huvudman", relation: "huvudman" },
  { name: "admin", relation: "admin" },
  { name: "a disabled user's API key", relation: "disabledKey" },
  { name: "an expired access token", relation: "expired" },
];

type Expect = Record<"anon" | "actor" | "foreign" | "key" | "huvudman" | "admin", number> & Partial<Record<"hkey" | "disabledKey" | "expired", number>>;

interface Case {
  /** The route as the OpenAPI document (or, for the short aliases, the express app) writes it: `get /api/x/{id}`. */
  route: string;
  /** The request path, when it differs from the route (placeholders filled, a query added). */
  path?: (s: TestServer) => Promise<string> | string;
  body?: (s: TestServer, caller: string) => Promise<unknown> | unknown;
  /** The huvudman organisation's key is an actor of a foreign organisation, a disabled user's key and an expired
   * token are nobody (as anonymous), unless said otherwise. */
  expect: Expect;
  /** Tells cases of one route apart. */
  note?: string;
}

let s: TestServer;
let apiKey = "";
let huvudmanKey = "";
let disabledKey = "";
let expiredToken = "";
let seq = 0;
let requestId = 0;
let interventionId = 0;
/** An intervention of the caller's organisation (a partner user's own; polisen's for everyone else). */
const interventionBody = (caller = "polisen") => ({
  name: "Trygghetsvandring i centrum", kind: "trygghetsvandring", orgs: [DEMO_ORGANISATIONS.some((o) => o.id === caller) ? caller : "polisen"],
  areas: ["111"], startDate: "2026-01-01", endDate: null, indicators: ["skadegorelse-klotter"],
});
async function policeIntervention(): Promise<number> {
  const res = await request(s.app).post("/api/interventions").set(await as("polisen")).send(interventionBody());
  return res.body.id as number;
}
const interventionVersion = () => (s.db.prepare("SELECT MAX(version) AS v FROM intervention_versions WHERE intervention_id = ?").get(interventionId) as { v: number }).v;
const RELEASE_ITEM = { indicator: "skadegorelse-klotter", levels: [0], periodType: "halfmonth", periods: ["2026-03-H1"] };

async function headers(c: { name: string; relation: Relation }): Promise<Record<string, string>> {
  switch (c.relation) {
    case "anon":
      return {};
    case "key":
      return { "X-Api-Key": apiKey };
    case "hkey":
      return { "X-Api-Key": huvudmanKey };
    case "disabledKey":
      return { Authorization: `Bearer ${disabledKey}` };
    case "expired":
      return { Authorization: `Bearer ${expiredToken}` };
    default:
      return s.as(c.name);
  }
}
const as = (name: string) => s.as(name);
async function policeSubmission(): Promise<string> {
  const res = await request(s.app).post("/api/submissions").set(await as("polisen")).send(submitBody([policeRecord("2026-03-02")]));
  return res.body.submission.id as string;
}
async function policeKeyId(): Promise<number> {
  const res = await request(s.app).post("/api/keys").set(await as("admin")).send({ org: "polisen", name: `k${++seq}` });
  return res.body.id as number;
}
async function refreshToken(): Promise<string> {
  const res = await request(s.app).post("/api/auth/login").send({ username: "matris", password: PASSWORD });
  return res.body.refreshToken as string;
}

const all = (n: number, anon = 401): Expect => ({ anon, actor: n, foreign: n, key: n, huvudman: n, admin: n });
const only = (ok: Partial<Record<Relation, number>>): Expect => ({ ...all(403), ...ok });
/** Public: every caller, whatever credentials it sends. */
const anyone = (n: number): Expect => ({ ...all(n, n), hkey: n, disabledKey: n, expired: n });
/** What an organisation's own data gives: its actors and key read it; other actors 403; huvudman and admin read it. */
const ownOrg = (n: number): Expect => ({ ...all(n), foreign: 403 });

const vandalismDef = BUILTIN_INDICATORS.find((d) => d.id === "skadegorelse-klotter")!;

const cases: Case[] = [
  // ---- public ----
  { route: "get /api/openapi.json", expect: anyone(200) },
  { route: "get /healthz", expect: anyone(200) },
  { route: "get /manifest.xml", expect: anyone(200) },
  { route: "post /api/auth/login", body: () => ({ username: "matris", password: PASSWORD, device: "Matris" }), expect: anyone(200) },
  { route: "post /api/auth/refresh", body: async () => ({ refreshToken: await refreshToken() }), expect: anyone(200) },
  { route: "post /api/auth/logout", body: async () => ({ refreshToken: await refreshToken() }), expect: anyone(200) },
  // ---- who am I, organisations, users, keys ----
  { route: "get /api/auth/me", expect: all(200) },
  { route: "get /api/organisations", expect: all(200) },
  { route: "post /api/organisations", body: () => ({ id: `org-${++seq}`, name: "Ny", kind: "annan" }), expect: only({ admin: 201 }) },
  {
    route: "post /api/organisations", note: "a second huvudman",
    body: () => ({ id: `hm-${++seq}`, name: "Ny huvudman", kind: "kommun", isHuvudman: true }), expect: only({}),
  },
  { route: "patch /api/organisations/{org}", path: () => "/api/organisations/polisen", body: () => ({ name: "Polisen LPO Demostad" }), expect: only({ admin: 200 }) },
  { route: "get /api/users", expect: only({ admin: 200 }) },
  { route: "post /api/users", body: () => ({ username: `user${++seq}`, password: "ett-långt-lösenord", role: "actor", org: "polisen" }), expect: only({ admin: 201 }) },
  { route: "patch /api/users/{id}", path: () => "/api/users/3", body: () => ({ role: "actor" }), expect: only({ admin: 200 }) },
  // Keys are managed by users: no key makes or lists keys, the huvudman organisation's neither.
  { route: "get /api/keys", expect: { ...only({ actor: 200, foreign: 200, admin: 200 }), hkey: 403 } },
  { route: "post /api/keys", body: () => ({ org: "polisen", name: `k${++seq}` }), expect: only({ actor: 201, admin: 201 }) },
  { route: "post /api/keys/{id}/revoke", path: async () => `/api/keys/${await policeKeyId()}/revoke`, body: () => ({}), expect: { ...only({ actor: 200, foreign: 404, admin: 200 }), hkey: 403 } },
  // ---- templates ----
  { route: "get /api/templates", expect: all(200) },
  {
    route: "post /api/templates",
    body: (srv) => {
      const v = (srv.db.prepare("SELECT MAX(version) AS v FROM templates WHERE id = 'vaktbolag-rapporter'").get() as { v: number }).v;
      // Each new version says something new (an unchanged one is refused as template-unchanged).
      return { template: { ...builtinTemplate("vaktbolag-rapporter")!, version: v + 1, title: `Vaktbolag v${v + 1}` } };
    },
    expect: only({ admin: 201 }),
  },
  { route: "get /api/templates/{id}/{version}", path: () => "/api/templates/polis-anmalningar/1", expect: { ...all(200), foreign: 404 } },
  { route: "get /api/templates/{id}/versions/{version}/blank.xlsx", path: () => "/api/templates/polis-anmalningar/versions/1/blank.xlsx", expect: { ...all(200), foreign: 404 } },
  { route: "get /api/templates/{id}/{version}/blank.xlsx", path: () => "/api/templates/polis-anmalningar/1/blank.xlsx", expect: { ...all(200), foreign: 404 } },
  { route: "post /api/templates/{id}/versions/{version}/retire", path: () => "/api/templates/vaktbolag-rapporter/versions/1/retire", body: () => ({ from: "2030-01-01" }), expect: only({ admin: 200 }) },
  { route: "post /api/templates/{id}/{version}/retire", path: () => "/api/templates/vaktbolag-rapporter/1/retire", body: () => ({ from: "2030-01-01" }), expect: only({ admin: 200 }) },
  { route: "post /api/templates/{id}/assignments", path: () => "/api/templates/polis-anmalningar/assignments", body: () => ({ org: "kommunen" }), expect: only({ admin: 200 }) },
  { route: "delete /api/templates/{id}/assignments/{org}", path: () => "/api/templates/polis-anmalningar/assignments/kommunen", expect: only({ admin: 200 }) },
  // ---- submissions and review ----
  { route: "post /api/submissions", body: () => submitBody([policeRecord("2026-03-02")]), expect: only({ actor: 201, key: 201, foreign: 404 }) },
  { route: "get /api/submissions", expect: all(200) },
  { route: "get /api/submissions", note: "?org=polisen", path: () => "/api/submissions?org=polisen", expect: ownOrg(200) },
  { route: "get /api/submissions/{id}", path: async () => `/api/submissions/${await policeSubmission()}`, expect: { ...all(200), foreign: 404 } },
  // Rows are data: admin reads configuration, not rows (see mayReadUnsuppressed).
  { route: "get /api/submissions/{id}/records", path: async () => `/api/submissions/${await policeSubmission()}/records`, expect: { ...all(200), foreign: 404, admin: 403 } },
  { route: "get /api/review/submissions", expect: only({ huvudman: 200 }) },
  { route: "get /api/review/submissions/{id}", path: async () => `/api/review/submissions/${await policeSubmission()}`, expect: only({ huvudman: 200 }) },
  { route: "post /api/review/submissions/{id}/approve", path: async () => `/api/review/submissions/${await policeSubmission()}/approve`, body: () => ({ replaceApproved: true }), expect: only({ huvudman: 200 }) },
  { route: "post /api/review/submissions/{id}/return", path: async () => `/api/review/submissions/${await policeSubmission()}/return`, body: () => ({ comment: "Komplettera." }), expect: only({ huvudman: 200 }) },
  // ---- duplicates and alerts (the huvudman's) ----
  { route: "get /api/duplicates", expect: only({ huvudman: 200 }) },
  { route: "post /api/duplicates/{id}/overrule", path: () => "/api/duplicates/999999/overrule", body: () => ({ comment: "Inte samma händelse." }), expect: only({ huvudman: 404 }) },
  { route: "post /api/duplicates/{id}/restore", path: () => "/api/duplicates/999999/restore", body: () => ({}), expect: only({ huvudman: 404 }) },
  { route: "get /api/alerts", expect: only({ huvudman: 200 }) },
  { route: "get /api/completeness", expect: only({ huvudman: 200 }) },
  // The yearly analysis: no round has published 2026 here, so the huvudman gets the Swedish 404.
  { route: "get /api/reports/year", path: () => "/api/reports/year?year=2026", expect: only({ huvudman: 404 }) },
  // ---- registers ----
  { route: "get /api/registers", expect: all(200) },
  { route: "get /api/registers/nyko-areas", expect: all(200) },
  ...registerKindSchema.options
    .filter((kind) => kind !== "population")
    .map((kind): Case => ({ route: `get /api/registers/${kind}/current`, expect: all(200) })),
  { route: "get /api/registers/population/{year}", path: () => "/api/registers/population/2026", expect: only({ huvudman: 200, admin: 200 }) },
  {
    route: "post /api/registers/{kind}", path: () => "/api/registers/nyko-areas",
    body: () => ({ validFrom: "2026-01-01", format: "csv", payload: readFileSync(join(DEMO_DIR, "nyko-omraden.csv"), "utf8") }),
    expect: only({ admin: 201 }),
  },
  // ---- audit ----
  { route: "get /api/audit", expect: only({ huvudman: 200, admin: 200 }) },
  { route: "get /api/audit/verify", expect: only({ huvudman: 200, admin: 200 }) },
  // ---- indicators, grants, subscriptions (configuration: everyone reads definitions; the huvudman changes them) ----
  { route: "get /api/indicators", expect: all(200) },
  { route: "post /api/indicators", body: () => ({ definition: { ...vandalismDef, id: `matris-${++seq}` } }), expect: only({ huvudman: 201 }) },
  { route: "get /api/indicators/{id}", path: () => "/api/indicators/skadegorelse-klotter", expect: all(200) },
  { route: "put /api/indicators/{id}/grain", path: () => "/api/indicators/skadegorelse-klotter/grain", body: () => vandalismDef.grain, expect: only({ huvudman: 200 }) },
  { route: "get /api/indicators/{id}/grain-suggestion", path: () => "/api/indicators/skadegorelse-klotter/grain-suggestion", expect: only({ huvudman: 200 }) },
  { route: "get /api/grants", expect: all(200) },
  { route: "get /api/grants", note: "?org=polisen", path: () => "/api/grants?org=polisen", expect: ownOrg(200) },
  { route: "put /api/grants/{org}", path: () => "/api/grants/polisen", body: () => ({ grants: [VANDALISM_ACCESS] }), expect: only({ huvudman: 200 }) },
  { route: "get /api/subscriptions", expect: all(200) },
  { route: "get /api/subscriptions", note: "?org=polisen", path: () => "/api/subscriptions?org=polisen", expect: ownOrg(200) },
  // Users choose subscriptions (an actor its own, the huvudman any); keys and admin do not.
  {
    route: "put /api/subscriptions", body: (_srv, caller) => ({ subscriptions: caller === "polisen" ? [VANDALISM_ACCESS] : [] }),
    expect: { ...only({ actor: 200, foreign: 200, huvudman: 200 }), hkey: 403 },
  },
  {
    route: "put /api/subscriptions", note: "?org=polisen", path: () => "/api/subscriptions?org=polisen", body: () => ({ subscriptions: [VANDALISM_ACCESS] }),
    expect: only({ actor: 200, huvudman: 200 }),
  },
  // ---- deliveries: polisen has one (suppressed); kommunen's is the huvudman's unsuppressed view ----
  { route: "get /api/deliveries/settings", expect: only({ huvudman: 200, admin: 200 }) },
  {
    route: "put /api/deliveries/settings",
    body: async () => {
      const current = (await request(s.app).get("/api/deliveries/settings").set(await as("huvudman"))).body as Record<string, unknown>;
      return Object.fromEntries(Object.keys(deliverySettingsSchema.shape).map((k) => [k, current[k]]));
    },
    expect: only({ huvudman: 200 }),
  },
  { route: "get /api/deliveries/uncertainty", expect: only({ huvudman: 200, admin: 200 }) },
  { route: "put /api/deliveries/uncertainty", body: () => ({ minBase: 10 }), expect: only({ huvudman: 200 }) },
  { route: "get /api/deliveries/rounds", expect: only({ huvudman: 200, admin: 200 }) },
  // A manual round is one per moment (its slot): the clock moves on so each call may start one.
  { route: "post /api/deliveries/run", path: (srv) => (srv.clock.advance(60_000), "/api/deliveries/run"), body: () => ({}), expect: only({ huvudman: 201 }) },
  { route: "get /api/deliveries", expect: all(200) },
  { route: "get /api/deliveries", note: "?org=polisen", path: () => "/api/deliveries?org=polisen", expect: ownOrg(200) },
  // The caller's own latest: partners without grants have none (404); the huvudman organisation's is unsuppressed.
  { route: "get /api/deliveries/latest", expect: { ...all(404), actor: 200, key: 200, huvudman: 200, hkey: 403, admin: 403 } },
  { route: "get /api/deliveries/latest", note: "?org=polisen", path: () => "/api/deliveries/latest?org=polisen", expect: ownOrg(200) },
  // The unsuppressed view: only a huvudman user, never its organisation's key, never admin.
  { route: "get /api/deliveries/latest", note: "?org=kommunen", path: () => "/api/deliveries/latest?org=kommunen", expect: only({ huvudman: 200 }) },
  { route: "get /api/deliveries/{number}", path: () => "/api/deliveries/1?org=polisen", expect: ownOrg(200) },
  { route: "get /api/deliveries/{number}", note: "?org=kommunen", path: () => "/api/deliveries/1?org=kommunen", expect: only({ huvudman: 200 }) },
  ...(["delivery.csv", "delivery.geojson", "map.svg", "map.png"] as const).flatMap((file): Case[] => [
    // Delivery 1 (made before the matrix changes grains and runs more rounds).
    { route: `get /api/exports/${file}`, path: () => `/api/exports/${file}?org=polisen&number=1`, expect: ownOrg(200) },
    { route: `get /api/exports/${file}`, note: "?org=kommunen", path: () => `/api/exports/${file}?org=kommunen&number=1`, expect: only({ huvudman: 200 }) },
  ]),
  { route: "get /api/exports/records.csv", expect: only({ huvudman: 200 }) },
  // ---- the huvudman's set-up checklist, the round's progress, the matching coverage ----
  { route: "get /api/setup", expect: only({ huvudman: 200 }) },
  { route: "get /api/deliveries/run/status", expect: only({ huvudman: 200 }) },
  { route: "get /api/duplicates/coverage", expect: only({ huvudman: 200 }) },
  // ---- reporting: who has reported, and the huvudman's closures ----
  // ---- requests for public documents: the huvudman's alone (the register holds who asked) ----
  { route: "get /api/requests", expect: only({ huvudman: 200 }) },
  { route: "post /api/requests", body: () => ({ receivedDate: "2026-03-20", requester: "Journalist", subject: "Skadegörelse per område" }), expect: only({ huvudman: 201 }) },
  { route: "get /api/requests/{id}", path: () => `/api/requests/${requestId}`, expect: only({ huvudman: 200 }) },
  { route: "put /api/requests/{id}/composition", path: () => `/api/requests/${requestId}/composition`, body: () => ({ items: [RELEASE_ITEM], refused: [] }), expect: only({ huvudman: 200 }) },
  { route: "post /api/requests/{id}/review", path: () => `/api/requests/${requestId}/review`, body: () => ({}), expect: only({ huvudman: 200 }) },
  { route: "get /api/requests/{id}/release.csv", path: () => `/api/requests/${requestId}/release.csv`, expect: only({ huvudman: 200 }) },
  { route: "get /api/requests/{id}/release.xlsx", path: () => `/api/requests/${requestId}/release.xlsx`, expect: only({ huvudman: 200 }) },
  // Each caller tries to decide a request of its own (a decided request is final).
  { route: "post /api/requests/{id}/decision", path: () => `/api/requests/${++requestId}/decision`, body: () => ({ decision: "avslag", reasons: "Sekretess." }), expect: only({ huvudman: 200 }) },
  { route: "get /api/reporting", expect: only({ huvudman: 200 }) },
  { route: "post /api/reporting/close", body: () => ({ org: "vaktbolaget", from: "2020-01-H1" }), expect: only({ huvudman: 200 }) },
  { route: "post /api/reporting/reopen", body: () => ({ org: "vaktbolaget", from: "2020-01-H1" }), expect: only({ huvudman: 200 }) },
  // ---- interventions: everyone signed in reads the register; users register their own (the huvudman any) ----
  { route: "get /api/interventions", expect: all(200) },
  { route: "post /api/interventions", body: (_srv, caller) => interventionBody(caller), expect: { ...only({ actor: 201, foreign: 201, huvudman: 201 }), hkey: 403 } },
  { route: "get /api/interventions/{id}", path: () => `/api/interventions/${interventionId}`, expect: all(200) },
  { route: "get /api/interventions/{id}/versions", path: () => `/api/interventions/${interventionId}/versions`, expect: all(200) },
  // The published cells to evaluate it on: the huvudman's gathered from what readers got; a partner's own delivery.
  { route: "get /api/interventions/{id}/cells", path: () => `/api/interventions/${interventionId}/cells`, expect: { ...all(200), admin: 403 } },
  // polisen registered it: its users and the huvudman edit it, nobody else.
  {
    route: "put /api/interventions/{id}", path: () => `/api/interventions/${interventionId}`,
    body: () => ({ baseVersion: interventionVersion(), intervention: interventionBody() }), expect: only({ actor: 200, huvudman: 200 }),
  },
  { route: "post /api/interventions/{id}/archive", path: async () => `/api/interventions/${await policeIntervention()}/archive`, body: () => ({ baseVersion: 1 }), expect: only({ actor: 200, huvudman: 200 }) },
  { route: "get /api/reporting/rhythms", expect: only({ huvudman: 200 }) },
  { route: "put /api/reporting/rhythm", body: () => ({ org: "vaktbolaget", rhythm: "halfmonth" }), expect: only({ huvudman: 200 }) },
];

const caseName = (c: Case) => `${c.route}${c.note ? ` (${c.note})` : ""}`;

/** `get /api/x/{id}` → a pattern for concrete paths (a placeholder stands for one segment). */
function routePattern(route: string): RegExp {
  const [method, path] = route.split(" ");
  const body = path.split("/").map((seg) => (/^\{.+\}$/.test(seg) || seg.startsWith(":") ? "[^/]+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  return new RegExp(`^${method === "_all" ? "[a-z]+" : method} ${body.join("/")}$`);
}

beforeAll(async () => {
  s = makeServer();
  const admin = await as("admin");
  apiKey = (await request(s.app).post("/api/keys").set(admin).send({ org: "polisen", name: "matrix" })).body.key;
  huvudmanKey = (await request(s.app).post("/api/keys").set(admin).send({ org: "kommunen", name: "matrix" })).body.key;
  // A user of its own for sign-in, refresh and sign-out (signing out ends that user's sessions).
  expect((await request(s.app).post("/api/users").set(admin).send({ username: "matris", password: PASSWORD, role: "actor", org: "polisen" })).status).toBe(201);
  // A key made by a user who is then disabled: it stops working with its creator.
  const maker = await request(s.app).post("/api/users").set(admin).send({ username: "nyckelmakare", password: PASSWORD, role: "actor", org: "polisen" });
  disabledKey = (await request(s.app).post("/api/keys").set({ Authorization: `Bearer ${await s.login("nyckelmakare")}` }).send({ org: "polisen", name: "gammal" })).body.key;
  expect((await request(s.app).patch(`/api/users/${maker.body.id}`).set(admin).send({ disabled: true })).status).toBe(200);
  // polisen's access token, issued two hours ago (valid signature and session; expired).
  const police = s.db.prepare("SELECT id, session_version AS sv FROM users WHERE username = 'polisen'").get() as { id: number; sv: number };
  expiredToken = signAccessToken(s.config, fixedClock(new Date(s.clock.now().getTime() - 2 * 3600_000)), { sub: String(police.id), role: "actor", org: "polisen", sv: police.sv }).token;
  // A delivery for polisen (suppressed) and for kommunen (the huvudman's unsuppressed view).
  await grantAndSubscribe(s, "polisen");
  await submitApproved(s, vandalism("2026-03-05", { "111": 5, "121": 4 }));
  expect((await request(s.app).post("/api/deliveries/run").set(await as("huvudman")).send({})).status).toBe(201);
  // Requests: one composed and reviewed for the reading cases, and one more for each caller's decision attempt.
  const h = await as("huvudman");
  for (let i = 0; i < 2 + CALLERS.length; i++) {
    const reg = await request(s.app).post("/api/requests").set(h).send({ receivedDate: "2026-03-20", requester: "Journalist", subject: "Skadegörelse" });
    if (i === 0) requestId = reg.body.id as number;
  }
  expect((await request(s.app).put(`/api/requests/${requestId}/composition`).set(h).send({ items: [RELEASE_ITEM], refused: [] })).status).toBe(200);
  expect((await request(s.app).post(`/api/requests/${requestId}/review`).set(h).send({})).status).toBe(200);
  interventionId = await policeIntervention();
  expect(interventionId).toBeGreaterThan(0);
});

describe("access matrix", () => {
  for (const c of cases) {
    it(caseName(c), async () => {
      const [method] = c.route.split(" ") as ["get" | "post" | "put" | "patch" | "delete"];
      const pattern = routePattern(c.route);
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const caller of CALLERS) {
        const path = c.path ? await c.path(s) : c.route.split(" ")[1];
        expect(`${method} ${path.split("?")[0]}`).toMatch(pattern); // the case really calls the route it names
        let req = request(s.app)[method](path).set(await headers(caller));
        if (c.body) req = req.send((await c.body(s, caller.name)) as object);
        const res = await req;
        const r = caller.relation;
        const expected = r === "hkey" ? (c.expect.hkey ?? c.expect.foreign) : r === "disabledKey" || r === "expired" ? (c.expect[r] ?? c.expect.anon) : c.expect[r];
        seen.push(`${caller.name}: ${res.status}${res.status >= 400 ? ` ${res.body.reason}` : ""}`);
        wanted.push(`${caller.name}: ${expected}${res.status >= 400 ? ` ${res.body.reason}` : ""}`);
        if (res.status >= 400) expect(res.body.status).toBe("error");
        // Nobody is told apart by how it is nobody: an expired token asks for a renewal, a dead key is invalid.
        if (res.status === 401 && r === "expired") expect(res.body.reason).toBe("token-expired");
        if (res.status === 401 && r === "disabledKey") expect(res.body.reason).toBe("token-invalid");
      }
      expect(seen).toEqual(wanted);
    });
  }
});

describe("every route has a case", () => {
  /** Every route the express app answers: `method /path/:param` (method `_all` for a route of every method). */
  function expressRoutes(): string[] {
    interface Layer {
      route?: { path: string | string[]; methods: Record<string, boolean> };
      handle?: { stack?: Layer[] };
      rawPath?: unknown;
    }
    const out: string[] = [];
    const walk = (stack: Layer[], prefix: string) => {
      for (const layer of stack) {
        if (layer.route) {
          const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
          for (const m of Object.keys(layer.route.methods)) for (const p of paths) out.push(`${m} ${(prefix + p).replace(/(.)\/$/, "$1")}`);
        } else if (layer.handle?.stack) {
          if (typeof layer.rawPath !== "string") throw new Error("a router mounted on a path this test cannot read");
          walk(layer.handle.stack, prefix + (layer.rawPath === "/" ? "" : layer.rawPath));
        }
      }
    };
    walk((s.app as unknown as { router: { stack: Layer[] } }).router.stack, "");
    return out;
  }
  const openApiRoutes = (): string[] =>
    Object.entries((buildOpenApi("https://localhost:3000") as { paths: Record<string, Record<string, unknown>> }).paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
  /** Express routes the OpenAPI document leaves out on purpose. */
  const UNDOCUMENTED: Record<string, string> = {
    "_all /api/templates/:id/versions/:version/:action": "rewrites the documented versions/ paths to the short ones",
    "get /api/templates/:id/:version/blank.xlsx": "the short form of the documented versions/{version}/blank.xlsx",
    "post /api/templates/:id/:version/retire": "the short form of the documented versions/{version}/retire",
    "get /manifest.xml": "the add-in manifest, outside the API",
    "get /healthz": "the health check, outside the API",
  };
  const caseRoutes = () => cases.map((c) => c.route);

  it("the express app and the OpenAPI document list the same routes", () => {
    const app = expressRoutes();
    const doc = openApiRoutes();
    expect(app.length).toBeGreaterThan(50);
    // Every documented operation is answered by some route of the app…
    expect(doc.filter((op) => !app.some((r) => routePattern(r).test(op.replace(/\{[^}]+\}/g, "x"))))).toEqual([]);
    // …and every route of the app is documented, or listed above with its reason.
    const undocumented = app.filter((r) => !(r in UNDOCUMENTED) && !doc.some((op) => routePattern(r).test(op.replace(/\{[^}]+\}/g, "x"))));
    expect(undocumented).toEqual([]);
    for (const r of Object.keys(UNDOCUMENTED)) expect(app).toContain(r);
  });

  it("every route of the app and every documented operation has a case in the matrix", () => {
    const covered = caseRoutes();
    expect(openApiRoutes().filter((op) => !covered.includes(op))).toEqual([]);
    const rewrite = "_all /api/templates/:id/versions/:version/:action"; // covered by the versions/ cases
    const missing = expressRoutes().filter((r) => r !== rewrite && !covered.some((c) => routePattern(r).test(c.replace(/\{[^}]+\}/g, "x"))));
    expect(missing).toEqual([]);
  });
});

describe("an actor sees only its own organisation", () => {
  it("organisations, keys and submissions lists are cut to the caller's organisation", async () => {
    await policeSubmission();
    const foreign = await as("vaktbolaget");
    const orgs = await request(s.app).get("/api/organisations").set(foreign);
    expect(orgs.body.organisations.map((o: { id: string }) => o.id)).toEqual(["vaktbolaget"]);
    const keys = await request(s.app).get("/api/keys").set(foreign);
    expect(keys.body.keys).toEqual([]);
    const subs = await request(s.app).get("/api/submissions").set(foreign);
    expect(subs.body.total).toBe(0);
    const own = await request(s.app).get("/api/submissions").set(await as("polisen"));
    expect(own.body.submissions.every((x: { org: string }) => x.org === "polisen")).toBe(true);
    expect(own.body.total).toBeGreaterThan(0);
    const templates = await request(s.app).get("/api/templates").set(foreign);
    expect(new Set(templates.body.templates.map((t: { template: { id: string } }) => t.template.id))).toEqual(new Set(["vaktbolag-rapporter"]));
  });

  it("a foreign actor cannot create keys for another organisation", async () => {
    const res = await request(s.app).post("/api/keys").set(await as("vaktbolaget")).send({ org: "polisen", name: "x" });
    expect(res.status).toBe(403);
  });
});
