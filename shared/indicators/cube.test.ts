import { describe, it, expect } from "vitest";
import fc from "fast-check";
import type { DeidentifiedRecord } from "../protocol/record";
import { deliveryCellSchema } from "../protocol/delivery";
import { buildCube, toDeliveryCell, type IndicatorCube } from "./cube";
import { UNLOCATED } from "./hierarchy";
import { indicatorDefinitionSchema, type IndicatorDefinitionInput } from "./schema";
import { TINY_AREAS } from "../../test/fixtures/tiny-areas";

const areas = TINY_AREAS;

const def = (extra: Partial<IndicatorDefinitionInput> = {}) =>
  indicatorDefinitionSchema.parse({
    id: "klotter",
    version: 1,
    title: "Klotter",
    description: "Klotter.",
    unit: "antal",
    numerator: {
      kind: "count",
      match: [
        { templateId: "vakt", where: { typ: ["Klotter", "Skadegörelse"] } },
        { templateId: "bostad", where: { kategori: ["Klotter"] } },
      ],
    },
    periodTypes: ["halfmonth", "month", "quarter", "year"],
    grain: { level: 3, periodType: "halfmonth" },
    ...extra,
  });

const JANUARY = { from: "2026-01-01", to: "2026-01-31" };

function rec(templateId: string, org: string, date: string, nyko: string | null, categories: Record<string, string>): DeidentifiedRecord {
  return { templateId, templateVersion: 1, org, date, hour: null, period: null, categories, nyko, measures: {} };
}
const vakt = (date: string, nyko: string | null, typ = "Klotter") => rec("vakt", "vaktbolaget", date, nyko, { typ });
const bostad = (date: string, nyko: string | null) => rec("bostad", "bostadsbolaget", date, nyko, { kategori: "Klotter" });

function cell(ic: IndicatorCube, nyko: string | null, type: "halfmonth" | "month" | "quarter" | "year", period: string) {
  const i = ic.cellIndex(nyko, type, period);
  if (i < 0) throw new Error(`no cell ${nyko} ${period}`);
  return ic.cells[i];
}

describe("cube layout", () => {
  const records = [vakt("2026-01-02", "111"), vakt("2026-01-20", "112"), bostad("2026-03-31", "211"), vakt("2026-02-10", null)];
  const ic = buildCube(records, [def()], areas).indicators[0];

  it("covers every area of levels 3, 2, 1 and the municipality, for every period of each type, zeros included", () => {
    expect(ic.periods.get("halfmonth")).toHaveLength(6);
    expect(ic.periods.get("month")).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(ic.periods.get("quarter")).toEqual(["2026-Q1"]);
    expect(ic.periods.get("year")).toEqual([]); // 2026 is not wholly covered by the data
    const slots = 1 + 2 + 3 + 4;
    expect(ic.cells).toHaveLength((6 + 3 + 1) * slots);
    expect(cell(ic, "121", "month", "2026-02").value).toBe(0);
    for (const c of ic.cells) expect(deliveryCellSchema.safeParse(toDeliveryCell(c)).success).toBe(true);
  });

  it("writes level 0 with nyko null and levels from the register", () => {
    expect(cell(ic, null, "month", "2026-01")).toMatchObject({ level: 0, nyko: null, value: 2, suppressed: false });
    expect(cell(ic, "11", "month", "2026-01")).toMatchObject({ level: 2, value: 2 });
    expect(cell(ic, "1", "quarter", "2026-Q1")).toMatchObject({ level: 1, value: 2 });
    expect(cell(ic, "2", "quarter", "2026-Q1")).toMatchObject({ level: 1, value: 1 });
  });

  it("counts unlocated rows only in the municipality total", () => {
    expect(cell(ic, null, "month", "2026-02").value).toBe(1);
    for (const code of ["1", "2", "11", "12", "21", "111", "112", "121", "211"]) expect(cell(ic, code, "month", "2026-02").value).toBe(0);
    expect(ic.inner.toMap().get(`${UNLOCATED}|vaktbolaget/vakt/typ=Klotter|2026-02-H1`)).toBe(1);
  });

  it("honours an explicit range, making coarser periods only when wholly covered", () => {
    const full = buildCube(records, [def()], areas, { range: { from: "2025-12-16", to: "2026-12-31" } }).indicators[0];
    expect(full.periods.get("halfmonth")).toHaveLength(25);
    expect(full.periods.get("month")).toHaveLength(12); // December 2025 is only half covered
    expect(full.periods.get("year")).toEqual(["2026"]);
    expect(cell(full, null, "year", "2026").value).toBe(4);
    const narrow = buildCube(records, [def()], areas, { range: { from: "2026-01-16", to: "2026-02-28" } }).indicators[0];
    expect(cell(narrow, null, "halfmonth", "2026-01-H2").value).toBe(1);
    expect(narrow.periods.get("month")).toEqual(["2026-02"]);
    expect(narrow.inner.size).toBe(2); // rows outside the range are left out
  });
});

