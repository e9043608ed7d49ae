// A personal identity number (valid check digit) sent through every string field of every request body in the
// OpenAPI document, by every kind of user, must not reach the database: the whole file and its WAL are scanned.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { luhnCheckDigit } from "../../shared/deidentify/personnummer";
import { createApp } from "../../sync-server/app";
import { fixedClock } from "../../sync-server/clock";
import { testConfig } from "../../sync-server/config";
import { openDatabase } from "../../sync-server/db/database";
import { migrate } from "../../sync-server/db/migrate";
import { seedDemo } from "../../sync-server/seed/demo";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import { PASSWORD, policeRecord } from "../helpers/server";

const NINE = "850101123";
const TEN = `${NINE}${luhnCheckDigit(NINE)}`;
const PNR = `19${TEN.slice(0, 6)}-${TEN.slice(6)}`;
/** Every way the number could be written down in the file. */
const FORMS = [PNR, `19${TEN}`, TEN, `${TEN.slice(0, 6)}-${TEN.slice(6)}`];

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** A plausible value for a schema, and the paths of its string leaves. */
function sample(schema: JsonSchema, path: string[], leaves: string[][]): unknown {
  const s = schema.anyOf?.[0] ?? schema.allOf?.[0] ?? schema;
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === "object" || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, [...path, k], leaves);
    return out;
  }
  if (type === "array") return s.items ? [sample(s.items, [...path, "0"], leaves)] : [];
  if (type === "string") {
    leaves.push(path);
    return "Exempel";
  }
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return false;
  return null;
}

function setAt(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

const dir = mkdtempSync(join(tmpdir(), "lagesbild-pnr-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("no identifier is stored", () => {
  it("through any string field of any request body, for any caller", async () => {
    const file = join(dir, "lagesbild.db");
    const db = openDatabase(file);
    migrate(db);
    const clock = fixedClock("2026-03-20T09:00:00Z");
    seedDemo(db, DEMO_DIR, clock, { passwords: () => PASSWORD });
    const app = createApp({ db, config: testConfig(), clock });
    const login = async (username: string, device?: string) => (await request(app).post("/api/auth/login").send({ username, password: PASSWORD, ...(device ? { device } : {}) })).body;
    const callers = await Promise.all(["admin", "huvudman", "polisen"].map(async (u) => ({ Authorization: `Bearer ${(await login(u)).accessToken}` })));
    const pending = await request(app).post("/api/submissions").set(callers[2]).send({ templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: "pending-one-1", records: [policeRecord("2026-03-02")] });
    const key = await request(app).post("/api/keys").set(callers[0]).send({ org: "polisen", name: "nyckel" });
    const params: Record<string, string> = { org: "polisen", kind: "nyko-areas", number: "1", version: "1", year: "2026" };
    const idFor = (path: string) =>
      path.startsWith("/api/review") || path.startsWith("/api/submissions") ? pending.body.submission.id : path.startsWith("/api/keys") ? String(key.body.id)
        : path.startsWith("/api/users") ? "3" : path.startsWith("/api/templates") ? "polis-anmalningar" : path.startsWith("/api/indicators") ? "brand" : "1";

    const doc = (await request(app).get("/api/openapi.json")).body as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
    let sent = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => (name === "id" ? idFor(template) : params[name] ?? "x"));
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content["application/json"]?.schema;
        if (!schema) continue;
        const leaves: string[][] = [];
        const base = sample(schema, [], leaves);
        for (const leaf of leaves)
          for (const form of [PNR, `19${TEN}`])
            for (const h of callers) {
              await (request(app) as unknown as Record<string, (p: string) => request.Test>)[method](path).set(h).send(setAt(base, leaf, form) as object);
              sent++;
            }
      }
    }
    // Fields the document leaves open: a record's strings, the login device label, and as a measure.
    await request(app).post("/api/submissions").set(callers[2]).send({
      templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: "pnr-record-1",
      records: [policeRecord("2026-03-02", { categories: { brottskod: PNR } }), policeRecord("2026-03-02", { measures: { antal: Number(`19${TEN}`) } })],
    });
    await login("polisen", PNR);
    expect(sent).toBeGreaterThan(50);

    db.close();
    for (const f of [file, `${file}-wal`]) {
      if (!existsSync(f)) continue;
      const bytes = readFileSync(f).toString("latin1");
      for (const form of FORMS) expect({ file: f, form, found: bytes.includes(form) }).toEqual({ file: f, form, found: false });
    }
  }, 120_000);
});
