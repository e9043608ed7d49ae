// Each built-in indicator on a small hand-made record set, with the expected values worked out by hand.
import { describe, it, expect } from "vitest";
import type { DeidentifiedRecord } from "../protocol/record";
import type { PeriodType } from "../protocol/delivery";
import { BUILTIN_INDICATORS } from "./builtin";
import { buildCube, type Cube } from "./cube";
import { TINY_AREAS } from "../../test/fixtures/tiny-areas";

const areas = TINY_AREAS;

const ORG: Record<string, string> = {
  "polis-anmalningar": "polisen",
  "raddningstjanst-insatser": "brandforsvaret",
  "vaktbolag-rapporter": "vaktbolaget",
  "bostadsbolag-arenden": "bostadsbolaget",
  "skola-betyg-ak9": "utbildningskontoret",
  "socialtjanst-orosanmalningar": "socialtjansten",
};

function ev(templateId: string, date: string, nyko: string | null, categories: Record<string, string>): DeidentifiedRecord {
  return { templateId, templateVersion: 1, org: ORG[templateId], date, hour: 12, period: null, categories, nyko, measures: {} };
}
function agg(templateId: string, period: string, nyko: string, measures: Record<string, number>): DeidentifiedRecord {
  return { templateId, templateVersion: 1, org: ORG[templateId], date: null, hour: null, period, categories: {}, nyko, measures };
}
const polis = (date: string, nyko: string | null, kod: string, benamning?: string) =>
  ev("polis-anmalningar", date, nyko, benamning ? { brottskod: kod, brottsbenamning: benamning } : { brottskod: kod });
const rtj = (date: string, nyko: string | null, handelsetyp: string, anlagd: string, miljo: string) =>
  ev("raddningstjanst-insatser", date, nyko, { handelsetyp, anlagd, miljo });
const vakt = (date: string, nyko: string | null, typ: string) => ev("vaktbolag-rapporter", date, nyko, { typ });
const bostad = (date: string, nyko: string | null, kategori: string) => ev("bostadsbolag-arenden", date, nyko, { kategori });

// A fixed span so every indicator over event data covers January–March 2026.
const frame = [polis("2026-01-01", "211", "0301"), polis("2026-03-31", "211", "0301")];

function cubeOf(records: DeidentifiedRecord[], id: string): Cube {
  const def = BUILTIN_INDICATORS.find((d) => d.id === id);
  if (!def) throw new Error(`no indicator ${id}`);
  return buildCube([...frame, ...records], [def], areas);
}
function value(cube: Cube, nyko: string | null, periodType: PeriodType, period: string): number | null {
  const ic = cube.indicators[0];
  const i = ic.cellIndex(nyko, periodType, period);
  if (i < 0) throw new Error(`no cell ${nyko} ${period}`);
  return ic.cells[i].value;
}

