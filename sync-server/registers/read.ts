// Reading the registers: everyone reads the area registers (they hold no personal data); population per NYKO-3
// area for a year, where the latest year loaded stands in for later years and the answer says so.
import { loadNykoRegister, loadPopulation } from "../../shared/areas";
import type { RegisterKind } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import type { AppContext } from "../context";
import { listRegisterVersions, populationFor, registerAt, type RegisterVersion } from "../stores/registers";
import { nykoRegisterAt } from "./current";

/** Every loaded version of every register (without their text). */
export function registerVersions(ctx: AppContext): { registers: RegisterVersion[] } {
  return { registers: listRegisterVersions(ctx.db) };
}

/** The NYKO areas valid at `at`. */
export function nykoAreas(ctx: AppContext, at: string) {
  const row = registerAt(ctx.db, "nyko-areas", at);
  if (!row) throw new AppError(404, "not-found", { message: `Inget NYKO-register gäller ${at}.` });
  const reg = loadNykoRegister(row.payload);
  if (!reg.ok) throw new Error("stored NYKO register does not load");
  return { validFrom: row.valid_from, areas: reg.value.areas };
}

/** The stored text of the version of `kind` valid at `at`. */
export function currentRegisterText(ctx: AppContext, kind: Exclude<RegisterKind, "population">, at: string): { validFrom: string; format: "json" | "csv" | "geojson"; payload: string } {
  const row = registerAt(ctx.db, kind, at);
  if (!row) throw new AppError(404, "not-found", { message: `Inget register av typen ${kind} gäller ${at}.` });
  return { validFrom: row.valid_from, format: row.format, payload: row.payload };
}

/** Population per NYKO-3 area for `year` (or the latest year before it, said in `note`). */
export function populationTable(ctx: AppContext, year: number) {
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
  return {
    requestedYear: year,
    year: row.year,
    standIn,
    note: standIn ? `Befolkningen för ${year} finns inte ännu; siffrorna för ${row.year} används tills en nyare årgång läses in.` : null,
    rows,
  };
}