describe("areas", () => {
  it("counts a row located only at level 2 in level 2 and above, never at level 3", () => {
    const ic = buildCube([vakt("2026-01-02", "11"), vakt("2026-01-02", "111"), vakt("2026-01-31", "211")], [def()], areas).indicators[0];
    expect(cell(ic, "111", "month", "2026-01").value).toBe(1);
    expect(cell(ic, "112", "month", "2026-01").value).toBe(0);
    expect(cell(ic, "11", "month", "2026-01").value).toBe(2);
    expect(cell(ic, "1", "month", "2026-01").value).toBe(2);
    expect(cell(ic, null, "month", "2026-01").value).toBe(3);
  });
  it("treats codes missing from the register as unlocated and reports them", () => {
    const cube = buildCube([vakt("2026-01-02", "999"), vakt("2026-01-02", "111")], [def()], areas, { range: JANUARY });
    const ic = cube.indicators[0];
    expect(cube.diagnostics.unknownNyko).toBe(1);
    expect(cell(ic, null, "month", "2026-01").value).toBe(2);
    expect(cell(ic, "1", "month", "2026-01").value).toBe(1);
  });
});

describe("roll-up and inner cells (property)", () => {
  const codes3 = ["111", "112", "121", "211", null, "11"];
  const recordArb = fc.record({
    day: fc.integer({ min: 0, max: 180 }),
    nyko: fc.constantFrom(...codes3),
    kind: fc.constantFrom("vakt-Klotter", "vakt-Skadegörelse", "vakt-Ordningsstörning", "bostad"),
  });
  const toRecord = (r: { day: number; nyko: string | null; kind: string }) => {
    const date = new Date(Date.UTC(2026, 0, 1) + r.day * 86_400_000).toISOString().slice(0, 10);
    return r.kind === "bostad" ? bostad(date, r.nyko) : vakt(date, r.nyko, r.kind.slice(5));
  };

  it("sums children into parents, counts every matching row once in the total, and decomposes every cell into inner cells", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 80 }), (raw) => {
        const records = raw.map(toRecord);
        const ic = buildCube(records, [def()], areas, { range: { from: "2026-01-01", to: "2026-06-30" } }).indicators[0];
        const matching = raw.filter((r) => r.kind !== "vakt-Ordningsstörning");
        for (const t of ic.periodTypes)
          for (const p of ic.periods.get(t) ?? []) {
            const v = (n: string | null) => ic.cells[ic.cellIndex(n, t, p)].numerator;
            const coarse11 = matching.filter((r) => r.nyko === "11" && toRecord(r).date !== null && inPeriod(toRecord(r).date as string, p)).length;
            expect(v("11")).toBe(v("111") + v("112") + coarse11);
            expect(v("12")).toBe(v("121"));
            expect(v("1")).toBe(v("11") + v("12"));
            const unlocated = matching.filter((r) => r.nyko === null && inPeriod(toRecord(r).date as string, p)).length;
            expect(v(null)).toBe(v("1") + v("2") + unlocated);
          }
        const total = ic.periods.get("quarter")?.reduce((s, q) => s + ic.cells[ic.cellIndex(null, "quarter", q)].numerator, 0);
        expect(total).toBe(matching.length);
        for (let c = 0; c < ic.cells.length; c++) {
          const sum = ic.members(c).reduce((s, k) => s + ic.inner.numerator[k], 0);
          expect(sum).toBe(ic.cells[c].numerator);
        }
      }),
      { numRuns: 40 },
    );
  });
});

