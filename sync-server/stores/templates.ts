// Published template versions (immutable; only the retirement date may be set) and their assignments.
import type { Db } from "../db/database";
import type { PublishedTemplate } from "../../shared/protocol/api";
import { templateSchema, type Template } from "../../shared/templates/schema";

export interface TemplateRow {
  id: string;
  version: number;
  json: string;
  published_at: string;
  published_by: string;
  retired_from: string | null;
}

/** The one place a stored template's JSON becomes a template. */
function toTemplate(json: string): Template {
  return templateSchema.parse(JSON.parse(json));
}

export function toPublishedTemplate(r: TemplateRow): PublishedTemplate {
  return { template: toTemplate(r.json), publishedAt: r.published_at, retiredFrom: r.retired_from };
}

export function getTemplateRow(db: Db, id: string, version: number): TemplateRow | undefined {
  return db.prepare("SELECT * FROM templates WHERE id = ? AND version = ?").get(id, version) as TemplateRow | undefined;
}

export function latestVersion(db: Db, id: string): number {
  const r = db.prepare("SELECT MAX(version) AS v FROM templates WHERE id = ?").get(id) as { v: number | null };
  return r.v ?? 0;
}

/** Every published version of every template. */
export function allTemplateVersions(db: Db): Template[] {
  return (db.prepare("SELECT json FROM templates ORDER BY id, version").all() as Pick<TemplateRow, "json">[]).map((r) => toTemplate(r.json));
}

/** The latest published version of `id`, or null. */
export function latestTemplate(db: Db, id: string): Template | null {
  const r = db.prepare("SELECT json FROM templates WHERE id = ? ORDER BY version DESC LIMIT 1").get(id) as Pick<TemplateRow, "json"> | undefined;
  return r ? toTemplate(r.json) : null;
}

/** Every (template, organisation) assignment, ordered by organisation and template. */
export interface Assignment {
  templateId: string;
  org: string;
  /** ISO instant or civil date the assignment was made (the partner owes reports from then on). */
  assignedAt: string;
}

export function listAssignments(db: Db): Assignment[] {
  return (db.prepare("SELECT template_id, org_id, assigned_at FROM template_assignments ORDER BY org_id, template_id").all() as { template_id: string; org_id: string; assigned_at: string }[]).map((r) => ({
    templateId: r.template_id,
    org: r.org_id,
    assignedAt: r.assigned_at,
  }));
}

export function listTemplates(db: Db, org?: string): PublishedTemplate[] {
  const rows = (
    org
      ? db.prepare("SELECT t.* FROM templates t JOIN template_assignments a ON a.template_id = t.id AND a.org_id = ? ORDER BY t.id, t.version").all(org)
      : db.prepare("SELECT * FROM templates ORDER BY id, version").all()
  ) as TemplateRow[];
  return rows.map(toPublishedTemplate);
}

export function insertTemplate(db: Db, json: string, id: string, version: number, by: string, at: string): void {
  db.prepare("INSERT INTO templates (id, version, json, published_at, published_by) VALUES (?, ?, ?, ?, ?)").run(id, version, json, at, by);
}

export function setRetiredFrom(db: Db, id: string, version: number, from: string | null): void {
  db.prepare("UPDATE templates SET retired_from = ? WHERE id = ? AND version = ?").run(from, id, version);
}

export function isAssigned(db: Db, templateId: string, org: string): boolean {
  return !!db.prepare("SELECT 1 FROM template_assignments WHERE template_id = ? AND org_id = ?").get(templateId, org);
}

export function assign(db: Db, templateId: string, org: string, at: string): void {
  db.prepare("INSERT OR IGNORE INTO template_assignments (template_id, org_id, assigned_at) VALUES (?, ?, ?)").run(templateId, org, at);
}

export function unassign(db: Db, templateId: string, org: string): void {
  db.prepare("DELETE FROM template_assignments WHERE template_id = ? AND org_id = ?").run(templateId, org);
}
