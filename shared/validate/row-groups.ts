// Rules across the rows of an aggregate sheet: a row that repeats another (same period, area and categories), and
// survey answers whose counts must split the question's respondents (`Template.breakdown`). One rule for the
// sheet check (with A1 addresses) and the server's re-check of the records.
import type { DeidentifiedRecord } from "../protocol/record";
import type { Template } from "../templates/schema";

type GroupedRow = Pick<DeidentifiedRecord, "period" | "nyko" | "categories" | "measures">;

export interface RowGroupIssue {
  /** Index of the row among those passed. */
  index: number;
  /** The template column the finding is about. */
  column: string;
  code: "duplicate-row" | "breakdown-total" | "breakdown-sum";
  message: string;
}

/**
 * `whole`: the rows are the whole submission, so the answer counts must add up to the respondents exactly.
 * `part`: the rows may be one part of a larger submission, so a group may be incomplete (its sum at most the total).
 */
export type RowScope = "whole" | "part";

/** True when the template has rules across rows. */
export function hasRowGroupRules(template: Template): boolean {
  return template.rowKind === "aggregate" && (template.uniqueRows === true || template.breakdown !== undefined);
}

function keyOf(r: GroupedRow, categories: readonly string[]): string {
  return JSON.stringify([r.period, r.nyko, ...categories.map((k) => r.categories[k] ?? null)]);
}

export function rowGroupIssues(template: Template, rows: readonly GroupedRow[], scope: RowScope): RowGroupIssue[] {
  if (!hasRowGroupRules(template)) return [];
  const issues: RowGroupIssue[] = [];
  const header = (key: string) => template.columns.find((c) => c.key === key)?.header ?? key;
  const categories = template.columns.filter((c) => c.role === "category").map((c) => c.key);
  const b = template.breakdown;

  if (template.uniqueRows || b) {
    const first = new Map<string, number>();
    rows.forEach((r, index) => {
      const key = keyOf(r, categories);
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, index);
      else
        issues.push({
          index, column: b?.category ?? categories[0] ?? "nyko", code: "duplicate-row",
          message: `Raden upprepar en tidigare rad med samma period, område och ${categories.map(header).join(", ")}; varje kombination får finnas en gång.`,
        });
    });
  }
  if (!b) return issues;

  const groupCategories = categories.filter((k) => k !== b.category);
  const groups = new Map<string, number[]>();
  rows.forEach((r, index) => {
    const key = keyOf(r, groupCategories);
    const list = groups.get(key) ?? groups.set(key, []).get(key)!;
    list.push(index);
  });
  const total = header(b.total);
  const count = header(b.count);
  for (const members of groups.values()) {
    const totals = members.map((i) => rows[i].measures[b.total]).filter((t): t is number => t !== undefined);
    if (totals.length === 0) continue;
    const expected = totals[0];
    let consistent = true;
    for (const i of members) {
      const t = rows[i].measures[b.total];
      if (t !== undefined && t !== expected) {
        consistent = false;
        issues.push({
          index: i, column: b.total, code: "breakdown-total",
          message: `${total} är ${t} här men ${expected} på frågans första rad i samma område och omgång; det ska vara samma antal på alla frågans rader.`,
        });
      }
    }
    if (!consistent) continue;
    const sum = members.reduce((s, i) => s + (rows[i].measures[b.count] ?? 0), 0);
    const last = members[members.length - 1];
    if (sum > expected)
      issues.push({ index: last, column: b.count, code: "breakdown-sum", message: `${count} på frågans rader i området blir ${sum}, fler än ${total} (${expected}).` });
    else if (scope === "whole" && sum < expected)
      issues.push({
        index: last, column: b.count, code: "breakdown-sum",
        message: `${count} på frågans rader i området blir ${sum}, men ${total} är ${expected}: saknas ett svarsalternativ? Den som inte svarat räknas under ”Vet ej/ej svar”.`,
      });
  }
  return issues;
}
