// What each reader of a protected round gets. `discloseForReader` is the one function every table for a reader passes
// through: the reader's subset of the round's one pattern (suppressed cells as null, `..`); municipality totals only
// when the round could not be protected or its pattern failed the audit (a pattern that fails the audit is never
// sent). The huvudman's view is unsuppressed and labelled `unsuppressed: true` (not for circulation).
// `readerViews` gives every reader its view once, and the facts later rounds must treat as public.
import { isDerivedSuppressed, type CellStatus, type DisclosureRule } from "../../shared/disclosure";
import type { Cube, CubeCell, IndicatorCube } from "../../shared/indicators/cube";
import type { MissingCells } from "../../shared/indicators/reporting";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import { parseBlockId } from "./cell-key";
import { cellIdsOf, visibleCells, type Reader } from "./cover-model";

export type RoundMode = "protected" | "audit-failed" | "fail-closed";

/** What the readers' views are made from: the cube and the round's one pattern. */
export interface RoundPattern {
  cube: Cube;
  rule: DisclosureRule;
  mode: RoundMode;
  /** Status of every modelled cell id (`cell-key.ts`). */
  status: ReadonlyMap<string, CellStatus>;
  /** Values published in earlier rounds (a held-back revised total keeps showing its earlier value). */
  earlier: ReadonlyMap<string, number>;
  /** Blocks (`indicator|level|periodType`) withheld from every reader because the audit could not pass with them. */
  withheld: ReadonlySet<string>;
  /** Why the round failed closed or failed the audit. */
  reason?: string;
  /** Cells not reported by every expected partner: `missing` for every reader, the huvudman too (never a number, never `..`). */
  missing?: MissingCells;
}

export interface DisclosedTable {
  cells: DeliveryCell[];
  unsuppressed: boolean;
  notes: string[];
}

/** The table note of a delivery holding missing cells (the sheets' cell note is `MISSING_NOTE` in delivery-sheets). */
export const MISSING_TABLE_NOTE =
  "Värden som visas som saknas är inte inrapporterade av alla parter som ska rapportera för perioden (de är inte 0 och inte skyddade); de lämnas ut när rapporteringen är komplett.";

const SUPPRESSION_NOTE = "Värden som visas som .. är undertryckta (röjandekontroll: för få händelser, eller för att ett litet värde annars kunde räknas fram ur andra celler).";

const STATUS_CODES: readonly (CellStatus | undefined)[] = [undefined, undefined, "published", "primary", "secondary", "held"];

/**
 * The round's status of cube cells, looked up by id once per cell whichever readers ask (`part` 0: the numerator's
 * cell, 1: the denominator's): every reader's view, and the facts, ask it per cell.
 */
function statusOfCells(round: RoundPattern): (ic: IndicatorCube, index: number, part: 0 | 1) => CellStatus | undefined {
  // Per cube and part: 0 not looked up yet, else 1 + the position in STATUS_CODES (1: not in the pattern).
  const codes = new Map<IndicatorCube, [Uint8Array, Uint8Array]>();
  return (ic, index, part) => {
    let byPart = codes.get(ic);
    if (!byPart) codes.set(ic, (byPart = [new Uint8Array(ic.cells.length), new Uint8Array(ic.cells.length)]));
    let code = byPart[part][index];
    if (code === 0) {
      const ids = cellIdsOf(ic);
      const s = round.status.get(part === 0 ? ids.numerator[index] : ids.denominator[index]);
      code = s === undefined ? 1 : STATUS_CODES.indexOf(s);
      byPart[part][index] = code;
    }
    return STATUS_CODES[code];
  };
}

type StatusOf = ReturnType<typeof statusOfCells>;

/** The value published earlier of a municipality total whose revision is held back (undefined when not held). */
function heldValue(round: RoundPattern, statusOf: StatusOf, ic: IndicatorCube, index: number): number | undefined {
  return statusOf(ic, index, 0) === "held" ? round.earlier.get(cellIdsOf(ic).numerator[index]) : undefined;
}

/** THE function every table for a reader passes through. */
export function discloseForReader(round: RoundPattern, reader: Reader): DisclosedTable {
  return disclose(round, statusOfCells(round), reader).table;
}

