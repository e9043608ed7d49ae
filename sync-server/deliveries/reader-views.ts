// What each reader of a protected round gets. `discloseForReader` is the one function every table for a reader passes
// through: the reader's subset of the round's one pattern (suppressed cells as null, `..`); municipality totals only
// when the round could not be protected or its pattern failed the audit (a pattern that fails the audit is never
// sent). The huvudman's view is unsuppressed and labelled `unsuppressed: true` (not for circulation).
// `readerViews` gives every reader its view once, and the facts later rounds must treat as public.
import { isDerivedSuppressed, type CellStatus, type DisclosureRule } from "../../shared/disclosure";
import type { Cube, CubeCell, IndicatorCube } from "../../shared/indicators/cube";
import type { MissingCells } from "../../shared/indicators/reporting";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import { parseBlockId, type CellPart } from "./cell-key";
import { cellIdAt, visibleCells, type Reader } from "./cover-model";

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

/** A cube cell as a delivery cell: its value, `..` when suppressed, or missing (never a number, never `..`). */
function strip(round: RoundPattern, c: CubeCell, suppressed: boolean): DeliveryCell {
  const missing = isMissing(round, c);
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
}

function isMissing(round: RoundPattern, c: CubeCell): boolean {
  return round.missing?.(c.indicator, c.periodType, c.period) ?? false;
}

/**
 * What the views of one round are made of, per cube cell, worked out once whichever readers see it: its status in
 * the pattern (of its numerator's and its denominator's cell, each looked up by id once) and the delivery cell a
 * reader below huvudman gets of it in a protected round (frozen: every view that holds the cell shares it).
 */
function roundCells(round: RoundPattern) {
  // Per cube: per part, 0 where not looked up yet, else the position in STATUS_CODES (1: not in the pattern).
  // `inFacts`: 1 where the cell is in `facts`.
  type OfCube = { codes: Record<CellPart, Uint8Array>; cells: (DeliveryCell | undefined)[]; inFacts: Uint8Array };
  const byCube = new Map<IndicatorCube, OfCube>();
  let last: { ic: IndicatorCube | null; of: OfCube | null } = { ic: null, of: null };
  const cubeOf = (ic: IndicatorCube): OfCube => {
    if (last.ic === ic) return last.of!;
    let of = byCube.get(ic);
    const n = ic.cells.length;
    if (!of) byCube.set(ic, (of = { codes: { numerator: new Uint8Array(n), denominator: new Uint8Array(n) }, cells: new Array(n), inFacts: new Uint8Array(n) }));
    last = { ic, of };
    return of;
  };
  const statusOf = (ic: IndicatorCube, index: number, part: CellPart): CellStatus | undefined => {
    const codes = cubeOf(ic).codes[part];
    let code = codes[index];
    if (code === 0) {
      const s = round.status.get(cellIdAt(ic, index, part));
      code = codes[index] = s === undefined ? 1 : STATUS_CODES.indexOf(s);
    }
    return STATUS_CODES[code];
  };
  const suppressedAt = (ic: IndicatorCube, index: number, part: CellPart): boolean => {
    const s = statusOf(ic, index, part);
    return s !== undefined && s !== "published";
  };
  /** The value published earlier of a municipality total whose revision is held back (undefined when not held). */
  const heldValue = (ic: IndicatorCube, index: number): number | undefined =>
    statusOf(ic, index, "numerator") === "held" ? round.earlier.get(cellIdAt(ic, index)) : undefined;
  const protectedCell = (ic: IndicatorCube, index: number): DeliveryCell => {
    const c = ic.cells[index];
    if (ic.definition.denominator === undefined) {
      // A municipality total whose revision is held back keeps showing the value published earlier.
      const held = heldValue(ic, index);
      if (held !== undefined && !isMissing(round, c)) return { ...strip(round, c, false), value: held };
      return strip(round, c, suppressedAt(ic, index, "numerator"));
    }
    const den = c.denominator === null ? undefined : { value: c.denominator, suppressed: suppressedAt(ic, index, "denominator") };
    return strip(round, c, isDerivedSuppressed({ value: c.numerator, suppressed: suppressedAt(ic, index, "numerator") }, den, round.rule.threshold));
  };
  const facts = new Map<string, number>();
  return {
    /** The facts added so far (a cell several readers see is one fact, with one value). */
    facts,
    /** Adds a cell's fact: its numerator, or the earlier value of a held-back total. */
    addFact(ic: IndicatorCube, index: number): void {
      const inFacts = cubeOf(ic).inFacts;
      if (inFacts[index]) return;
      inFacts[index] = 1;
      facts.set(cellIdAt(ic, index), heldValue(ic, index) ?? ic.cells[index].numerator);
    },
    /** The cell a reader below huvudman gets in a protected round. */
    readerCell(ic: IndicatorCube, index: number): DeliveryCell {
      const cells = cubeOf(ic).cells;
      return (cells[index] ??= Object.freeze(protectedCell(ic, index)));
    },
  };
}

