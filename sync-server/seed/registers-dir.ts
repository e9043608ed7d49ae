// Registers from a folder in the demo's file names (nyko-omraden.csv, adressregister.csv, the two GeoJSON files,
// befolkning.csv), checked like an upload and stored; used by the demo seed and by `kommun create`. Runs inside the
// caller's transaction. A file that is not there is skipped.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REGISTER_FILES } from "../../shared/areas";
import type { Db } from "../db/database";
import { checkRegister } from "../registers/load";
import { insertRegister } from "../stores/registers";

const REGISTER_SOURCES = [
  { kind: "nyko-areas", file: REGISTER_FILES.nykoCsv, format: "csv" },
  { kind: "addresses", file: REGISTER_FILES.addressCsv, format: "csv" },
  { kind: "polygons", file: REGISTER_FILES.polygonsGeojson, format: "geojson" },
  { kind: "boundary", file: REGISTER_FILES.boundaryGeojson, format: "geojson" },
  { kind: "population", file: REGISTER_FILES.populationCsv, format: "csv" },
] as const;

/** Loads every register file found in `dir`, valid from `validFrom`; returns the kinds loaded. */
export function loadRegistersFromDir(db: Db, dir: string, validFrom: string, at: string): string[] {
  const loaded: string[] = [];
  for (const r of REGISTER_SOURCES) {
    const path = join(dir, r.file);
    if (!existsSync(path)) continue;
    const payload = readFileSync(path, "utf8");
    const { year } = checkRegister(db, { kind: r.kind, validFrom, format: r.format, payload });
    insertRegister(db, { kind: r.kind, valid_from: validFrom, year, format: r.format, payload, loaded_at: at, loaded_by: "system" });
    loaded.push(r.kind);
  }
  return loaded;
}
