// What a de-identified record must satisfy beyond its shape: the rules its template sets (calendar dates in a
// plausible window, period kind, required categories and measures, measure type and range, numerator ≤ denominator,
// link tokens only on a row with a link class). One rule for the server's re-check and every other caller.
import { linkClassOf } from "../dedup/link-tokens";
import { addDays } from "../periods/civil-date";
import { parseIsoDate } from "../protocol/iso-date";
import { parsePeriod, periodEnd, periodStart } from "../periods/period";
import type { DeidentifiedRecord } from "../protocol/record";
import type { Template } from "../templates/schema";

/** Largest value a measure or denominator may hold. */
export const MAX_MEASURE = 1_000_000;

/** Days after today that a record's date may lie (a row entered just after midnight elsewhere). */
export const FUTURE_MARGIN_DAYS = 1;

/** The days a record may fall in, both inclusive, `YYYY-MM-DD`. */
export interface DateWindow {
  earliest: string;
  latest: string;
}

/** The window from the register start (or configured earliest date) to today plus the margin. */
export function dateWindow(earliest: string, today: string): DateWindow {
  return { earliest, latest: addDays(today, FUTURE_MARGIN_DAYS) };
}

export interface RecordIssue {
  field: string;
  message: string;
}

function checkDate(date: string, window: DateWindow): string | null {
  if (!parseIsoDate(date)) return `”${date}” är inget giltigt datum.`;
  if (date < window.earliest) return `datumet ${date} ligger före ${window.earliest}, det tidigaste datum som tas emot.`;
  if (date > window.latest) return `datumet ${date} ligger i framtiden.`;
  return null;
}

const KIND_TEXT = { month: "månader (ÅÅÅÅ-MM)", schoolyear: "läsår (ÅÅÅÅ/ÅÅ)", year: "kalenderår (ÅÅÅÅ)" } as const;

function checkPeriod(period: string, kind: "month" | "schoolyear" | "year" | undefined, window: DateWindow): string | null {
  const p = parsePeriod(period);
  if (!p.ok || (p.value.type !== "month" && p.value.type !== "schoolyear" && p.value.type !== "year")) return `”${period}” är ingen giltig period.`;
  if (kind && p.value.type !== kind) return `mallen gäller ${KIND_TEXT[kind]}, inte ”${period}”.`;
  if (periodEnd(period) < window.earliest) return `perioden ${period} ligger före ${window.earliest}, det tidigaste datum som tas emot.`;
  if (periodStart(period) > window.latest) return `perioden ${period} ligger i framtiden.`;
  return null;
}

/** Every way the record breaks its template's rules; empty when it keeps them. */
export function checkRecordRules(template: Template, r: DeidentifiedRecord, window: DateWindow): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });

  if (template.rowKind === "event") {
    if (r.period !== null) add("period", "en händelserad har ett datum, ingen period.");
    if (r.date !== null) {
      const bad = checkDate(r.date, window);
      if (bad) add("date", bad);
    }
  } else {
    if (r.date !== null) add("date", "en rad med summor har en period, inget datum.");
    if (r.hour !== null) add("hour", "en rad med summor har inget klockslag.");
    if (r.period !== null) {
      const kind = template.columns.find((c) => c.type === "period")?.periodKind;
      const bad = checkPeriod(r.period, kind, window);
      if (bad) add("period", bad);
    }
  }

  issues.push(...measureIssues(template, r));

  if (r.link && r.link.length > 0 && (!r.date || !linkClassOf(template, r.categories)))
    add("link", "raden får inga kopplingsnycklar: dess kategori har ingen klass för dubbelrapportering.");
  return issues;
}

/** Required categories and measures, a measure's type and range, and numerator ≤ denominator (also checked cell by cell in the sheet). */
export function measureIssues(template: Template, r: Pick<DeidentifiedRecord, "categories" | "measures">): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  let denominator: { key: string; value: number } | null = null;
  const denominators = template.columns.filter((c) => c.role === "denominator");
  for (const c of template.columns) {
    if (c.role === "category") {
      if (c.required && r.categories[c.key] === undefined) add(`categories.${c.key}`, `värde för ${c.header} saknas.`);
      continue;
    }
    if (c.role !== "measure" && c.role !== "denominator") continue;
    const value = r.measures[c.key];
    if (value === undefined) {
      if (c.required) add(`measures.${c.key}`, `värde för ${c.header} saknas.`);
      continue;
    }
    if (c.type === "integer" && !Number.isInteger(value)) add(`measures.${c.key}`, `${c.header} ska vara ett heltal, inte ${value}.`);
    else if (value < 0) add(`measures.${c.key}`, `${c.header} kan inte vara negativt (${value}).`);
    else if (value > MAX_MEASURE) add(`measures.${c.key}`, `${c.header} är orimligt stort (${value}); högst ${MAX_MEASURE} tas emot.`);
    else if (c.role === "denominator" && denominators.length === 1) denominator = { key: c.key, value };
  }
  if (denominator) {
    const d = denominator;
    for (const c of template.columns) {
      const value = r.measures[c.key];
      if (c.role === "measure" && value !== undefined && value > d.value)
        add(`measures.${c.key}`, `${c.header} (${value}) är större än ${denominators[0].header} (${d.value}).`);
    }
  }

  return issues;
}