describe("built-in indicators on hand-made records", () => {
  it("anlagda-brander: police 1203 + 1301 and rescue fires set deliberately", () => {
    const c = cubeOf(
      [
        polis("2026-03-02", "111", "1203"),
        polis("2026-03-20", "112", "1301"),
        polis("2026-03-05", "111", "1201"), // vandalism, not a fire
        rtj("2026-03-03", "111", "Brand utomhus", "Ja", "Bostad"),
        rtj("2026-03-04", "111", "Brand i byggnad", "Nej", "Skola"), // not deliberate
        rtj("2026-03-06", "111", "Brand i fordon", "Okänd", "Industri"), // not known to be deliberate
        rtj("2026-03-10", null, "Brand i container/soptunna", "Ja", "Offentlig utomhusmiljö"), // unlocated
        rtj("2026-03-11", "121", "Hot mot räddningspersonal", "Ja", "Skola"), // not a fire
      ],
      "anlagda-brander",
    );
    expect(value(c, "111", "halfmonth", "2026-03-H1")).toBe(2);
    expect(value(c, "112", "halfmonth", "2026-03-H2")).toBe(1);
    expect(value(c, "121", "month", "2026-03")).toBe(0);
    expect(value(c, "11", "month", "2026-03")).toBe(3);
    expect(value(c, "1", "month", "2026-03")).toBe(3);
    expect(value(c, null, "halfmonth", "2026-03-H1")).toBe(3);
    expect(value(c, null, "quarter", "2026-Q1")).toBe(4);
  });

  it("strategiska-brott: 0801, 0701, 1701, 1702 only", () => {
    const c = cubeOf(
      [
        polis("2026-02-01", "111", "0801"),
        polis("2026-02-02", "111", "0701"),
        polis("2026-02-03", "112", "1701"),
        polis("2026-02-16", "121", "1702"),
        polis("2026-02-04", "111", "0601"),
        polis("2026-02-05", "111", "0301"),
      ],
      "strategiska-brott",
    );
    expect(value(c, "111", "halfmonth", "2026-02-H1")).toBe(2);
    expect(value(c, "11", "halfmonth", "2026-02-H1")).toBe(3);
    expect(value(c, "1", "month", "2026-02")).toBe(4);
    expect(value(c, "2", "month", "2026-02")).toBe(0);
  });

  it("skadegorelse-klotter: police 1201, security and housing vandalism and graffiti", () => {
    const c = cubeOf(
      [
        polis("2026-01-05", "111", "1201"),
        polis("2026-01-05", "111", "1203"), // a fire
        vakt("2026-01-06", "111", "Skadegörelse"),
        vakt("2026-01-07", "111", "Klotter"),
        vakt("2026-01-08", "111", "Ordningsstörning"),
        bostad("2026-01-09", "112", "Skadegörelse"),
        bostad("2026-01-20", "112", "Klotter"),
        bostad("2026-01-21", "112", "Störningsjour"),
      ],
      "skadegorelse-klotter",
    );
    expect(value(c, "111", "halfmonth", "2026-01-H1")).toBe(3);
    expect(value(c, "112", "month", "2026-01")).toBe(2);
    expect(value(c, null, "month", "2026-01")).toBe(5);
  });

  it("ordningsstorningar: security Ordningsstörning and police STORM disturbances", () => {
    const c = cubeOf(
      [
        vakt("2026-01-06", "111", "Ordningsstörning"),
        polis("2026-01-07", "111", "STORM", "Ordningsstörning"),
        polis("2026-01-08", "111", "STORM"), // a STORM call-out of unknown kind is not counted here
        bostad("2026-01-09", "111", "Störningsjour"),
      ],
      "ordningsstorningar",
    );
    expect(value(c, "111", "halfmonth", "2026-01-H1")).toBe(2);
  });

  it("nastan-handelser, storningsjour, storm-utan-anmalan: single-category counts", () => {
    const records = [
      vakt("2026-01-06", "111", "Nästan händelse"),
      vakt("2026-01-16", "111", "Nästan händelse"),
      vakt("2026-01-16", "111", "Klotter"),
      bostad("2026-01-09", "112", "Störningsjour"),
      bostad("2026-01-09", "112", "Obehöriga i fastighet"),
      polis("2026-01-07", "121", "STORM", "Ordningsstörning"),
      polis("2026-01-07", "121", "STORM"),
      polis("2026-01-07", "121", "0601"),
    ];
    expect(value(cubeOf(records, "nastan-handelser"), "111", "month", "2026-01")).toBe(2);
    expect(value(cubeOf(records, "nastan-handelser"), "111", "halfmonth", "2026-01-H2")).toBe(1);
    expect(value(cubeOf(records, "storningsjour"), "112", "month", "2026-01")).toBe(1);
    expect(value(cubeOf(records, "storm-utan-anmalan"), "121", "month", "2026-01")).toBe(2);
  });

  it("tillgreppsbrott: 0601 and 0701", () => {
    const c = cubeOf(
      [polis("2026-01-07", "121", "0601"), polis("2026-01-08", "121", "0601"), polis("2026-01-09", "121", "0701"), polis("2026-01-09", "121", "0801")],
      "tillgreppsbrott",
    );
    expect(value(c, "121", "halfmonth", "2026-01-H1")).toBe(3);
  });

  it("hot-mot-raddningspersonal and brander-offentlig-miljo", () => {
    const records = [
      rtj("2026-01-02", "111", "Hot mot räddningspersonal", "Okänd", "Bostad"),
      rtj("2026-01-03", "111", "Brand i byggnad", "Nej", "Skola"),
      rtj("2026-01-04", "111", "Brand utomhus", "Ja", "Offentlig utomhusmiljö"),
      rtj("2026-01-05", "111", "Brand i byggnad", "Okänd", "Offentlig inomhusmiljö"),
      rtj("2026-01-06", "111", "Brand i byggnad", "Ja", "Bostad"),
      rtj("2026-01-07", "111", "Brand i fordon", "Nej", "Industri"),
      rtj("2026-01-08", "111", "Hot mot räddningspersonal", "Okänd", "Skola"),
    ];
    expect(value(cubeOf(records, "hot-mot-raddningspersonal"), "111", "month", "2026-01")).toBe(2);
    expect(value(cubeOf(records, "brander-offentlig-miljo"), "111", "month", "2026-01")).toBe(3);
  });

  it("ofullstandiga-betyg-ak9: Σ ej_behorighet / Σ elever_ak9 in percent, per school year", () => {
    const c = buildCube(
      [
        agg("skola-betyg-ak9", "2024/25", "111", { elever_ak9: 40, ej_behorighet: 6 }),
        agg("skola-betyg-ak9", "2024/25", "112", { elever_ak9: 60, ej_behorighet: 9 }),
        agg("skola-betyg-ak9", "2024/25", "211", { elever_ak9: 50, ej_behorighet: 0 }),
        agg("skola-betyg-ak9", "2025/26", "111", { elever_ak9: 20, ej_behorighet: 5 }),
      ],
      BUILTIN_INDICATORS.filter((d) => d.id === "ofullstandiga-betyg-ak9"),
      areas,
    );
    const ic = c.indicators[0];
    expect(ic.periodTypes).toEqual(["schoolyear"]);
    expect(value(c, "111", "schoolyear", "2024/25")).toBeCloseTo(15, 10); // 6/40
    expect(value(c, "11", "schoolyear", "2024/25")).toBeCloseTo(15, 10); // 15/100
    expect(value(c, null, "schoolyear", "2024/25")).toBeCloseTo(10, 10); // 15/150
    expect(value(c, "111", "schoolyear", "2025/26")).toBeCloseTo(25, 10); // 5/20
    expect(value(c, "112", "schoolyear", "2025/26")).toBeNull(); // no pupils: undefined, not zero
    const cell = ic.cells[ic.cellIndex(null, "schoolyear", "2024/25")];
    expect([cell.numerator, cell.denominator]).toEqual([15, 150]);
  });

  it("orosanmalningar-per-1000-barn: per month, and over a quarter with the mean of the months' children", () => {
    const rows: DeidentifiedRecord[] = [];
    const reports111 = [3, 1, 2];
    const children111 = [100, 100, 110];
    const reports112 = [0, 2, 1];
    ["2026-01", "2026-02", "2026-03"].forEach((m, k) => {
      rows.push(agg("socialtjanst-orosanmalningar", m, "111", { orosanmalningar: reports111[k], barn_0_17: children111[k] }));
      rows.push(agg("socialtjanst-orosanmalningar", m, "112", { orosanmalningar: reports112[k], barn_0_17: 200 }));
    });
    const c = buildCube(rows, BUILTIN_INDICATORS.filter((d) => d.id === "orosanmalningar-per-1000-barn"), areas);
    expect(value(c, "111", "month", "2026-01")).toBeCloseTo(30, 10); // 3 / 100 × 1000
    expect(value(c, null, "month", "2026-01")).toBeCloseTo(10, 10); // 3 / 300 × 1000
    expect(value(c, "111", "month", "2026-03")).toBeCloseTo((2 / 110) * 1000, 10);
    // Q1, area 111: 6 reports / mean(100, 100, 110) children × 1000
    expect(value(c, "111", "quarter", "2026-Q1")).toBeCloseTo((6 / (310 / 3)) * 1000, 10);
    // Q1, whole municipality: 9 reports / mean(300, 300, 310) × 1000
    expect(value(c, null, "quarter", "2026-Q1")).toBeCloseTo((9 / (910 / 3)) * 1000, 10);
    // No year: 2026 is not wholly covered by the submitted months.
    expect(c.indicators[0].periods.get("year")).toEqual([]);
    expect(value(c, "211", "month", "2026-01")).toBeNull(); // no children submitted for 211
  });
});
