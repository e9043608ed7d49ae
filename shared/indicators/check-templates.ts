// Checks an indicator definition against the templates its data comes from: that every template, category
// column, value and measure exists, and that the indicator's period types are ones the data supports.
import type { Template } from "../templates/schema";
import type { PeriodType } from "../protocol/delivery";
import { nests } from "../periods/tree";
import type { IndicatorDefinition, IndicatorResult, RowFilter } from "./schema";

/** The finest period a template's rows can be placed in: event rows by date (half-month), aggregate rows by their period column. */
export function templateLeafPeriodType(t: Template): PeriodType {
  if (t.rowKind === "event") return "halfmonth";
  const periodColumn = t.columns.find((c) => c.type === "period");
  return periodColumn?.periodKind === "schoolyear" ? "schoolyear" : periodColumn?.periodKind === "year" ? "year" : "month";
}

/**
 * The period types a template's data supports for publication (event rows: week, half-month to year; monthly rows:
 * month to year). Weeks need dated rows: an event row's date places it in its week.
 */
export function supportedPeriodTypes(t: Template): PeriodType[] {
  const leaf = templateLeafPeriodType(t);
  if (leaf === "schoolyear") return ["schoolyear"];
  if (leaf === "year") return ["year"];
  if (leaf === "month") return ["month", "quarter", "year"];
  return ["week", "halfmonth", "month", "quarter", "year"];
}

function checkFilter(f: RowFilter, where: string, templates: readonly Template[], measure: string | null, issues: string[]): Template | null {
  const versions = templates.filter((t) => t.id === f.templateId);
  if (versions.length === 0) {
    issues.push(`${where}: mallen ${f.templateId} finns inte.`);
    return null;
  }
  const latest = [...versions].sort((a, b) => b.version - a.version)[0];
  for (const [key, values] of Object.entries(f.where)) {
    const columns = versions.map((t) => t.columns.find((c) => c.key === key)).filter((c) => c !== undefined);
    const categoryColumns = columns.filter((c) => c.role === "category" && c.values);
    if (categoryColumns.length === 0) {
      issues.push(`${where}: mallen ${f.templateId} har ingen kategorikolumn ${key}.`);
      continue;
    }
    const known = new Set(categoryColumns.flatMap((c) => (c.values ?? []).map((v) => v.value)));
    for (const value of values) if (!known.has(value)) issues.push(`${where}: värdet ”${value}” finns inte i kolumnen ${key} i mallen ${f.templateId}.`);
  }
  if (measure !== null) {
    const ok = versions.some((t) => t.columns.some((c) => c.key === measure && (c.role === "measure" || c.role === "denominator")));
    if (!ok) issues.push(`${where}: mallen ${f.templateId} har inget mått ${measure}.`);
  }
  return latest;
}

/** Validates a (schema-valid) definition against the available templates. */
export function checkIndicatorAgainstTemplates(d: IndicatorDefinition, templates: readonly Template[]): IndicatorResult<IndicatorDefinition> {
  const issues: string[] = [];
  const used: Template[] = [];
  const numMeasure = d.numerator.kind === "sum" ? d.numerator.measure : null;
  d.numerator.match.forEach((f, i) => {
    const t = checkFilter(f, `täljare ${i + 1}`, templates, numMeasure, issues);
    if (t) used.push(t);
  });
  if (d.denominator?.kind === "measure") {
    const measure = d.denominator.measure;
    d.denominator.match.forEach((f, i) => {
      const t = checkFilter(f, `nämnare ${i + 1}`, templates, measure, issues);
      if (t) used.push(t);
    });
  }
  const leaves = new Set(used.map(templateLeafPeriodType));
  if (leaves.size > 1) issues.push(`Indikatorn blandar data med olika periodindelning (${[...leaves].join(", ")}).`);
  for (const t of used) {
    const leaf = templateLeafPeriodType(t);
    for (const p of d.periodTypes)
      if (!nests(leaf, p) && !(p === "week" && t.rowKind === "event")) issues.push(`Periodtypen ${p} stöds inte av data från mallen ${t.id}, som finns per ${leaf}.`);
  }
  return issues.length === 0 ? { ok: true, value: d } : { ok: false, issues: [...new Set(issues)] };
}
