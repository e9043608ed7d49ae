// Versioned indicator definitions: the built-ins are seeded as version 1; every change by the huvudman is a new version.
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { indicatorDefinitionSchema, type IndicatorDefinition } from "../../shared/indicators/schema";
import type { Db } from "../db/database";

interface DefinitionRow {
  id: string;
  version: number;
  json: string;
  created_at: string;
  created_by: string;
}

export interface StoredDefinition {
  definition: IndicatorDefinition;
  createdAt: string;
  createdBy: string;
}

function toStored(r: DefinitionRow): StoredDefinition {
  return { definition: indicatorDefinitionSchema.parse(JSON.parse(r.json)), createdAt: r.created_at, createdBy: r.created_by };
}

/** Inserts version 1 of every built-in indicator that is not stored yet (idempotent). */
export function seedBuiltinIndicators(db: Db, at: string): void {
  const insert = db.prepare("INSERT OR IGNORE INTO indicator_definitions (id, version, json, created_at, created_by) VALUES (?, 1, ?, ?, 'system')");
  const has = db.prepare("SELECT 1 FROM indicator_definitions WHERE id = ? LIMIT 1");
  db.transaction(() => {
    for (const d of BUILTIN_INDICATORS) if (!has.get(d.id)) insert.run(d.id, JSON.stringify({ ...d, version: 1 }), at);
  })();
}

/** The latest version of every indicator, ordered by id. */
export function currentDefinitions(db: Db): StoredDefinition[] {
  const rows = db
    .prepare(
      `SELECT d.* FROM indicator_definitions d
       JOIN (SELECT id, max(version) AS v FROM indicator_definitions GROUP BY id) m ON m.id = d.id AND m.v = d.version
       ORDER BY d.id`,
    )
    .all() as DefinitionRow[];
  return rows.map(toStored);
}

export function definitionVersions(db: Db, id: string): StoredDefinition[] {
  return (db.prepare("SELECT * FROM indicator_definitions WHERE id = ? ORDER BY version").all(id) as DefinitionRow[]).map(toStored);
}

export function latestDefinition(db: Db, id: string): StoredDefinition | null {
  const r = db.prepare("SELECT * FROM indicator_definitions WHERE id = ? ORDER BY version DESC LIMIT 1").get(id) as DefinitionRow | undefined;
  return r ? toStored(r) : null;
}

/** Stores `definition` as the next version of its id (its own `version` field is replaced). */
export function insertDefinitionVersion(db: Db, definition: IndicatorDefinition, by: string, at: string): IndicatorDefinition {
  const prev = db.prepare("SELECT max(version) AS v FROM indicator_definitions WHERE id = ?").get(definition.id) as { v: number | null };
  const stored = { ...definition, version: (prev.v ?? 0) + 1 };
  db.prepare("INSERT INTO indicator_definitions (id, version, json, created_at, created_by) VALUES (?, ?, ?, ?, ?)").run(
    stored.id,
    stored.version,
    JSON.stringify(stored),
    at,
    by,
  );
  return stored;
}

/** A counter that changes whenever a definition version is added. */
export function definitionsVersion(db: Db): string {
  const r = db.prepare("SELECT count(*) AS n FROM indicator_definitions").get() as { n: number };
  return String(r.n);
}
