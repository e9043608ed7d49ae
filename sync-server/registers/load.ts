// Loading a register version: the text is checked with the shared loaders before it is stored.
import { loadAddressRegister, loadAreaShapes, loadNykoRegister, loadOutline, loadPopulation } from "../../shared/areas";
import { parseCsv } from "../../shared/areas/csv";
import type { RegisterKind } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction, type Db } from "../db/database";
import { insertRegister, type RegisterVersion } from "../stores/registers";
import { nykoRegisterAt } from "./current";

export interface RegisterInput {
  kind: RegisterKind;
  validFrom: string;
  format: "csv" | "geojson";
  payload: string;
}

const FORMATS: Record<RegisterKind, "csv" | "geojson"> = {
  "nyko-areas": "csv",
  addresses: "csv",
  polygons: "geojson",
  boundary: "geojson",
  population: "csv",
};

/** Checks the text; returns the population year (largest `ar` in the file) or null. Throws 422 with the issues. */
export function checkRegister(db: Db, input: RegisterInput): { year: number | null } {
  if (FORMATS[input.kind] !== input.format)
    throw new AppError(400, "validation-failed", { issues: [{ path: "format", code: "format", message: `${input.kind} läses in som ${FORMATS[input.kind]}.` }] });
  const nyko = input.kind === "nyko-areas" ? null : nykoRegisterAt(db, input.validFrom);
  const fail = (issues: { line: number | null; message: string }[]) => {
    throw new AppError(422, "validation-failed", { issues: issues.slice(0, 50).map((i) => ({ path: `payload:${i.line ?? ""}`, code: "register", message: i.message })) });
  };
  switch (input.kind) {
    case "nyko-areas": {
      const r = loadNykoRegister(input.payload);
      if (!r.ok) fail(r.issues);
      return { year: null };
    }
    case "addresses": {
      const r = loadAddressRegister(input.payload, nyko!);
      if (!r.ok) fail(r.issues);
      return { year: null };
    }
    case "polygons": {
      const r = loadAreaShapes(input.payload, nyko!);
      if (!r.ok) fail(r.issues);
      return { year: null };
    }
    case "boundary": {
      const r = loadOutline(input.payload);
      if (!r.ok) fail(r.issues);
      return { year: null };
    }
    case "population": {
      const r = loadPopulation(input.payload, nyko!);
      if (!r.ok) fail(r.issues);
      const table = parseCsv(input.payload);
      const at = table.header.indexOf("ar");
      const years = table.rows.map((row) => Number(row.fields[at])).filter((y) => Number.isInteger(y));
      if (years.length === 0) fail([{ line: null, message: "Filen saknar år." }]);
      return { year: Math.max(...years) };
    }
  }
}

/** Checks and stores a new dated version of a register (admin); a population file's year is read from it unless given. */
export function loadRegisterVersion(ctx: AppContext, p: Principal, input: RegisterInput & { year?: number }): RegisterVersion {
  return inTransaction(ctx.db, () => {
    const { year } = checkRegister(ctx.db, input);
    const v = insertRegister(ctx.db, {
      kind: input.kind, valid_from: input.validFrom, year: input.year ?? year, format: input.format, payload: input.payload,
      loaded_at: ctx.clock.now().toISOString(), loaded_by: p.auditId,
    });
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "register.load", details: { kind: input.kind, validFrom: input.validFrom, year: v.year, id: v.id } });
    return v;
  });
}
