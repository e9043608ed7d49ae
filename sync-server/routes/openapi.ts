// /api/openapi.json: generated from the zod contracts in shared/protocol/api.ts with zod 4's z.toJSONSchema.
import { Router } from "express";
import { z } from "zod";
import { API_ROUTES, type ApiRoute } from "../../shared/protocol/api";
import { errorResponseSchema } from "../../shared/protocol/errors";

function schemaOf(s: z.ZodType, io: "input" | "output"): unknown {
  return z.toJSONSchema(s, { io, unrepresentable: "any", target: "openapi-3.0" });
}

/** `get /api/templates/{id}/versions` → `getTemplatesByIdVersions`: unique while method and path are. */
export function derivedOperationId(route: Pick<ApiRoute, "method" | "path">): string {
  const words = route.path
    .replace(/^\/api\//, "")
    .split("/")
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? ["by", ...param[1].split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return route.method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

export function buildOpenApi(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const route of API_ROUTES) {
    const operationId = route.operationId ?? derivedOperationId(route);
    if (operationIds.has(operationId)) throw new Error(`operationId ${operationId} is used twice`);
    operationIds.add(operationId);
    const op: Record<string, unknown> = {
      operationId,
      summary: route.summary,
      description: `Roller: ${route.roles}`,
      responses: {
        "200": route.produces
          ? { description: "OK", content: { [route.produces]: { schema: { type: "string", format: "binary" } } } }
          : { description: "OK", content: route.response ? { "application/json": { schema: schemaOf(route.response, "output") } } : {} },
        "4XX": { description: "Fel", content: { "application/json": { schema: schemaOf(errorResponseSchema, "output") } } },
      },
    };
    if (route.request) op.requestBody = { required: true, content: { "application/json": { schema: schemaOf(route.request, "input") } } };
    if (route.query) {
      const js = schemaOf(route.query, "input") as { properties?: Record<string, unknown>; required?: string[] };
      op.parameters = Object.entries(js.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: (js.required ?? []).includes(name), schema }));
    }
    const params = [...route.path.matchAll(/\{([a-z]+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    if (params.length) op.parameters = [...((op.parameters as unknown[]) ?? []), ...params];
    // Public operations say so (an empty requirement); the rest take a bearer token or an API key.
    op.security = route.roles.startsWith("anyone") ? [] : [{ bearer: [] }, { apiKey: [] }];
    (paths[route.path] ??= {})[route.method] = op;
  }
  return {
    openapi: "3.0.3",
    info: { title: "Lägesbild sync server", version: "1" },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Access token (JWT) or an API key `lb_…`" },
        apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" },
      },
    },
    paths,
  };
}

export function openapiRouter(serverUrl: string): Router {
  const r = Router();
  const doc = buildOpenApi(serverUrl);
  r.get("/openapi.json", (_req, res) => {
    res.json(doc);
  });
  return r;
}
