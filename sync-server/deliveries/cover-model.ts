// The cover model of one delivery round: ONE model over every cell any reader below huvudman can see in the round
// (all indicators, NYKO levels, municipality totals and period types), with the typed key of every cell and inner
// cell it names; and what the insiders among the readers know of it.
import type { Insider, CellStatus, CoverModel, InnerCell, PublishedCell } from "../../shared/disclosure";
import type { CellMembers, Cube, IndicatorCube } from "../../shared/indicators/cube";
import { compileMatcher } from "../../shared/indicators/match";
import type { InnerCells } from "../../shared/indicators/inner";
import { withinGrain } from "../../shared/indicators/grain";
import type { MissingCells } from "../../shared/indicators/reporting";
import type { AccessEntry } from "../stores/subscriptions";
import { periodTypeSchema } from "../../shared/protocol/delivery";
import { blockId, cellId, parseCellId, innerId, isUnlocated, orgOfInner, type BlockKey, type CellKey, type CellPart, type InnerKey } from "./cell-key";

export interface Reader {
  org: string;
  /** The huvudman sees every cell unsuppressed (no grain limit). */
  huvudman: boolean;
  /** The reader's subscriptions, already cut to its grants (ignored for the huvudman); a request's parts name their periods. */
  entries: readonly ReaderEntry[];
  /**
   * Only these cell ids (`cell-key.ts`), whatever the grain: the cells published earlier, which a request's review
   * models as known whether or not the grain has changed since.
   */
  cells?: ReadonlySet<string>;
}

/** What a reader sees of one indicator; `periods` limits it to those periods (a request's part). */
export type ReaderEntry = AccessEntry & { periods?: readonly string[] };

/** A published cell of the round's model: what it is, the block it belongs to, and its position in `model.cells`. */
export interface CoverCell {
  key: CellKey;
  block: BlockKey;
  index: number;
}

/** The round's cover model, and the typed key of every id in it. */
export interface RoundCover {
  model: CoverModel;
  /** Every published cell id of the model. */
  cells: ReadonlyMap<string, CoverCell>;
  /** Every inner cell id of the model. */
  inner: ReadonlyMap<string, InnerKey>;
  /**
   * The inner cells of each cell as positions in `model.inner`: those of `model.cells[k]` are `at[start[k]]` to
   * `at[start[k + 1] - 1]`, in the order of its `inner` (so the round's own steps need not look ids up).
   */
  innerOf: { start: Int32Array; at: Int32Array };
}

/** The cell ids of an indicator cube's cells (numerator and denominator), each made once on first use: every reader asks. */
const idsOfCube = new WeakMap<IndicatorCube, Record<CellPart, (string | undefined)[]>>();
export function cellIdAt(ic: IndicatorCube, index: number, part: CellPart = "numerator"): string {
  let ids = idsOfCube.get(ic);
  if (!ids) idsOfCube.set(ic, (ids = { numerator: new Array(ic.cells.length), denominator: new Array(ic.cells.length) }));
  const c = ic.cells[index];
  return (ids[part][index] ??= cellId({ indicator: c.indicator, nyko: c.nyko, period: c.period, part }));
}

/**
 * The cells of the cube a reader below huvudman may see: its subscriptions within each indicator's grain,
 * less the blocks withheld from everyone in this round.
 */
export function visibleCells(cube: Cube, reader: Reader, withheld: ReadonlySet<string> = new Set()): { ic: IndicatorCube; index: number }[] {
  const out: { ic: IndicatorCube; index: number }[] = [];
  eachVisible(cube, reader, withheld, (ic, index) => out.push({ ic, index }));
  return out;
}

/** `visibleCells`, one call per cell in the same order. */
function eachVisible(cube: Cube, reader: Reader, withheld: ReadonlySet<string>, visit: (ic: IndicatorCube, index: number) => void): void {
  for (const e of reader.entries) {
    const ic = cube.get(e.indicator);
    if (!ic) continue;
    const periods = e.periods ? new Set(e.periods) : null;
    const known = reader.cells ?? null;
    // Whether the entry sees a block (level × period type) at all, asked once per block, not per cell.
    const seen = new Map<string, boolean[]>();
    const cells = ic.cells;
    for (let index = 0; index < cells.length; index++) {
      const c = cells[index];
      let byLevel = seen.get(c.periodType);
      if (!byLevel) seen.set(c.periodType, (byLevel = []));
      let block = byLevel[c.level];
      if (block === undefined) {
        block = e.levels.includes(c.level) && e.periodTypes.includes(c.periodType) && !withheld.has(blockId(c)) && (known !== null || withinGrain(c, ic.definition.grain));
        byLevel[c.level] = block;
      }
      if (!block || (periods && !periods.has(c.period))) continue;
      if (known === null || known.has(cellIdAt(ic, index))) visit(ic, index);
    }
  }
}

