// Organisations: raw rows and their domain form.
import type { Db } from "../db/database";
import type { Organisation } from "../../shared/protocol/api";

export interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  is_huvudman: number;
  created_at: string;
}

export function toOrganisation(r: OrganisationRow): Organisation {
  return { id: r.id, name: r.name, kind: r.kind, isHuvudman: r.is_huvudman === 1 };
}

export function listOrganisations(db: Db): Organisation[] {
  return (db.prepare("SELECT * FROM organisations ORDER BY id").all() as OrganisationRow[]).map(toOrganisation);
}

export function countOrganisations(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM organisations").get() as { n: number }).n;
}

export function getOrganisation(db: Db, id: string): Organisation | null {
  const r = db.prepare("SELECT * FROM organisations WHERE id = ?").get(id) as OrganisationRow | undefined;
  return r ? toOrganisation(r) : null;
}

export function insertOrganisation(db: Db, org: Organisation, at: string): void {
  db.prepare("INSERT INTO organisations (id, name, kind, is_huvudman, created_at) VALUES (?, ?, ?, ?, ?)").run(org.id, org.name, org.kind, org.isHuvudman ? 1 : 0, at);
}

export function updateOrganisation(db: Db, id: string, patch: { name?: string; kind?: string }): void {
  if (patch.name !== undefined) db.prepare("UPDATE organisations SET name = ? WHERE id = ?").run(patch.name, id);
  if (patch.kind !== undefined) db.prepare("UPDATE organisations SET kind = ? WHERE id = ?").run(patch.kind, id);
}
