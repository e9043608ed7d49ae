import { describe, expect, it } from "vitest";
import { demoRegisterTexts } from "../../test/fixtures/areas/demo";
import { miniRegisterTexts } from "../../test/fixtures/areas/mini";
import { buildRegisters } from "./registers";

describe("buildRegisters", () => {
  it("loads the demo municipality", () => {
    const r = buildRegisters(demoRegisterTexts());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.nyko.areas).toHaveLength(61);
    expect(r.value.addressPoints).toHaveLength(8732);
    expect(r.value.areas.shapes).toHaveLength(38);
    expect(r.value.boundary).not.toBeNull();
    expect(r.value.population?.bands).toEqual(["totalt", "alder_0_17", "alder_18_24"]);
  });

  it("loads without the optional outline and population", () => {
    const { boundaryGeojson: _b, populationCsv: _p, ...required } = miniRegisterTexts();
    const r = buildRegisters(required);
    expect(r.ok && r.value.boundary === null && r.value.population === null).toBe(true);
  });

  it("collects the issues of every file, each with file and line, instead of throwing", () => {
    const texts = miniRegisterTexts();
    const r = buildRegisters({
      ...texts,
      addressCsv: texts.addressCsv + "\r\nLånggatan;x;;;;7001;1;1\r\nLånggatan;1;;;;7002;1;1\r\nNygatan;1;;;;4242;1;1\r\nNygatan;2;;;;7001;abc;1",
      populationCsv: texts.populationCsv + "\n7001;2025;1;1",
      boundaryGeojson: "[]",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.file, i.line, i.code])).toEqual([
      ["adressregister.csv", 15, "bad-number"],
      ["adressregister.csv", 16, "conflicting-address"],
      ["adressregister.csv", 17, "unknown-nyko"],
      ["adressregister.csv", 18, "bad-coordinate"],
      ["kommungrans.geojson", null, "not-geojson"],
      ["befolkning.csv", 6, "duplicate-row"],
    ]);
    expect(r.issues[1].message).toMatch(/står redan på rad 4/);
  });

  it("stops at a broken NYKO register, since everything else refers to it", () => {
    const r = buildRegisters({ ...miniRegisterTexts(), nykoCsv: "nyko;niva\n1;1" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.file)).toEqual(["nyko-omraden.csv"]);
  });
});
