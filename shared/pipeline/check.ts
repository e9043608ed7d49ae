// The core pipeline of one sheet: template match → validate → locate → de-identify. Runs in the task pane,
// the server and the command line alike.
import type { LocalRecord } from "../protocol/record";
import type { Grid } from "../protocol/workbook";
import type { Template, TemplateColumn } from "../templates/schema";
import { a1 } from "../grid/a1";
import { cellText, isBlank } from "../grid/cell";
import { findHeader, pickTemplate, type HeaderMatch } from "../validate/header";
import { hasErrors, type SheetIssue } from "../validate/issue";
import { ROW_BLANK, ROW_INVALID, rowValidator, type RowValues } from "../validate/validate-grid";
import { planRecord, recordBuilder, recordStrings } from "../deidentify/build-record";
import { containsIdentifier } from "../deidentify/scan";
import { hasRowGroupRules, rowGroupIssues } from "../validate/row-groups";
import { measureIssues } from "../validate/record-rules";
import { toSweref99Tm } from "../areas/projection";
import { createLocator, type AreaRegisters, type Locator, type LocateResult, type UnlocatedReason } from "../areas";

export const LOCATE_REASON_TEXT: Record<UnlocatedReason, string> = {
  "unknown-street": "gatan finns inte i adressregistret",
  "unknown-number": "gatunumret finns inte i adressregistret",
  "outside-municipality": "platsen ligger utanför kommunen",
  ambiguous: "adressen kan höra till flera områden",
  missing: "plats saknas",
};

export interface CheckOptions {
  /** Templates to choose from when `template` is not given (the one whose headers fit best). */
  templates: readonly Template[];
  template?: Template;
  org: string;
  registers: AreaRegisters;
  /** A locator over the registers; pass one to keep its cache across sheets. */
  locator?: Locator;
  /** Optional: linkage tokens for double reporting, computed from the row's own place and time (never sent otherwise). */
  linkTokens?: (input: LinkInput) => string[];
  /**
   * Hands each record over as it is made, in sheet order, instead of keeping it in the result (whose `records`
   * stays empty): a submission builds its parts while the sheet is checked and never holds the records twice.
   */
  onRecord?: (record: LocalRecord) => void;
}

export interface LinkInput {
  template: Template;
  record: LocalRecord;
  /** The register address key (`street|number|letter`) the row was located through, local only. */
  addressKey: string | null;
  /** The row's own point, converted to SWEREF 99 TM, local only. */
  point: { n: number; e: number } | null;
  /** Minutes after midnight when the sheet has a time. */
  minutes: number | null;
}

export interface UnlocatedRow {
  row: number;
  cell: string | null;
  value: string;
  reason: UnlocatedReason;
}

export interface CheckResult {
  template: { id: string; version: number } | null;
  headerRow: number | null;
  /** Data rows read (blank rows skipped). */
  rows: number;
  /** Rows that will be sent. */
  accepted: number;
  located: number;
  unlocated: UnlocatedRow[];
  issues: SheetIssue[];
  /** Column headers that will not leave the workbook. */
  stripped: string[];
  records: LocalRecord[];
  /** True when there is no error: the sheet can be submitted. */
  canSubmit: boolean;
}

const EMPTY: Omit<CheckResult, "issues"> = {
  template: null, headerRow: null, rows: 0, accepted: 0, located: 0, unlocated: [], stripped: [], records: [], canSubmit: false,
};

function toSwerefPoint(n: number, e: number, crs: string): { n: number; e: number } {
  const [x, y] = toSweref99Tm(crs, [e, n]);
  return { n: y, e: x };
}

function leaves(c: TemplateColumn): boolean {
  return c.role === "kept" || c.role === "category" || c.role === "measure" || c.role === "denominator" || c.role === "date" || c.role === "time" || c.type === "nyko";
}

interface LocationPlan {
  address: TemplateColumn | undefined;
  north: TemplateColumn | undefined;
  east: TemplateColumn | undefined;
  nyko: TemplateColumn | undefined;
}

