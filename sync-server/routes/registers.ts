// /api/registers: everyone reads the area registers (they hold no personal data); admins load new dated versions.
// Population is read by huvudman and admin.
import { Router } from "express";
import { loadRegisterSchema, registerKindSchema, registerQuerySchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { principalOf, requireUser } from "../auth/principal";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { AppContext } from "../context";
import { intParam, parseInput } from "../http/validate";
import { loadRegisterVersion } from "../registers/load";
import { currentRegisterText, nykoAreas, populationTable, registerVersions } from "../registers/read";

export function registersRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    principalOf(res);
    res.json(registerVersions(ctx));
  });

  r.get("/nyko-areas", (req, res) => {
    principalOf(res);
    const q = parseInput(registerQuerySchema, req.query);
    res.json(nykoAreas(ctx, q.at ?? stockholmDate(ctx.clock.now())));
  });

  r.get("/population/:year", (req, res) => {
    requireUser(principalOf(res), "huvudman", "admin");
    res.json(populationTable(ctx, intParam(req.params.year)));
  });

  r.get("/:kind/current", (req, res) => {
    principalOf(res);
    const kind = registerKindSchema.safeParse(req.params.kind);
    if (!kind.success || kind.data === "population") throw new AppError(404, "not-found");
    const q = parseInput(registerQuerySchema, req.query);
    const current = currentRegisterText(ctx, kind.data, q.at ?? stockholmDate(ctx.clock.now()));
    res.setHeader("X-Register-Valid-From", current.validFrom);
    res.type(current.format === "csv" ? "text/csv; charset=utf-8" : "application/geo+json").send(current.payload);
  });

  r.post("/:kind", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const kind = registerKindSchema.safeParse(req.params.kind);
    if (!kind.success) throw new AppError(404, "not-found");
    const body = parseInput(loadRegisterSchema, req.body);
    res.status(201).json(loadRegisterVersion(ctx, p, { kind: kind.data, ...body }));
  });
  return r;
}
