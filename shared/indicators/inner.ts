// The inner cells of one indicator: leaf area × category combination × leaf period, the finest cells every
// published cell is a sum of. Disclosure control models each published cell over them.

/** The inner cells of one indicator, stored column-wise (parallel typed arrays, one entry per non-empty inner cell). */
export interface InnerCells {
  /** Leaf areas (`unlocated` first, then NYKO codes as recorded, usually level 3). Shared by the cube. */
  readonly leaves: readonly string[];
  /** Category combinations, e.g. `polisen/polis-anmalningar/brottskod=1203`. */
  readonly categories: readonly string[];
  /** Leaf periods in order (half-months for event data, months or school years for aggregate data). */
  readonly periods: readonly string[];
  readonly size: number;
  readonly leaf: Uint32Array;
  readonly category: Uint32Array;
  readonly period: Uint32Array;
  /** The count (or measure sum) of the numerator in each inner cell. */
  readonly numerator: Float64Array;
  /** The submitted denominator in each inner cell, for indicators with a measure denominator; otherwise null. */
  readonly denominator: Float64Array | null;
  /** `leaf|category|period` of inner cell i. */
  keyOf(i: number): string;
  /** Inner key → numerator, for inspection and tests. */
  toMap(): Map<string, number>;
}

const MAX_CATEGORIES = 4096;
const MAX_PERIODS = 65536;

/** Accumulates inner cells; keys are packed into one safe integer. */
export class InnerBuilder {
  private readonly index = new Map<number, number>();
  private readonly leafs: number[] = [];
  private readonly cats: number[] = [];
  private readonly pers: number[] = [];
  private readonly num: number[] = [];
  private readonly den: number[] = [];
  private readonly categoryIndex = new Map<string, number>();
  readonly categories: string[] = [];

  constructor(
    private readonly leaves: readonly string[],
    private readonly periods: readonly string[],
    private readonly withDenominator: boolean,
  ) {
    if (periods.length > MAX_PERIODS) throw new Error(`too many leaf periods: ${periods.length}`);
  }

  categoryOf(key: string): number {
    let c = this.categoryIndex.get(key);
    if (c === undefined) {
      c = this.categories.length;
      if (c >= MAX_CATEGORIES) throw new Error(`too many category combinations in one indicator (${MAX_CATEGORIES})`);
      this.categories.push(key);
      this.categoryIndex.set(key, c);
    }
    return c;
  }

  add(leaf: number, category: number, period: number, numerator: number, denominator: number): void {
    const key = (leaf * MAX_CATEGORIES + category) * MAX_PERIODS + period;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.leafs.length;
      this.index.set(key, i);
      this.leafs.push(leaf);
      this.cats.push(category);
      this.pers.push(period);
      this.num.push(0);
      this.den.push(0);
    }
    this.num[i] += numerator;
    this.den[i] += denominator;
  }

  /** The inner cells in canonical order (leaf, category key, period), independent of the order rows were added. */
  build(): InnerCells {
    const { leaves, periods } = this;
    const categories = [...this.categories].sort();
    const catRank = new Map(categories.map((c, k) => [c, k]));
    const remap = this.categories.map((c) => catRank.get(c) as number);
    const n = this.leafs.length;
    const order = Array.from({ length: n }, (_, i) => i);
    const cat = this.cats.map((c) => remap[c]);
    order.sort((a, b) => this.leafs[a] - this.leafs[b] || cat[a] - cat[b] || this.pers[a] - this.pers[b]);
    const leaf = Uint32Array.from(order, (i) => this.leafs[i]);
    const category = Uint32Array.from(order, (i) => cat[i]);
    const period = Uint32Array.from(order, (i) => this.pers[i]);
    const numerator = Float64Array.from(order, (i) => this.num[i]);
    const denominator = this.withDenominator ? Float64Array.from(order, (i) => this.den[i]) : null;
    return innerCells({ leaves, categories, periods, size: leaf.length, leaf, category, period, numerator, denominator });
  }
}

/** The inner cells over their columns (apart from the builder, so that they do not hold it). */
function innerCells(columns: Omit<InnerCells, "keyOf" | "toMap">): InnerCells {
  const { leaves, categories, periods, leaf, category, period, numerator } = columns;
  const keyOf = (i: number) => `${leaves[leaf[i]]}|${categories[category[i]]}|${periods[period[i]]}`;
  return {
    ...columns,
    keyOf,
    toMap: () => {
      const m = new Map<string, number>();
      for (let i = 0; i < leaf.length; i++) m.set(keyOf(i), numerator[i]);
      return m;
    },
  };
}