function planLocation(template: Template): LocationPlan {
  const loc = template.columns.filter((c) => c.role === "location");
  return {
    address: loc.find((c) => c.type === "address"),
    north: loc.find((c) => c.type === "coordinate" && c.axis === "N"),
    east: loc.find((c) => c.type === "coordinate" && c.axis === "E"),
    nyko: loc.find((c) => c.type === "nyko"),
  };
}

export function checkGrid(grid: Grid, options: CheckOptions): CheckResult {
  const check = startCheck(grid, options);
  check.feed(grid.length);
  return check.finish();
}

/**
 * A check of a sheet in steps, so a caller can do other work between them (a submission sends its parts while the
 * rest of the sheet is checked): `feed(end)` checks the rows before grid row `end` not yet checked, in order;
 * `finish` checks the rest and gives the result, exactly as `checkGrid` of the whole grid.
 */
export interface SheetCheck {
  feed(end: number): void;
  /** True once a row checked so far has an error (the sheet cannot be submitted). */
  hasErrors(): boolean;
  finish(): CheckResult;
}

export function startCheck(grid: Grid, options: CheckOptions): SheetCheck {
  let template = options.template;
  let header: HeaderMatch | null;
  if (template) header = findHeader(grid, template);
  else {
    const picked = pickTemplate(grid, options.templates);
    template = picked?.template;
    header = picked?.header ?? null;
  }
  if (!template || !header) {
    const failed: CheckResult = {
      ...EMPTY,
      template: template ? { id: template.id, version: template.version } : null,
      issues: [{
        cell: null, row: null, column: null, code: "template-no-match", severity: "error",
        message: template
          ? `Hittade ingen rubrikrad som passar mallen ”${template.title}”.`
          : "Bladet passar ingen av organisationens mallar. Kontrollera rubrikraden.",
      }],
    };
    return { feed: () => undefined, hasErrors: () => true, finish: () => failed };
  }

  const validator = rowValidator(grid, template, header);
  // Location, scanning and linkage findings follow every validation finding, as they always have.
  const issues: SheetIssue[] = [];
  const plan = planRecord(template);
  const build = recordBuilder(plan, validator.slotOf);
  const loc = planLocation(template);
  const col = (c: TemplateColumn | undefined) => (c ? header.columns.get(c.key) : undefined);
  const addressCol = col(loc.address);
  const northCol = col(loc.north);
  const nykoCol = col(loc.nyko);
  const nykoSlot = validator.slotOf(loc.nyko?.key);
  const northSlot = validator.slotOf(loc.north?.key);
  const eastSlot = validator.slotOf(loc.east?.key);
  const crs = loc.north?.crs ?? "EPSG:3006";
  const registers = options.registers;
  const locator = options.locator ?? createLocator(registers);
  const timeSlot = validator.slotOf(template.columns.find((c) => c.role === "time")?.key);
  const linkTokens = template.rowKind === "event" ? options.linkTokens : undefined;
  const slot = (v: RowValues, k: number) => (k < 0 ? undefined : v[k]);

  const records: LocalRecord[] = [];
  const unlocated: UnlocatedRow[] = [];
  const scanCache = new Map<string, boolean>();
  const cleanCategories = new Set<object>();
  const values: RowValues = new Array(validator.columns.length).fill(undefined);
  const onRecord = options.onRecord;
  // Aggregate templates with rules across rows keep each sent row (they are small) to check the rows together.
  const grouped: { gridRow: number; record: LocalRecord }[] | null = hasRowGroupRules(template) ? [] : null;
  let located = 0;
  let rows = 0;
  let kept = 0;

  let next = header.headerRow + 1;
  const feed = (end: number) => {
    for (let r = next, stop = Math.min(end, grid.length); r < stop; r++, next = r) {
      const state = validator.validate(grid, r, values);
      if (state === ROW_BLANK) continue;
      rows++;
      let invalid = state === ROW_INVALID;
      const sheetRow = r + 1;
      // Location
      let result: LocateResult = MISSING_PLACE;
      // The row's area when `result` is LOCATED (an address located through the cache), else result.nyko.
      let area: string | null = null;
      // Where the place came from: a grid column and the text shown on the receipt (the A1 address is made only when needed).
      let whereCol: number | undefined;
      let whereValue = "";
      let point: LinkInput["point"] = null;
      if (nykoCol !== undefined) {
        const code = slot(values, nykoSlot);
        whereCol = nykoCol;
        whereValue = typeof code === "string" ? code : "";
        if (typeof code === "string") {
          const cut = registers.nyko.has(code) ? registers.nyko.cutToLevel(code, 3) : null;
          if (cut) result = { ok: true, nyko: cut, level3: registers.nyko.levelOf(cut) === 3 ? cut : null, via: "address" };
          else {
            invalid = true;
            const cell = a1(r, nykoCol);
            issues.push({ cell, row: sheetRow, column: loc.nyko!.header, code: "nyko-unknown", severity: "error",
              message: `NYKO-koden ”${code}” finns inte i kommunens områdesregister (cell ${cell}).` });
            continue;
          }
        }
      } else {
        const n = slot(values, northSlot);
        const e = slot(values, eastSlot);
        const line = grid[r] ?? [];
        if (typeof n === "number" && typeof e === "number") {
          whereCol = northCol;
          whereValue = `${n}, ${e}`;
          result = locator.locateCoordinates(n, e, crs);
          if (result.ok) point = crs === "EPSG:3006" ? { n, e } : toSwerefPoint(n, e, crs);
        } else if (addressCol !== undefined && !isBlank(line[addressCol])) {
          const address = cellText(line[addressCol]);
          whereCol = addressCol;
          whereValue = address;
          // The area alone for a located address; the whole result when it is needed (a reason, or linkage).
          if (linkTokens) result = locator.locateAddress(address);
          else {
            area = locator.addressArea(address);
            result = area === null ? locator.locateAddress(address) : LOCATED;
          }
        } else {
          whereCol = addressCol ?? northCol;
          if (typeof n === "number" || typeof e === "number") {
            issues.push({ cell: whereCol === undefined ? null : a1(r, whereCol), row: sheetRow, column: loc.north?.header ?? null, code: "coordinate-incomplete", severity: "warning",
              message: `Raden har bara en av koordinaterna N och E (rad ${sheetRow}).` });
          }
        }
      }
      if (invalid) continue;
      const nyko = result === LOCATED ? area : result.ok ? result.nyko : null;
      if (result.ok) located++;
      else {
        const cell = whereCol === undefined ? null : a1(r, whereCol);
        unlocated.push({ row: sheetRow, cell, value: whereValue, reason: result.reason });
        issues.push({
          cell, row: sheetRow, column: loc.address?.header ?? loc.north?.header ?? null, code: `unlocated-${result.reason}`, severity: "warning",
          message: `${whereValue ? `”${whereValue.trim()}”` : "Raden"} kunde inte placeras i ett område: ${LOCATE_REASON_TEXT[result.reason]}. Raden skickas utan område och räknas bara i kommunens total.`,
        });
      }
      const record = build(values, sheetRow, options.org, nyko);
      if (!isKnownClean(record, cleanCategories, scanCache) && !scanRecord(record, r, template, header, issues, scanCache, cleanCategories)) continue;
      if (linkTokens) {
        const t = slot(values, timeSlot);
        const minutes = typeof t === "number" ? t : null;
        const addressKey = result.ok ? (result.addressKey ?? null) : null;
        const tokens = linkTokens({ template, record, addressKey, point, minutes });
        if (tokens.length > 0) record.link = tokens;
      }
      kept++;
      grouped?.push({ gridRow: r, record });
      if (onRecord) onRecord(record);
      else records.push(record);
    }
    next = Math.max(next, Math.min(end, grid.length));
  };

  const finish = (): CheckResult => {
    feed(grid.length);
    if (grouped) {
      // The rules the server checks on each record, found here with their cells so the sheet can be corrected first.
      for (const { gridRow, record } of grouped)
        for (const m of measureIssues(template, record)) {
          const key = m.field.replace(/^(measures|categories)\./, "");
          const colIndex = header.columns.get(key);
          const cell = colIndex === undefined ? null : a1(gridRow, colIndex);
          const column = template.columns.find((c) => c.key === key);
          issues.push({ cell, row: gridRow + 1, column: column?.header ?? key, code: "measure-invalid", severity: "error", message: `${m.message.charAt(0).toUpperCase()}${m.message.slice(1)}${cell ? ` (cell ${cell})` : ""}` });
        }
      for (const g of rowGroupIssues(template, grouped.map((x) => x.record), "whole")) {
        const { gridRow } = grouped[g.index];
        const column = template.columns.find((c) => c.key === g.column);
        const colIndex = header.columns.get(g.column);
        const cell = colIndex === undefined ? null : a1(gridRow, colIndex);
        issues.push({ cell, row: gridRow + 1, column: column?.header ?? g.column, code: g.code, severity: "error", message: `${g.message}${cell ? ` (cell ${cell})` : ""}` });
      }
    }
    validator.finish();
    const allIssues = validator.issues.length === 0 ? issues : issues.length === 0 ? validator.issues : validator.issues.concat(issues);

    const stripped = [
      ...template.columns.filter((c) => header.columns.has(c.key) && !leaves(c)).map((c) => cellText(grid[header.headerRow]?.[header.columns.get(c.key)!]).trim()),
      ...header.unknown.map((u) => u.header),
    ];
    const canSubmit = !hasErrors(allIssues);
    return {
      template: { id: template.id, version: template.version },
      headerRow: header.headerRow + 1,
      rows,
      accepted: canSubmit ? kept : 0,
      located,
      unlocated,
      issues: allIssues,
      stripped,
      records,
      canSubmit,
    };
  };
  let errorsSeen = false;
  let validatorSeen = 0;
  let ownSeen = 0;
  const hasErrorsSoFar = () => {
    if (!errorsSeen) errorsSeen = hasErrors(validator.issues.slice(validatorSeen)) || hasErrors(issues.slice(ownSeen));
    validatorSeen = validator.issues.length;
    ownSeen = issues.length;
    return errorsSeen;
  };
  return { feed, hasErrors: hasErrorsSoFar, finish };
}

