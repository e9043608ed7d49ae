// Dated register versions (NYKO areas, addresses, polygons, boundary) and population per year.
import type { Db } from "../db/database";
import type { RegisterKind } from "../../shared/protocol/api";

export interface RegisterRow {
  id: number;
  kind: RegisterKind;
  valid_from: string;
  year: number | null;
  format: "json" | "csv" | "geojson";
  payload: string;
  loaded_at: string;
  loaded_by: string;
}

export interface RegisterVersion {
  id: number;
  kind: RegisterKind;
  validFrom: string;
  year: number | null;
  format: "json" | "csv" | "geojson";
  loadedAt: string;
}

export function toRegisterVersion(r: Omit<RegisterRow, "payload">): RegisterVersion {
  return { id: r.id, kind: r.kind, validFrom: r.valid_from, year: r.year, format: r.format, loadedAt: r.loaded_at };
}

export function listRegisterVersions(db: Db): RegisterVersion[] {
  return (db.prepare("SELECT id, kind, valid_from, year, format, loaded_at, loaded_by FROM registers ORDER BY kind, valid_from, id").all() as RegisterRow[]).map(toRegisterVersion);
}

/** The first day any NYKO register is valid from: the municipality's register start; null before one is loaded. */
export function registerStart(db: Db): string | null {
  const row = db.prepare("SELECT MIN(valid_from) AS start FROM registers WHERE kind = 'nyko-areas'").get() as { start: string | null };
  return row.start;
}

/** The version of `kind` valid at `date` (the latest loaded one among those with valid_from ≤ date). */
export function registerAt(db: Db, kind: RegisterKind, date: string): RegisterRow | undefined {
  return db.prepare("SELECT * FROM registers WHERE kind = ? AND valid_from <= ? ORDER BY valid_from DESC, id DESC LIMIT 1").get(kind, date) as RegisterRow | undefined;
}

/** The population version for `year`: the latest year at or before it. */
export function populationFor(db: Db, year: number): RegisterRow | undefined {
  return db.prepare("SELECT * FROM registers WHERE kind = 'population' AND year <= ? ORDER BY year DESC, id DESC LIMIT 1").get(year) as RegisterRow | undefined;
}

/** The newest population version loaded (the latest year), or undefined when none is. */
export function latestPopulation(db: Db): RegisterRow | undefined {
  return db.prepare("SELECT * FROM registers WHERE kind = 'population' AND year IS NOT NULL ORDER BY year DESC, id DESC LIMIT 1").get() as RegisterRow | undefined;
}

export function insertRegister(db: Db, r: Omit<RegisterRow, "id">): RegisterVersion {
  const info = db
    .prepare("INSERT INTO registers (kind, valid_from, year, format, payload, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .run(r.kind, r.valid_from, r.year, r.format, r.payload, r.loaded_at, r.loaded_by);
  return toRegisterVersion({ ...r, id: Number(info.lastInsertRowid) });
}
