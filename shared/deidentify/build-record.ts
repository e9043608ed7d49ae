// Builds the de-identified record of one valid row: only closed-type kept columns, the NYKO-3 code, and nothing else.
import type { LocalRecord } from "../protocol/record";
import type { Template, TemplateColumn } from "../templates/schema";
import type { ValidRow } from "../validate/validate-grid";

export interface RecordPlan {
  template: Template;
  dateKey: string | null;
  timeKey: string | null;
  periodKey: string | null;
  categories: TemplateColumn[];
  measures: TemplateColumn[];
}

/** Which columns feed which field of the record. Identifying, location and text columns never appear here. */
export function planRecord(template: Template): RecordPlan {
  const find = (pred: (c: TemplateColumn) => boolean) => template.columns.find(pred)?.key ?? null;
  return {
    template,
    dateKey: find((c) => c.role === "date"),
    timeKey: template.timeGranularity === "hour" ? find((c) => c.role === "time") : null,
    periodKey: find((c) => c.type === "period" && c.role === "kept"),
    categories: template.columns.filter((c) => c.role === "category"),
    measures: template.columns.filter((c) => c.role === "measure" || c.role === "denominator"),
  };
}

const NO_MEASURES: Record<string, number> = Object.freeze({}) as Record<string, number>;

/**
 * Builds records for one plan. Category combinations repeat (closed lists), so each distinct combination is one
 * frozen object shared by its records: less work and memory on a 200,000-row sheet. Records are never mutated.
 */
export function recordBuilder(plan: RecordPlan): (row: ValidRow, org: string, nyko: string | null) => LocalRecord {
  // One level of maps per category column (value, or "" when absent → next level); the last level holds the object.
  const root = new Map<string, unknown>();
  const keys = plan.categories.map((c) => c.key);
  return (row, org, nyko) => {
    const v = row.values;
    let level = root;
    let categories: Record<string, string> | undefined;
    if (keys.length === 0) categories = EMPTY_CATEGORIES;
    for (let i = 0; i < keys.length; i++) {
      const value = v[keys[i]];
      const step = typeof value === "string" ? value : NO_VALUE;
      const next = level.get(step);
      if (i === keys.length - 1) {
        categories = next as Record<string, string> | undefined;
        if (categories === undefined) {
          categories = freshCategories(keys, v);
          level.set(step, categories);
        }
      } else {
        let child = next as Map<string, unknown> | undefined;
        if (child === undefined) {
          child = new Map();
          level.set(step, child);
        }
        level = child;
      }
    }
    return assemble(plan, row, org, nyko, categories!);
  };
}

/** Stands for an absent category value in the builder's maps (a real value is never this string). */
const NO_VALUE = "\u0000absent";
const EMPTY_CATEGORIES: Record<string, string> = Object.freeze({}) as Record<string, string>;

function freshCategories(keys: readonly string[], values: ValidRow["values"]): Record<string, string> {
  const fresh: Record<string, string> = {};
  for (const key of keys) {
    const value = values[key];
    if (typeof value === "string") fresh[key] = value;
  }
  return Object.freeze(fresh);
}

function assemble(plan: RecordPlan, row: ValidRow, org: string, nyko: string | null, categories: Record<string, string>): LocalRecord {
  const v = row.values;
  let measures = NO_MEASURES;
  if (plan.measures.length > 0) {
    measures = {};
    for (const c of plan.measures) {
      const value = v[c.key];
      if (typeof value === "number") measures[c.key] = value;
    }
  }
  const minutes = plan.timeKey ? v[plan.timeKey] : undefined;
  const date = plan.dateKey ? v[plan.dateKey] : undefined;
  const period = plan.periodKey ? v[plan.periodKey] : undefined;
  return {
    templateId: plan.template.id,
    templateVersion: plan.template.version,
    org,
    date: typeof date === "string" ? date : null,
    hour: typeof minutes === "number" ? Math.floor(minutes / 60) : null,
    period: typeof period === "string" ? period : null,
    categories,
    nyko,
    measures,
    sourceRow: row.sheetRow,
  };
}

/** Every string that would leave in this record (scanned for identifiers as defence in depth), as [field, value]. */
export function recordStrings(record: LocalRecord): [string, string][] {
  const out: [string, string][] = [];
  for (const key in record.categories) out.push([key, record.categories[key]]);
  if (record.period) out.push(["period", record.period]);
  return out;
}