const MISSING_PLACE: LocateResult = Object.freeze({ ok: false, reason: "missing" });
/** Stands for an address located through the cache, whose area is in `area` (its own result is not looked at). */
const LOCATED: LocateResult = Object.freeze({ ok: true, nyko: "", level3: null, via: "address" });

/** True when every string of the record was scanned before and found clean (records share category objects). */
function isKnownClean(record: LocalRecord, cleanCategories: Set<object>, cache: Map<string, boolean>): boolean {
  return cleanCategories.has(record.categories) && (record.period === null || cache.get(record.period) === false);
}

/** Defence in depth: no string that leaves may look like an identifier. A hit blocks submission on that cell. */
function scanRecord(record: LocalRecord, gridRow: number, template: Template, header: HeaderMatch, issues: SheetIssue[], cache: Map<string, boolean>, cleanCategories: Set<object>): boolean {
  let clean = true;
  for (const [field, value] of recordStrings(record)) {
    let hit = cache.get(value);
    if (hit === undefined) {
      hit = containsIdentifier(value);
      cache.set(value, hit);
    }
    if (!hit) continue;
    clean = false;
    const column = template.columns.find((c) => c.key === field) ?? template.columns.find((c) => c.type === "period");
    const colIndex = column ? header.columns.get(column.key) : undefined;
    const cell = colIndex !== undefined ? a1(gridRow, colIndex) : null;
    issues.push({ cell, row: gridRow + 1, column: column?.header ?? field, code: "identifying-value", severity: "error",
      message: `Cellen ${cell ?? ""} innehåller något som liknar en personuppgift och får inte skickas.` });
  }
  let categoriesClean = true;
  for (const key in record.categories) if (cache.get(record.categories[key]) !== false) categoriesClean = false;
  if (categoriesClean) cleanCategories.add(record.categories);
  return clean;
}
