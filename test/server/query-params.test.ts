// Every query parameter of every GET operation in the OpenAPI document, generated from the document itself: any
// value (well-formed, malformed, repeated, unknown) gets an answer, never a 500; a refusal is 400 with the
// parameter named and a Swedish message; a well-formed value is never refused as malformed.
import fc from "fast-check";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApi } from "../../sync-server/routes/openapi";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, type TestServer } from "../helpers/server";

interface ParamSchema {
  type?: string;
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema: ParamSchema;
}

const doc = buildOpenApi("https://localhost:3000") as { paths: Record<string, Record<string, { parameters?: Param[] }>> };
const operations = Object.entries(doc.paths).flatMap(([path, ops]) => {
  const query = (ops.get?.parameters ?? []).filter((p) => p.in === "query");
  return query.length > 0 ? [{ path, query }] : [];
});

/** Well-formed values the document cannot say (dates, periods, weeks), by parameter name. */
const WELL_FORMED: Record<string, fc.Arbitrary<string>> = {
  at: fc.date({ min: new Date("2000-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  from: fc.date({ min: new Date("2000-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  to: fc.date({ min: new Date("2000-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  // Periods every endpoint with a `period` takes: a submission's (half-month, month, school year). A year or a quarter
  // is not a submission's period, so the submission lists refuse it (400) by design.
  period: fc.constantFrom("2026-03", "2026-03-H1", "2026-02-H2", "2025/26"),
};
const weekFrom = fc.tuple(fc.integer({ min: 2015, max: 2030 }), fc.integer({ min: 1, max: 52 })).map(([y, w]) => `${y}-W${String(w).padStart(2, "0")}`);

function wellFormed(path: string, p: Param): fc.Arbitrary<string> {
  if (path === "/api/alerts" && p.name === "from") return weekFrom;
  if (WELL_FORMED[p.name] && !p.schema.pattern?.includes("W")) return WELL_FORMED[p.name];
  const s = p.schema;
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.type === "integer") return fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 1e6, 1e9) }).map(String);
  // Ids: mostly real ones, sometimes any string of the id set.
  if (s.pattern === "^[a-z0-9][a-z0-9-]{0,59}$") return fc.oneof(fc.constantFrom("polisen", "kommunen", "polis-anmalningar", "skadegorelse-klotter"), fc.stringMatching(/^[a-z][a-z-]{0,20}$/));
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  return fc.string({ maxLength: s.maxLength ?? 20 });
}

const malformed: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", " ", "-1", "0", "1e9", "1.5", "NaN", "Infinity", "0x10", "99999999999999999999", "2026-02-31", "2026-13-45", "0000-00-00", "2026-W99", "2026-W00", "2026-13", "2026-00-H3", "9999/99", "null", "[]", "{}", "%00", "../..", "' OR 1=1 --", "19850101-1234"),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ minLength: 200, maxLength: 400 }),
);

/** An English word of zod's own messages: none may reach a user. */
const ENGLISH = /\b(Invalid|Too (small|big)|expected|Unrecognized|Required|received)\b/;

let s: TestServer;
let hm: Record<string, string>;
let submission = "";

function concrete(path: string): string {
  return path.replace("{id}", submission).replace("{number}", "1");
}

beforeAll(async () => {
  s = makeServer();
  await grantAndSubscribe(s, "polisen");
  submission = await submitApproved(s, vandalism("2026-03-05", { "111": 3, "121": 2 }));
  hm = await s.as("huvudman");
  expect((await request(s.app).post("/api/deliveries/run").set(hm).send({})).status).toBe(201);
});

describe("query parameters, from the OpenAPI document", () => {
  it("the document has GET operations with query parameters to test", () => {
    expect(operations.length).toBeGreaterThan(15);
  });

  for (const op of operations) {
    it(`GET ${op.path}`, async () => {
      // A required parameter left out is malformed too (400 naming it); an optional one may be left out.
      const value = (p: Param) =>
        fc.oneof(wellFormed(op.path, p).map((v) => ({ v, ok: true })), malformed.map((v) => ({ v, ok: false })), fc.constant(p.required ? { v: null, ok: false } : null));
      const query = fc.record(Object.fromEntries(op.query.map((p) => [p.name, value(p)])) as Record<string, fc.Arbitrary<{ v: string | null; ok: boolean } | null>>);
      const extra = fc.oneof(fc.constant(null), fc.constantFrom("okand", "personnummer", op.query[0].name));
      await fc.assert(
        fc.asyncProperty(query, extra, async (q, extraKey) => {
          const params = new URLSearchParams();
          for (const [k, x] of Object.entries(q)) if (x && x.v !== null) params.append(k, x.v);
          if (extraKey) params.append(extraKey, "1");
          const url = `${concrete(op.path)}?${params.toString()}`;
          const res = await request(s.app).get(url).set(hm);
          const allWellFormed = extraKey === null && Object.values(q).every((x) => x === null || x.ok);
          const seen = { url, status: res.status, reason: res.body?.reason as string | undefined };
          expect(seen.status, JSON.stringify(seen)).toBeLessThan(500);
          expect([200, 400, 404, 422], JSON.stringify(seen)).toContain(res.status);
          if (res.status === 400) {
            expect(["validation-failed", "unknown-field"], JSON.stringify(seen)).toContain(res.body.reason);
            const issues = res.body.details.issues as { path: string; message: string }[];
            expect(issues.length).toBeGreaterThan(0);
            for (const i of issues) expect(i.message, JSON.stringify({ url, i })).not.toMatch(ENGLISH);
            if (res.body.reason === "validation-failed") for (const i of issues) expect(op.query.map((p) => p.name), url).toContain(i.path);
          }
          if (res.status === 422) expect(res.body.reason, url).toBe("identifying-value");
          // A well-formed query is never refused as malformed (it may name nothing: 404).
          if (allWellFormed) expect(res.status, JSON.stringify(seen)).not.toBe(400);
        }),
        { numRuns: 25 },
      );
    });
  }

  it("a known answer: impossible dates, periods and weeks are 400 naming the parameter in Swedish", async () => {
    for (const [url, param] of [
      ["/api/completeness?from=2026-02-31", "from"],
      ["/api/registers/nyko-areas?at=2026-13-45", "at"],
      ["/api/submissions?period=2026-13", "period"],
      ["/api/exports/delivery.geojson?period=2026-99", "period"],
      ["/api/alerts?from=2026-W99", "from"],
      ["/api/audit?limit=abc", "limit"],
    ]) {
      const res = await request(s.app).get(url).set(hm);
      expect({ url, status: res.status, path: res.body.details?.issues?.[0]?.path }).toEqual({ url, status: 400, path: param });
      expect(res.body.details.issues[0].message).not.toMatch(ENGLISH);
    }
  });
});
