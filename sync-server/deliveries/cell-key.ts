// The names the delivery round gives the cells of its cover model, in one place. Disclosure control (shared/disclosure)
// sees opaque string ids; the round keeps the typed key of every id it makes, and this file is the only code that
// turns a key into its string or a string back into its key. The strings are stored (the facts of a round are keyed by
// cell id, a withheld block is named in the round's summary), so their form does not change.
import { periodTypeSchema, type PeriodType } from "../../shared/protocol/delivery";

/** A published cell of the round: an indicator's numerator, or its submitted denominator, in one area and period. */
export interface CellKey {
  indicator: string;
  /** The NYKO area, or null for the whole municipality. */
  nyko: string | null;
  period: string;
  /** The numerator, or the submitted denominator of a rate (a cell of its own, suppressed like a count). */
  part: CellPart;
}

export type CellPart = "numerator" | "denominator";

/** An inner cell: one quantity (a count, a measure sum, a submitted denominator) over leaf area × category × leaf period. */
export interface InnerKey {
  /** `n` (a count), `s:<measure>` (a measure sum), prefixed by `<indicator>:` where the indicator is kept apart. */
  quantity: string;
  /** The leaf area, or `unlocated` for the rows that count only in the municipality total. */
  leaf: string;
  /** The category combination, `<org>/<template>/<categories>`. */
  category: string;
  period: string;
}

/** A block: one indicator at one area level and period type (what is withheld from every reader when needed). */
export interface BlockKey {
  indicator: string;
  level: number;
  periodType: PeriodType;
}

const MUNICIPALITY = "kommun";
const DENOMINATOR = "den:";
const UNLOCATED = "unlocated";

/** `indicator|nyko|period` (`kommun` for the municipality), with `den:` before a denominator's id. */
export function cellId(key: Pick<CellKey, "indicator" | "nyko" | "period"> & { part?: CellPart }): string {
  return `${key.part === "denominator" ? DENOMINATOR : ""}${key.indicator}|${key.nyko ?? MUNICIPALITY}|${key.period}`;
}

/** The key of a cell id, or null when the string is not one. */
export function parseCellId(id: string): CellKey | null {
  const part: CellPart = id.startsWith(DENOMINATOR) ? "denominator" : "numerator";
  const parts = (part === "denominator" ? id.slice(DENOMINATOR.length) : id).split("|");
  if (parts.length !== 3 || parts.some((x) => x === "")) return null;
  return { indicator: parts[0], nyko: parts[1] === MUNICIPALITY ? null : parts[1], period: parts[2], part };
}

/** `quantity|leaf|category|period`. */
export function innerId(key: InnerKey): string {
  return `${key.quantity}|${key.leaf}|${key.category}|${key.period}`;
}

/** The organisation whose rows an inner cell holds. */
export function orgOfInner(key: InnerKey): string {
  return key.category.split("/")[0];
}

/** Rows that could not be located count only in the municipality total: a pseudo inner cell. */
export function isUnlocated(key: InnerKey): boolean {
  return key.leaf === UNLOCATED;
}

/** `indicator|level|periodType`. */
export function blockId(key: BlockKey): string {
  return `${key.indicator}|${key.level}|${key.periodType}`;
}

/** The key of a block id, or null when the string is not one. */
export function parseBlockId(id: string): BlockKey | null {
  const parts = id.split("|");
  const periodType = periodTypeSchema.safeParse(parts[2]);
  if (parts.length !== 3 || !/^\d+$/.test(parts[1]) || !periodType.success) return null;
  return { indicator: parts[0], level: Number(parts[1]), periodType: periodType.data };
}

/** The id of a fact from an earlier round about a cell. */
export function factId(cell: string): string {
  return `fact:${cell}`;
}
