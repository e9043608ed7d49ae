// The generated OpenAPI document against Redocly's recommended ruleset (the linter runs from node_modules, offline),
// and the documented paths that differ from older ones answer as documented.
import { createConfig, lintFromString } from "@redocly/openapi-core";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { buildOpenApi, derivedOperationId } from "../../sync-server/routes/openapi";
import { makeServer } from "../helpers/server";

type Doc = { paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>> };

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended rules with no errors: operationIds, declared security, unambiguous paths", async () => {
    const doc = buildOpenApi("https://lagesbild.demokommun.se");
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
    const shown = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ""})`);
    expect(shown.filter((p) => p.startsWith("error"))).toEqual([]);
    expect(shown.filter((p) => /operation-operationId|no-ambiguous-paths|security-defined|operation-operationId-unique/.test(p))).toEqual([]);
  }, 60_000);

  it("the linter really checks: a public operation without security and a missing operationId are reported", async () => {
    const doc = buildOpenApi("https://lagesbild.demokommun.se") as unknown as Doc;
    delete doc.paths["/api/auth/login"].post.security;
    delete doc.paths["/api/auth/me"].get.operationId;
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
    expect(problems.filter((p) => p.severity === "error").map((p) => p.ruleId)).toContain("security-defined");
    expect(problems.map((p) => p.ruleId)).toContain("operation-operationId");
  }, 60_000);

  it("declares public operations with an empty security list and derives readable, unique operationIds", () => {
    const doc = buildOpenApi("https://lagesbild.demokommun.se") as unknown as Doc;
    expect(doc.paths["/api/auth/login"].post.security).toEqual([]);
    expect(doc.paths["/api/auth/me"].get.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(derivedOperationId({ method: "get", path: "/api/templates/{id}/versions/{version}/blank.xlsx" })).toBe("getTemplatesByIdVersionsByVersionBlankXlsx");
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
  });

  it("answers on the documented version paths and on the older short ones", async () => {
    const s = makeServer();
    const admin = await s.as("admin");
    for (const path of ["/api/templates/polis-anmalningar/versions/1/blank.xlsx", "/api/templates/polis-anmalningar/1/blank.xlsx"]) {
      const res = await request(s.app).get(path).set(admin).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
    }
    const retired = await request(s.app).post("/api/templates/vaktbolag-rapporter/versions/1/retire").set(admin).send({ from: "2030-01-01" });
    expect(retired.status).toBe(200);
    expect(retired.body.retiredFrom).toBe("2030-01-01");
    for (const kind of ["addresses", "polygons"]) expect((await request(s.app).get(`/api/registers/${kind}/current`).set(admin)).status).toBe(200);
  });
});
