// /api/registers: everyone reads the area registers (they hold no personal data); admins load new dated versions.
// Population is read by huvudman and admin: the latest year stands in for later years, and the answer says so.
import { Router } from "express";
import { loadNykoRegister, loadPopulation } from "../../shared/areas";
import { loadRegisterSchema, registerKindSchema, registerQuerySchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { principalOf, requireUser } from "../auth/principal";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { intParam, parseInput } from "../http/validate";
import { nykoRegisterAt } from "../registers/current";
import { checkRegister } from "../registers/load";
import { insertRegister, listRegisterVersions, populationFor, registerAt } from "../stores/registers";

export function registersRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    principalOf(res);
    res.json({ registers: listRegisterVersions(ctx.db) });
  });

  r.get("/nyko-areas", (req, res) => {
    principalOf(res);
    const q = parseInput(registerQuerySchema, req.query);
    const at = q.at ?? stockholmDate(ctx.clock.now());
    const row = registerAt(ctx.db, "nyko-areas", at);
    if (!row) throw new AppError(404, "not-found", { message: `Inget NYKO-register gäller ${at}.` });
    const reg = loadNykoRegister(row.payload);
    if (!reg.ok) throw new Error("stored NYKO register does not load");
    res.json({ validFrom: row.valid_from, areas: reg.value.areas });
  });

  r.get("/population/:year", (req, res) => {
    requireUser(principalOf(res), "huvudman", "admin");
    const year = intParam(req.params.year);
    const row = populationFor(ctx.db, year);
    if (!row || row.year === null) throw new AppError(404, "not-found", { message: `Ingen befolkning finns för ${year} eller tidigare.` });
    const nyko = nykoRegisterAt(ctx.db, `${year}-12-31`);
    const table = loadPopulation(row.payload, nyko);
    if (!table.ok) throw new Error("stored population does not load");
    const standIn = row.year < year;
    const rows = nyko.codesAtLevel(3).flatMap((code) => {
      const get = (band: string) => table.value.populationFor(code, row.year!, band)?.value;
      const total = get("totalt");
      return total === undefined ? [] : [{ nyko: code, total, age0to17: get("alder_0_17") ?? 0, age18to24: get("alder_18_24") ?? 0 }];
    });
    res.json({
      requestedYear: year,
      year: row.year,
      standIn,
      note: standIn ? `Befolkningen för ${year} finns inte ännu; siffrorna för ${row.year} används tills en nyare årgång läses in.` : null,
      rows,
    });
  });

  r.get("/:kind/current", (req, res) => {
    principalOf(res);
    const kind = registerKindSchema.safeParse(req.params.kind);
    if (!kind.success || kind.data === "population") throw new AppError(404, "not-found");
    const q = parseInput(registerQuerySchema, req.query);
    const at = q.at ?? stockholmDate(ctx.clock.now());
    const row = registerAt(ctx.db, kind.data, at);
    if (!row) throw new AppError(404, "not-found", { message: `Inget register av typen ${kind.data} gäller ${at}.` });
    res.setHeader("X-Register-Valid-From", row.valid_from);
    res.type(row.format === "csv" ? "text/csv; charset=utf-8" : "application/geo+json").send(row.payload);
  });

  r.post("/:kind", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const kind = registerKindSchema.safeParse(req.params.kind);
    if (!kind.success) throw new AppError(404, "not-found");
    const body = parseInput(loadRegisterSchema, req.body);
    const version = inTransaction(ctx.db, () => {
      const { year } = checkRegister(ctx.db, { kind: kind.data, ...body });
      const v = insertRegister(ctx.db, {
        kind: kind.data, valid_from: body.validFrom, year: body.year ?? year, format: body.format, payload: body.payload,
        loaded_at: ctx.clock.now().toISOString(), loaded_by: p.auditId,
      });
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "register.load", details: { kind: kind.data, validFrom: body.validFrom, year: v.year, id: v.id } });
      return v;
    });
    res.status(201).json(version);
  });
  return r;
}
