// Interventions and their versions. A version is written once and never changed (the migration's triggers hold it).
import type { Intervention, InterventionContent, InterventionStatus } from "../../shared/protocol/interventions";
import type { Db } from "../db/database";

interface VersionRow {
  id: number;
  owner_org: string;
  created_at: string;
  version: number;
  status: InterventionStatus;
  level: number;
  content: string;
  changed_at: string;
}

function toIntervention(r: VersionRow): Intervention {
  const c = JSON.parse(r.content) as InterventionContent;
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    owner: r.owner_org,
    createdAt: r.created_at,
    changedAt: r.changed_at,
    name: c.name,
    kind: c.kind,
    orgs: c.orgs,
    areas: c.areas,
    level: r.level,
    startDate: c.startDate,
    endDate: c.endDate,
    description: c.description,
    indicators: c.indicators,
    comparisonAreas: c.comparisonAreas,
  };
}

const SELECT = `SELECT i.id, i.owner_org, i.created_at, v.version, v.status, v.level, v.content, v.changed_at
  FROM interventions i JOIN intervention_versions v ON v.intervention_id = i.id`;

export interface NewVersion {
  status: InterventionStatus;
  level: number;
  content: InterventionContent;
  changedAt: string;
  changedBy: string;
}

export function insertIntervention(db: Db, owner: string, createdAt: string): number {
  return Number(db.prepare("INSERT INTO interventions (owner_org, created_at) VALUES (?, ?)").run(owner, createdAt).lastInsertRowid);
}

export function insertInterventionVersion(db: Db, id: number, version: number, v: NewVersion): void {
  db.prepare("INSERT INTO intervention_versions (intervention_id, version, status, level, content, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    id,
    version,
    v.status,
    v.level,
    JSON.stringify(v.content),
    v.changedAt,
    v.changedBy,
  );
}

/** The latest version of every intervention, newest first. */
export function listInterventions(db: Db): Intervention[] {
  const rows = db
    .prepare(`${SELECT} WHERE v.version = (SELECT MAX(version) FROM intervention_versions WHERE intervention_id = i.id) ORDER BY i.id DESC`)
    .all() as VersionRow[];
  return rows.map(toIntervention);
}

export function latestIntervention(db: Db, id: number): Intervention | null {
  const r = db.prepare(`${SELECT} WHERE i.id = ? ORDER BY v.version DESC LIMIT 1`).get(id) as VersionRow | undefined;
  return r ? toIntervention(r) : null;
}

/** Every version of one intervention, oldest first. */
export function interventionVersions(db: Db, id: number): Intervention[] {
  return (db.prepare(`${SELECT} WHERE i.id = ? ORDER BY v.version`).all(id) as VersionRow[]).map(toIntervention);
}