/** A reader's table, and the cube cell of each of its cells (none for the huvudman's). */
function disclose(round: RoundPattern, statusOf: StatusOf, reader: Reader): { table: DisclosedTable; visible: CubeAt[] } {
  const isMissing = (c: CubeCell): boolean => round.missing?.(c.indicator, c.periodType, c.period) ?? false;
  const strip = (c: CubeCell, suppressed: boolean): DeliveryCell => {
    const missing = isMissing(c);
    return {
      indicator: c.indicator,
      nyko: c.nyko,
      level: c.level,
      periodType: c.periodType,
      period: c.period,
      value: missing || suppressed ? null : c.value,
      suppressed: !missing && suppressed,
      status: missing ? "missing" : suppressed ? "suppressed" : "value",
    };
  };
  const withMissingNote = (cells: DeliveryCell[], notes: string[]): string[] => (cells.some((c) => c.status === "missing") ? [...notes, MISSING_TABLE_NOTE] : notes);
  if (reader.huvudman) {
    const cells = round.cube.indicators.flatMap((ic) => ic.cells.map((c) => strip(c, false)));
    return { table: { cells, unsuppressed: true, notes: withMissingNote(cells, ["Ej för spridning: huvudmannens egen vy utan röjandekontroll."]) }, visible: [] };
  }
  const visible = visibleCells(round.cube, reader, round.withheld);
  // Fail closed: a pattern that could not be made, or that failed the audit, is never sent; only municipality totals
  // are, and not per week (weekly totals beside half-month totals give away the days between them).
  if (round.mode !== "protected") {
    const totals = visible.filter(({ ic, index }) => ic.cells[index].level === 0 && ic.cells[index].periodType !== "week");
    const cells = totals.map(({ ic, index }) => strip(ic.cells[index], false));
    return { table: { cells, unsuppressed: false, notes: withMissingNote(cells, [round.reason ?? "Bara kommuntotaler lämnas ut."]) }, visible: totals };
  }
  const suppressedAt = (ic: IndicatorCube, index: number, part: 0 | 1): boolean => {
    const s = statusOf(ic, index, part);
    return s !== undefined && s !== "published";
  };
  const cells = visible.map(({ ic, index }) => {
    const c = ic.cells[index];
    if (ic.definition.denominator === undefined) {
      // A municipality total whose revision is held back keeps showing the value published earlier.
      const held = heldValue(round, statusOf, ic, index);
      if (held !== undefined && !isMissing(c)) return { ...strip(c, false), value: held };
      return strip(c, suppressedAt(ic, index, 0));
    }
    const den = c.denominator === null ? undefined : { value: c.denominator, suppressed: suppressedAt(ic, index, 1) };
    return strip(c, isDerivedSuppressed({ value: c.numerator, suppressed: suppressedAt(ic, index, 0) }, den, round.rule.threshold));
  });
  const notes = [SUPPRESSION_NOTE];
  const mine = [...round.withheld].filter((b) => reader.entries.some((e) => parseBlockId(b)?.indicator === e.indicator));
  if (mine.length > 0) notes.push(`Tabeller som inte kunde skyddas och därför inte lämnas ut denna gång (indikator|nivå|periodtyp): ${mine.join(", ")}.`);
  return { table: { cells, unsuppressed: false, notes: withMissingNote(cells, notes) }, visible };
}

/** A cell of the cube: its indicator's cube and its index there. */
interface CubeAt {
  ic: IndicatorCube;
  index: number;
}

/**
 * Adds the facts a reader's view makes public to `facts` (cell id → numerator; a held-back total keeps its earlier
 * value), a cell already there keeping its value. `find` gives the cube cell of the view's k-th cell (or none).
 */
function addFactsOfView(round: RoundPattern, statusOf: StatusOf, table: DisclosedTable, find: (cell: DeliveryCell, k: number) => CubeAt | undefined, facts: Map<string, number>): void {
  table.cells.forEach((c, k) => {
    // A missing cell (not reported by every expected partner) publishes nothing: no fact.
    if (c.suppressed || c.status === "missing") return;
    const at = find(c, k);
    if (!at) return;
    const id = cellIdsOf(at.ic).numerator[at.index];
    if (!facts.has(id)) facts.set(id, heldValue(round, statusOf, at.ic, at.index) ?? at.ic.cells[at.index].numerator);
  });
}

/**
 * Every reader's view of the round, each made once, and the facts for later rounds: the values readers below
 * huvudman saw (cell id → numerator; a held-back total keeps its earlier value).
 */
export function readerViews(round: RoundPattern, readers: readonly Reader[]): { views: Map<string, DisclosedTable>; facts: Record<string, number> } {
  const statusOf = statusOfCells(round);
  const views = new Map<string, DisclosedTable>();
  // The facts of every view, merged (a cell several readers see is one fact, with one value).
  const facts = new Map<string, number>();
  for (const r of readers) {
    const { table, visible } = disclose(round, statusOf, r);
    views.set(r.org, table);
    // The pseudo-reader of what was published before (`publishedReader`) publishes nothing new.
    if (!r.huvudman && !r.cells) addFactsOfView(round, statusOf, table, (_, k) => visible[k], facts);
  }
  return { views, facts: Object.fromEntries(facts) };
}

/** The facts a reader's view makes public: cell id → numerator (a held-back total keeps its earlier value). */
export function factsOfView(round: RoundPattern, table: DisclosedTable): Record<string, number> {
  const facts = new Map<string, number>();
  const find = (c: DeliveryCell): CubeAt | undefined => {
    const ic = round.cube.get(c.indicator);
    const index = ic ? ic.cellIndex(c.nyko, c.periodType, c.period) : -1;
    return ic && index >= 0 ? { ic, index } : undefined;
  };
  addFactsOfView(round, statusOfCells(round), table, find, facts);
  return Object.fromEntries(facts);
}