function inPeriod(date: string, period: string): boolean {
  if (period.includes("-H")) return date.slice(0, 7) === period.slice(0, 7) && (Number(date.slice(8)) <= 15) === period.endsWith("H1");
  if (period.includes("-Q")) return date.slice(0, 4) === period.slice(0, 4) && Math.ceil(Number(date.slice(5, 7)) / 3) === Number(period.slice(-1));
  return date.startsWith(period);
}

describe("inner cells", () => {
  it("are keyed by leaf area × organisation/template/category values × half-month", () => {
    const ic = buildCube(
      [vakt("2026-01-02", "111"), vakt("2026-01-03", "111"), vakt("2026-01-03", "111", "Skadegörelse"), bostad("2026-01-20", "111")],
      [def()],
      areas,
    ).indicators[0];
    expect(Object.fromEntries(ic.inner.toMap())).toEqual({
      "111|vaktbolaget/vakt/typ=Klotter|2026-01-H1": 2,
      "111|vaktbolaget/vakt/typ=Skadegörelse|2026-01-H1": 1,
      "111|bostadsbolaget/bostad/kategori=Klotter|2026-01-H2": 1,
    });
    const month = ic.cellIndex("1", "month", "2026-01");
    expect(ic.members(month).map((k) => ic.inner.keyOf(k)).sort()).toHaveLength(3);
    const map = ic.innerToCell(3, "halfmonth");
    expect(map).toHaveLength(3);
    expect([...map].every((c) => ic.cells[c].level === 3 && ic.cells[c].periodType === "halfmonth")).toBe(true);
  });
});

describe("cross-partner counting", () => {
  const records = [vakt("2026-01-02", "111"), bostad("2026-01-02", "111"), vakt("2026-01-05", "112")];
  it("counts per row until double reporting is detected", () => {
    const ic = buildCube(records, [def({ crossPartner: true })], areas, { range: JANUARY }).indicators[0];
    expect(cell(ic, "111", "month", "2026-01").value).toBe(2);
  });
  it("lets a countOnce hook drop duplicates in cross-partner indicators only", () => {
    const countOnce = (rows: readonly DeidentifiedRecord[]) => rows.filter((r) => r.org !== "bostadsbolaget" || r.nyko !== "111");
    const cross = buildCube(records, [def({ crossPartner: true })], areas, { countOnce, range: JANUARY }).indicators[0];
    expect(cell(cross, "111", "month", "2026-01").value).toBe(1);
    expect(cell(cross, null, "month", "2026-01").value).toBe(2);
    const single = buildCube(records, [def({ crossPartner: false })], areas, { countOnce, range: JANUARY }).indicators[0];
    expect(cell(single, "111", "month", "2026-01").value).toBe(2);
  });
});

describe("rates", () => {
  const population = (nyko: string | null, year: number, band: string) => {
    if (year !== 2026) return null;
    const young: Record<string, number> = { "111": 400, "112": 100, "121": 500, "211": 1000 };
    const sum = (codes: string[]) => codes.reduce((s, c) => s + young[c], 0);
    const byArea: Record<string, number> = { ...young, "11": sum(["111", "112"]), "12": 500, "21": 1000, "1": 1000, "2": 1000 };
    const value = nyko === null ? 2000 : byArea[nyko];
    return band === "alder_18_24" ? value : value * 10;
  };
  const records = [vakt("2026-01-02", "111"), vakt("2026-01-03", "111"), vakt("2026-01-20", "112"), vakt("2026-01-21", null)];

  it("applies per 1,000 over a population band", () => {
    const ic = buildCube(records, [def({ denominator: { kind: "population", band: "alder_18_24" }, factor: "per1000" })], areas, { population }).indicators[0];
    expect(cell(ic, "111", "month", "2026-01").value).toBeCloseTo(5, 10); // 2 / 400 × 1000
    expect(cell(ic, "11", "month", "2026-01").value).toBeCloseTo(6, 10); // 3 / 500 × 1000
    expect(cell(ic, null, "month", "2026-01").value).toBeCloseTo(2, 10); // 4 / 2000 × 1000
    expect(cell(ic, "211", "month", "2026-01")).toMatchObject({ value: 0, numerator: 0, denominator: 1000 });
  });
  it("applies percent, and leaves the value empty when the denominator is unknown", () => {
    const ic = buildCube(records, [def({ denominator: { kind: "population", band: "totalt" }, factor: "percent" })], areas, { population }).indicators[0];
    expect(cell(ic, "111", "month", "2026-01").value).toBeCloseTo(0.05, 10); // 2 / 4000 × 100
    const none = buildCube(records, [def({ denominator: { kind: "population", band: "totalt" }, factor: "percent" })], areas).indicators[0];
    expect(cell(none, "111", "month", "2026-01")).toMatchObject({ value: null, numerator: 2, denominator: null, suppressed: false });
  });
  it("gives a plain ratio with factor none", () => {
    const ic = buildCube(records, [def({ denominator: { kind: "population", band: "alder_18_24" }, factor: "none" })], areas, { population }).indicators[0];
    expect(cell(ic, "111", "month", "2026-01").value).toBeCloseTo(0.005, 10);
  });
});

