// Builds the de-identified record of one valid row: only closed-type kept columns, the NYKO-3 code, and nothing else.
import type { LocalRecord } from "../protocol/record";
import type { Template, TemplateColumn } from "../templates/schema";
import type { RowValues } from "../validate/validate-grid";

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

/** Builds one record from a row's typed values (by slot, see `rowValidator`) and the sheet row it came from. */
export type RecordBuild = (values: RowValues, sheetRow: number, org: string, nyko: string | null) => LocalRecord;

/**
 * Builds records for one plan over a sheet's slots (`slotOf` gives a column key's slot, -1 when the sheet lacks it).
 * Category combinations repeat (closed lists), so each distinct combination is one frozen object shared by its
 * records: less work and memory on a 200,000-row sheet. Records are never mutated.
 */
export function recordBuilder(plan: RecordPlan, slotOf: (key: string | null) => number): RecordBuild {
  // One level of maps per category column (value, or NO_VALUE when absent → next level); the last level holds the object.
  const root = new Map<string, unknown>();
  const keys = plan.categories.map((c) => c.key);
  const categorySlots = keys.map(slotOf);
  const measureKeys = plan.measures.map((c) => c.key);
  const measureSlots = measureKeys.map(slotOf);
  const dateSlot = slotOf(plan.dateKey);
  const timeSlot = slotOf(plan.timeKey);
  const periodSlot = slotOf(plan.periodKey);
  const { id, version } = plan.template;
  const at = (v: RowValues, slot: number) => (slot < 0 ? undefined : v[slot]);

  const categoriesOf = (v: RowValues): Record<string, string> => {
    if (keys.length === 0) return EMPTY_CATEGORIES;
    let level = root;
    for (let i = 0; i < keys.length - 1; i++) {
      const value = at(v, categorySlots[i]);
      const step = typeof value === "string" ? value : NO_VALUE;
      let child = level.get(step) as Map<string, unknown> | undefined;
      if (child === undefined) {
        child = new Map();
        level.set(step, child);
      }
      level = child;
    }
    const last = at(v, categorySlots[keys.length - 1]);
    const step = typeof last === "string" ? last : NO_VALUE;
    let categories = level.get(step) as Record<string, string> | undefined;
    if (categories === undefined) {
      const fresh: Record<string, string> = {};
      for (let i = 0; i < keys.length; i++) {
        const value = at(v, categorySlots[i]);
        if (typeof value === "string") fresh[keys[i]] = value;
      }
      categories = Object.freeze(fresh);
      level.set(step, categories);
    }
    return categories;
  };

  return (v, sheetRow, org, nyko) => {
    const categories = categoriesOf(v);
    let measures = NO_MEASURES;
    if (measureKeys.length > 0) {
      measures = {};
      for (let i = 0; i < measureKeys.length; i++) {
        const value = at(v, measureSlots[i]);
        if (typeof value === "number") measures[measureKeys[i]] = value;
      }
    }
    const minutes = at(v, timeSlot);
    const date = at(v, dateSlot);
    const period = at(v, periodSlot);
    return {
      templateId: id,
      templateVersion: version,
      org,
      date: typeof date === "string" ? date : null,
      hour: typeof minutes === "number" ? Math.floor(minutes / 60) : null,
      period: typeof period === "string" ? period : null,
      categories,
      nyko,
      measures,
      sourceRow: sheetRow,
    };
  };
}

/** Stands for an absent category value in the builder's maps (a real value is never this string). */
const NO_VALUE = "\u0000absent";
const EMPTY_CATEGORIES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Every string that would leave in this record (scanned for identifiers as defence in depth), as [field, value]. */
export function recordStrings(record: LocalRecord): [string, string][] {
  const out: [string, string][] = [];
  for (const key in record.categories) out.push([key, record.categories[key]]);
  if (record.period) out.push(["period", record.period]);
  return out;
}