/** The organisation id of the pseudo-reader of everything published before (no organisation has it). */
const PUBLISHED_READER = "~publicerat";

/**
 * A pseudo-reader holding exactly the cells published before (delivery rounds, released requests), whatever the
 * subscriptions and grains are now: added to a round's or a review's cover model so that every published value is
 * in the model as a fixed fact (a fact about a cell outside the model would otherwise be dropped).
 */
export function publishedReader(facts: ReadonlyMap<string, number>): Reader {
  const indicators = new Set<string>();
  for (const id of facts.keys()) {
    const key = parseCellId(id);
    if (key) indicators.add(key.indicator);
  }
  return {
    org: PUBLISHED_READER,
    huvudman: false,
    entries: [...indicators].map((indicator) => ({ indicator, levels: [0, 1, 2, 3], periodTypes: [...periodTypeSchema.options] })),
    cells: new Set(facts.keys()),
  };
}

function measureDenominator(ic: IndicatorCube): string | null {
  const d = ic.definition.denominator;
  return d?.kind === "measure" && d.overTime === "sum" && ic.inner.denominator ? d.measure : null;
}

/** `org/template/key=value;…` (an inner cell's category combination) as the row fields a matcher reads, or null. */
function rowOfCategory(category: string): { org: string; templateId: string; categories: Record<string, string> } | null {
  const first = category.indexOf("/");
  const second = first < 0 ? -1 : category.indexOf("/", first + 1);
  if (second < 0) return null;
  const categories: Record<string, string> = {};
  const rest = category.slice(second + 1);
  for (const part of rest === "" ? [] : rest.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    categories[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return { org: category.slice(0, first), templateId: category.slice(first + 1, second), categories };
}

/**
 * A share of one measure over the same measure (survey answers: those answering "unsafe" over everyone answering the
 * question): numerator and denominator are sums of the same quantity over the same inner cells, the numerator over a
 * subset of them. Modelled so, the attacker's knowledge that the denominator less the numerator is the other answers
 * is in the model, and a small count of other answers is protected like any small count. Per inner cell: whether the
 * numerator and the denominator read it, and its count; null when the indicator is not such a share (or its inner
 * cells do not fit, when it is modelled with a denominator of its own, as before).
 */
function sharedMeasure(ic: IndicatorCube): { inNum: boolean[]; inDen: boolean[]; count: number[] } | null {
  const d = ic.definition.denominator;
  const n = ic.definition.numerator;
  const inner: InnerCells = ic.inner;
  if (d?.kind !== "measure" || d.overTime !== "sum" || n.kind !== "sum" || n.measure !== d.measure || !inner.denominator) return null;
  const num = compileMatcher(n.match);
  const den = compileMatcher(d.match);
  const inNum: boolean[] = [];
  const inDen: boolean[] = [];
  const count: number[] = [];
  for (let i = 0; i < inner.size; i++) {
    const row = rowOfCategory(inner.categories[inner.category[i]]);
    if (!row) return null;
    const a = num.match(row) >= 0;
    const b = den.match(row) >= 0;
    if (a && b && inner.numerator[i] !== inner.denominator[i]) return null;
    inNum.push(a);
    inDen.push(b);
    count.push(a ? inner.numerator[i] : inner.denominator[i]);
  }
  return { inNum, inDen, count };
}

/**
 * The one cover model of the round over every cell any reader below huvudman can see, less the missing cells (not
 * reported by every expected partner): they are never published, so they are not facts an attacker knows.
 */
export function buildCoverModel(cube: Cube, readers: readonly Reader[], withheld: ReadonlySet<string> = new Set(), missing?: MissingCells): RoundCover {
  // Per indicator (in the order first seen), which of its cells some reader sees.
  const wanted = new Map<IndicatorCube, Uint8Array>();
  let lastIc: IndicatorCube | null = null;
  let lastMarks: Uint8Array = new Uint8Array(0);
  for (const r of readers) {
    if (r.huvudman) continue;
    eachVisible(cube, r, withheld, (ic, index) => {
      if (ic !== lastIc) {
        let marks = wanted.get(ic);
        if (!marks) wanted.set(ic, (marks = new Uint8Array(ic.cells.length)));
        lastIc = ic;
        lastMarks = marks;
      }
      lastMarks[index] = 1;
    });
  }
  const innerIndex = new Map<string, number>(); // inner id → position in `inner`
  const innerKeys = new Map<string, InnerKey>();
  const inner: InnerCell[] = [];
  const cells: PublishedCell[] = [];
  const coverCells = new Map<string, CoverCell>();
  const start: number[] = [0];
  const at: number[] = [];
  for (const [ic, marks] of wanted) {
    const kind = ic.definition.numerator.kind === "count" ? "n" : `s:${ic.definition.numerator.measure}`;
    const shared = sharedMeasure(ic);
    const countOf = (i: number): number => (shared ? shared.count[i] : ic.inner.numerator[i]);
    const { leaves, categories, periods, size } = ic.inner;
    const keyOf = (quantity: string, i: number): InnerKey => ({
      quantity,
      leaf: leaves[ic.inner.leaf[i]],
      category: categories[ic.inner.category[i]],
      period: periods[ic.inner.period[i]],
    });
    // The inner cells of one quantity: their keys, ids and positions in `inner` (-1 where not there yet).
    const lookUp = (quantity: string) => {
      const keys = Array.from({ length: size }, (_, i) => keyOf(quantity, i));
      const ids = keys.map(innerId);
      const pos = Int32Array.from(ids, (id) => innerIndex.get(id) ?? -1);
      return { keys, ids, pos };
    };
    const add = (q: { keys: InnerKey[]; ids: string[]; pos: Int32Array }, count: (i: number) => number): void => {
      for (let i = 0; i < size; i++) {
        if (q.pos[i] >= 0) continue;
        const id = q.ids[i];
        q.pos[i] = inner.length;
        innerIndex.set(id, inner.length);
        innerKeys.set(id, q.keys[i]);
        inner.push({ id, count: count(i), pseudo: isUnlocated(q.keys[i]) });
      }
    };
    // Inner cells with the same key are the same rows in every indicator; if counts ever disagree, keep this indicator apart.
    let num = lookUp(kind);
    for (let i = 0; i < size; i++) {
      if (num.pos[i] >= 0 && inner[num.pos[i]].count !== countOf(i)) {
        num = lookUp(`${ic.definition.id}:${kind}`);
        break;
      }
    }
    add(num, countOf);
    const den = shared ? null : measureDenominator(ic);
    const denInner = den ? lookUp(`${ic.definition.id}:d:${den}`) : null;
    if (denInner) add(denInner, (i) => ic.inner.denominator![i]);
    // Per level and period type: the block key, and the inner cells of its cells (made once, dropped with the indicator).
    const blocks = new Map<string, { key: BlockKey; members: CellMembers }>();
    for (let index = 0; index < marks.length; index++) {
      if (!marks[index]) continue;
      const c = ic.cells[index];
      if (missing?.(c.indicator, c.periodType, c.period)) continue; // not published: unknown to the attacker
      const bid = blockId(c);
      let of = blocks.get(bid);
      if (!of) blocks.set(bid, (of = { key: { indicator: c.indicator, level: c.level, periodType: c.periodType }, members: ic.membersAt(c.level, c.periodType) }));
      const { key: block, members: m } = of;
      const members = Array.from(m.inner.subarray(m.start[index - m.base], m.start[index - m.base + 1]));
      if (members.length === 0) continue; // no rows at all: nothing to protect, published as it stands
      const addCell = (part: CellPart, q: { ids: string[]; pos: Int32Array }, of: readonly number[] = members): void => {
        if (of.length === 0) return; // a share's numerator over none of the inner cells: 0 by the data's structure
        const key: CellKey = { indicator: c.indicator, nyko: c.nyko, period: c.period, part };
        const id = cellId(key);
        // Municipality totals are never suppressed, except per week: a week straddling two half-months and the
        // half-months beside it would otherwise give away the days in between (the slivers) with nothing to hide them.
        coverCells.set(id, { key, block, index: cells.length });
        cells.push({ id, inner: of.map((m) => q.ids[m]), neverSuppress: c.level === 0 && c.periodType !== "week" });
        for (const m of of) at.push(q.pos[m]);
        start.push(at.length);
      };
      if (shared) {
        addCell("numerator", num, members.filter((m) => shared.inNum[m]));
        addCell("denominator", num, members.filter((m) => shared.inDen[m]));
      } else {
        addCell("numerator", num);
        if (denInner) addCell("denominator", denInner);
      }
    }
  }
  return { model: { inner, cells }, cells: coverCells, inner: innerKeys, innerOf: { start: Int32Array.from(start), at: Int32Array.from(at) } };
}

/**
 * The insider variant: each reading organisation knows exactly every cell made only of its own rows (inner cells of
 * its own categories) of an indicator that counts only its rows in this round, so the audit also bounds every other
 * cell with those known. A cell of an indicator several organisations count is known to none of them, even where only
 * one had rows: it cannot tell that the others had none there. Cells with an earlier published value are left out of
 * that knowledge: the audit would otherwise hold an organisation's own revised cells against itself (it knows its own
 * rows anyway), and every revision would withhold a block.
 * `own` lists the organisation's own inner cells: the audit does not check quantities made only of them for it.
 */
export function insidersOf(cover: RoundCover, readers: readonly Reader[], leaveOut: ReadonlySet<string> = new Set()): Insider[] {
  const { model, innerOf } = cover;
  // Organisations as small numbers, and the one of each inner cell (by position in `model.inner`).
  const orgNumber = new Map<string, number>();
  const orgOf = Int32Array.from(model.inner, (i) => {
    const org = orgOfInner(cover.inner.get(i.id)!);
    let n = orgNumber.get(org);
    if (n === undefined) orgNumber.set(org, (n = orgNumber.size));
    return n;
  });
  const indicatorOf = model.cells.map((c) => cover.cells.get(c.id)!.key.indicator);
  // The organisations whose rows an indicator counts in this round.
  const orgsOf = new Map<string, Set<number>>();
  model.cells.forEach((_, k) => {
    let set = orgsOf.get(indicatorOf[k]);
    if (!set) orgsOf.set(indicatorOf[k], (set = new Set()));
    for (let j = innerOf.start[k]; j < innerOf.start[k + 1]; j++) set.add(orgOf[innerOf.at[j]]);
  });
  // Per cell, once: the one organisation all its rows are of, when its indicator counts only that one's rows (else -1).
  const soleOrg = Int32Array.from(model.cells, (c, k) => {
    const from = innerOf.start[k];
    const to = innerOf.start[k + 1];
    if (leaveOut.has(c.id) || orgsOf.get(indicatorOf[k])!.size !== 1 || from === to) return -1;
    const org = orgOf[innerOf.at[from]];
    for (let j = from + 1; j < to; j++) if (orgOf[innerOf.at[j]] !== org) return -1;
    return org;
  });
  const out: Insider[] = [];
  for (const r of readers) {
    if (r.huvudman) continue;
    const org = orgNumber.get(r.org);
    if (org === undefined) continue; // no rows of its own: it knows no cell
    const knows = model.cells.filter((_, k) => soleOrg[k] === org).map((c) => c.id);
    const own = model.inner.filter((_, i) => orgOf[i] === org).map((i) => i.id);
    if (knows.length > 0) out.push({ id: r.org, knows, own });
  }
  return out;
}

/**
 * The issue's own insider, for checking a pattern: one who knows exactly one of its own suppressed cells, one insider
 * per such cell (the insiders of `insidersOf` know all of theirs at once).
 */
export function singleCellInsiders(insiders: readonly Insider[], status: ReadonlyMap<string, CellStatus>): Insider[] {
  return insiders.flatMap((ins) =>
    ins.knows.filter((id) => status.get(id) === "primary" || status.get(id) === "secondary").map((id) => ({ id: `${ins.id}:${id}`, knows: [id], own: ins.own })),
  );
}
