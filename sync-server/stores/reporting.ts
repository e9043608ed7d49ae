// What the partners have reported: approved half-months per organisation and template, the huvudman's closures
// ("stängd utan inrapportering"), and moving an assignment's date (the assignments themselves: stores/templates.ts).
import type { Db } from "../db/database";

/** Moves an assignment's date (the demo dates its assignments from the start of its data). */
export function setAssignedAt(db: Db, templateId: string, org: string, at: string): void {
  db.prepare("UPDATE template_assignments SET assigned_at = ? WHERE template_id = ? AND org_id = ?").run(at, templateId, org);
}

/** Every half-month with an approved submission, per organisation and template ("org|template|period"). */
export function approvedHalfMonths(db: Db): { org: string; templateId: string; period: string }[] {
  return (
    db
      .prepare(
        `SELECT DISTINCT s.org_id AS org, s.template_id AS templateId, p.period AS period
         FROM submission_periods p JOIN submissions s ON s.id = p.submission_id
         WHERE s.status = 'approved'`,
      )
      .all() as { org: string; templateId: string; period: string }[]
  );
}

export interface ClosureRow {
  org_id: string;
  period: string;
  closed_at: string;
  closed_by: string;
}

export function listClosures(db: Db, org?: string): ClosureRow[] {
  return (
    org
      ? db.prepare("SELECT * FROM reporting_closures WHERE org_id = ? ORDER BY period").all(org)
      : db.prepare("SELECT * FROM reporting_closures ORDER BY org_id, period").all()
  ) as ClosureRow[];
}

/** Closes the half-months not closed yet; returns those it closed. */
export function insertClosures(db: Db, org: string, periods: readonly string[], by: string, at: string): string[] {
  const stmt = db.prepare("INSERT OR IGNORE INTO reporting_closures (org_id, period, closed_at, closed_by) VALUES (?, ?, ?, ?)");
  return periods.filter((p) => stmt.run(org, p, at, by).changes > 0);
}

/** Reopens the closed half-months among `periods`; returns those it reopened. */
export function deleteClosures(db: Db, org: string, periods: readonly string[]): string[] {
  const stmt = db.prepare("DELETE FROM reporting_closures WHERE org_id = ? AND period = ?");
  return periods.filter((p) => stmt.run(org, p).changes > 0);
}

/** How a partner reports: per half-month (the default, no row) or per ISO week. */
export type ReportingRhythm = "halfmonth" | "week";

export interface RhythmRow {
  org_id: string;
  rhythm: "week";
  set_at: string;
  set_by: string;
}

/** The partners that report weekly. */
export function listRhythms(db: Db): RhythmRow[] {
  return db.prepare("SELECT * FROM reporting_rhythms ORDER BY org_id").all() as RhythmRow[];
}

export function reportingRhythm(db: Db, org: string): ReportingRhythm {
  return db.prepare("SELECT 1 FROM reporting_rhythms WHERE org_id = ?").get(org) ? "week" : "halfmonth";
}

/** Sets a partner's rhythm; returns whether it changed. */
export function setReportingRhythm(db: Db, org: string, rhythm: ReportingRhythm, by: string, at: string): boolean {
  if (rhythm === "halfmonth") return db.prepare("DELETE FROM reporting_rhythms WHERE org_id = ?").run(org).changes > 0;
  return db.prepare("INSERT OR IGNORE INTO reporting_rhythms (org_id, rhythm, set_at, set_by) VALUES (?, 'week', ?, ?)").run(org, at, by).changes > 0;
}