type RoundCells = ReturnType<typeof roundCells>;

/** THE function every table for a reader passes through. */
export function discloseForReader(round: RoundPattern, reader: Reader): DisclosedTable {
  return disclose(round, roundCells(round), reader).table;
}

/** A reader's table, and the cube cell of each of its cells (none for the huvudman's). */
function disclose(round: RoundPattern, memo: RoundCells, reader: Reader): { table: DisclosedTable; visible: CubeAt[] } {
  const withMissingNote = (cells: DeliveryCell[], notes: string[]): string[] => (cells.some((c) => c.status === "missing") ? [...notes, MISSING_TABLE_NOTE] : notes);
  if (reader.huvudman) {
    const all = round.cube.indicators.flatMap((ic) => ic.cells.map((c) => strip(round, c, false)));
    return { table: { cells: all, unsuppressed: true, notes: withMissingNote(all, ["Ej för spridning: huvudmannens egen vy utan röjandekontroll."]) }, visible: [] };
  }
  const visible = visibleCells(round.cube, reader, round.withheld);
  // Fail closed: a pattern that could not be made, or that failed the audit, is never sent; only municipality totals
  // are, and not per week (weekly totals beside half-month totals give away the days between them).
  if (round.mode !== "protected") {
    const totals = visible.filter(({ ic, index }) => ic.cells[index].level === 0 && ic.cells[index].periodType !== "week");
    const seen = totals.map(({ ic, index }) => strip(round, ic.cells[index], false));
    return { table: { cells: seen, unsuppressed: false, notes: withMissingNote(seen, [round.reason ?? "Bara kommuntotaler lämnas ut."]) }, visible: totals };
  }
  const seen = visible.map(({ ic, index }) => memo.readerCell(ic, index));
  const notes = [SUPPRESSION_NOTE];
  const mine = [...round.withheld].filter((b) => reader.entries.some((e) => parseBlockId(b)?.indicator === e.indicator));
  if (mine.length > 0) notes.push(`Tabeller som inte kunde skyddas och därför inte lämnas ut denna gång (indikator|nivå|periodtyp): ${mine.join(", ")}.`);
  return { table: { cells: seen, unsuppressed: false, notes: withMissingNote(seen, notes) }, visible };
}

/** A cell of the cube: its indicator's cube and its index there. */
interface CubeAt {
  ic: IndicatorCube;
  index: number;
}

/**
 * Adds the facts a reader's view makes public to the round's (`RoundCells.facts`: cell id → numerator; a held-back
 * total keeps its earlier value). `visible[k]` is the cube cell of the view's k-th cell.
 */
function addFactsOfView(memo: RoundCells, table: DisclosedTable, visible: readonly CubeAt[]): void {
  table.cells.forEach((c, k) => {
    // A missing cell (not reported by every expected partner) publishes nothing: no fact.
    if (c.suppressed || c.status === "missing") return;
    memo.addFact(visible[k].ic, visible[k].index);
  });
}

/**
 * Every reader's view of the round, each made once, and the facts for later rounds: the values readers below
 * huvudman saw (cell id → numerator; a held-back total keeps its earlier value).
 */
export function readerViews(round: RoundPattern, readers: readonly Reader[]): { views: Map<string, DisclosedTable>; facts: Record<string, number> } {
  const memo = roundCells(round);
  const views = new Map<string, DisclosedTable>();
  for (const r of readers) {
    const { table, visible } = disclose(round, memo, r);
    views.set(r.org, table);
    // The pseudo-reader of what was published before (`publishedReader`) publishes nothing new.
    if (!r.huvudman && !r.cells) addFactsOfView(memo, table, visible);
  }
  return { views, facts: Object.fromEntries(memo.facts) };
}