describe("determinism", () => {
  it("gives the same cells and inner cells whatever the order of the records", () => {
    const records = [
      vakt("2026-01-02", "121"),
      bostad("2026-01-20", "111"),
      vakt("2026-02-10", null),
      vakt("2026-01-03", "111", "Skadegörelse"),
      vakt("2026-03-30", "211"),
      bostad("2026-03-01", "112"),
    ];
    const a = buildCube(records, [def()], areas).indicators[0];
    const b = buildCube([...records].reverse(), [def()], areas).indicators[0];
    expect(b.cells).toEqual(a.cells);
    expect(b.inner.leaves).toEqual(a.inner.leaves);
    expect(b.inner.categories).toEqual(a.inner.categories);
    expect([...b.inner.leaf]).toEqual([...a.inner.leaf]);
    expect([...b.inner.numerator]).toEqual([...a.inner.numerator]);
    expect(Array.from({ length: a.inner.size }, (_, k) => a.inner.keyOf(k))).toEqual(Array.from({ length: b.inner.size }, (_, k) => b.inner.keyOf(k)));
    expect(a.inner.leaves).toEqual(["unlocated", "111", "112", "121", "211"]);
  });
});

describe("inner keys", () => {
  const polis = (date: string, nyko: string, brottskod: string, brottsbenamning: string): DeidentifiedRecord => ({
    templateId: "polis-anmalningar",
    templateVersion: 1,
    org: "polisen",
    date,
    hour: 3,
    period: null,
    categories: { brottskod, brottsbenamning },
    nyko,
    measures: {},
  });
  const records = [polis("2026-01-02", "111", "0701", "Tillgrepp av motorfordon"), polis("2026-01-03", "111", "0601", "Stöld"), polis("2026-01-04", "111", "0801", "Rån")];
  const defs = [
    def({ id: "stold", numerator: { kind: "count", match: [{ templateId: "polis-anmalningar", where: { brottskod: ["0601", "0701"] } }] } }),
    def({ id: "strategiska", numerator: { kind: "count", match: [{ templateId: "polis-anmalningar", where: { brottskod: ["0701", "0801"] } }] } }),
  ];

  it("name every category of the row by default, so indicators share inner cells", () => {
    const cube = buildCube(records, defs, areas, { range: JANUARY });
    const theft = [...(cube.get("stold")?.inner.toMap().keys() ?? [])];
    const strategic = [...(cube.get("strategiska")?.inner.toMap().keys() ?? [])];
    const shared = "111|polisen/polis-anmalningar/brottsbenamning=Tillgrepp av motorfordon;brottskod=0701|2026-01-H1";
    expect(theft).toContain(shared);
    expect(strategic).toContain(shared);
    expect(theft.filter((k) => strategic.includes(k))).toEqual([shared]);
  });

  it("name only the filter's columns with innerKeys: filter", () => {
    const cube = buildCube(records, defs, areas, { range: JANUARY, innerKeys: "filter" });
    expect([...(cube.get("stold")?.inner.toMap().keys() ?? [])].sort()).toEqual([
      "111|polisen/polis-anmalningar/brottskod=0601|2026-01-H1",
      "111|polisen/polis-anmalningar/brottskod=0701|2026-01-H1",
    ]);
  });
});
