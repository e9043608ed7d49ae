import { describe, expect, it } from "vitest";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { createFakeClient } from "../testing/fake-client";
import { formatFilters, INDICATOR_COLUMNS, parseFilters, saveIndicators, writeIndicatorsSheet } from "./indicators";

const col = (name: (typeof INDICATOR_COLUMNS)[number]) => String.fromCharCode(65 + INDICATOR_COLUMNS.indexOf(name));

function setup() {
  const wb = createMemoryWorkbook();
  const client = createFakeClient();
  client.indicatorList = BUILTIN_INDICATORS.map((d) => ({ ...d }));
  return { wb, client };
}

async function rowOf(wb: ReturnType<typeof createMemoryWorkbook>, sheet: string, id: string): Promise<number> {
  const { values } = await wb.readUsedRange(sheet);
  return values.findIndex((r) => r[0] === id) + 1;
}

describe("indicator sheet (Indikatorer)", () => {
  it("writes and reads back every built-in filter unchanged", () => {
    for (const d of BUILTIN_INDICATORS) {
      const text = formatFilters(d.numerator.match);
      expect(parseFilters(text)).toEqual({ ok: true, value: d.numerator.match.map((f) => ({ ...f, where: f.where ?? {} })) });
    }
    expect(parseFilters("polis-anmalningar [polisen]: brottskod = 1203, 1301 & plats = Skola")).toEqual({
      ok: true, value: [{ templateId: "polis-anmalningar", orgs: ["polisen"], where: { brottskod: ["1203", "1301"], plats: ["Skola"] } }],
    });
    expect(parseFilters("polis-anmalningar: brottskod 1203")).toMatchObject({ ok: false });
  });

  it("lists the definitions with the grain suggested by the data and dropdowns for the choices", async () => {
    const { wb, client } = setup();
    const sheet = await writeIndicatorsSheet(wb, client);
    const r = await rowOf(wb, sheet, "anlagda-brander");
    expect(wb.cell(sheet, `${col("Titel")}${r}`)).toBe("Anlagda bränder");
    expect(wb.cell(sheet, `${col("Urval")}${r}`)).toBe("polis-anmalningar: brottskod = 1203, 1301; raddningstjanst-insatser: handelsetyp = Brand utomhus, Brand i byggnad, Brand i container/soptunna, Brand i fordon & anlagd = Ja");
    expect(wb.cell(sheet, `${col("Periodtyper")}${r}`)).toBe("halvmånad, månad, kvartal, år");
    expect(wb.cell(sheet, `${col("Föreslaget av data")}${r}`)).toBe("NYKO-2 per månad (12 % små tal)");
    expect(wb.dropdownOf(sheet, `${col("Faktor")}${r}`)).toEqual(["ingen", "per 1 000", "procent"]);
    expect(wb.dropdownOf(sheet, `${col("Spara")}${r + 3}`)).toEqual(["Ja"]);
    expect(client.calls.filter((c) => c.method === "grainSuggestion")).toHaveLength(BUILTIN_INDICATORS.length);
  });

  it("posts a new version of an edited row and a new indicator without code", async () => {
    const { wb, client } = setup();
    const sheet = await writeIndicatorsSheet(wb, client);
    const r = await rowOf(wb, sheet, "anlagda-brander");
    await wb.writeValues(sheet, `${col("Finaste nivå")}${r}`, [[2]]);
    await wb.writeValues(sheet, `${col("Spara")}${r}`, [["Ja"]]);
    const { values } = await wb.readUsedRange(sheet);
    const next = values.length + 1;
    await wb.writeValues(sheet, `A${next}`, [[
      "brander-skolor", "", "Bränder vid skolor", "Polisens anmälda bränder vid skolor, per 1 000 invånare.", "per 1 000 invånare",
      "antal", "", "polis-anmalningar: brottskod = 1203", "befolkning", "totalt", "", "", "per 1 000", "månad, kvartal, år", 2, "månad", "", "Nej", "", "Ja",
    ]]);
    const result = await saveIndicators(wb, client);
    expect(result).toMatchObject({ ok: true, saved: [{ id: "anlagda-brander", version: 2 }, { id: "brander-skolor", version: 1 }], refused: [] });
    const posted = client.calls.filter((c) => c.method === "postIndicator").map((c) => c.args[0] as Record<string, unknown>);
    expect(posted[0]).toMatchObject({ id: "anlagda-brander", grain: { level: 2, periodType: "quarter", steps: [{ level: 1, periodType: "month" }] }, crossPartner: true });
    expect(posted[0]).not.toHaveProperty("version");
    expect(posted[1]).toMatchObject({ denominator: { kind: "population", band: "totalt" }, factor: "per1000", periodTypes: ["month", "quarter", "year"] });
    expect(posted[1]).toMatchObject({ grain: { level: 2, periodType: "month" } });
    const again = await rowOf(wb, sheet, "brander-skolor");
    expect(wb.cell(sheet, `${col("Resultat")}${again}`)).toBe("Sparad som version 1");
    expect(wb.cell(sheet, `${col("Version")}${await rowOf(wb, sheet, "anlagda-brander")}`)).toBe(2);
  });

  it("marks schema errors at their cells and sends nothing", async () => {
    const { wb, client } = setup();
    const sheet = await writeIndicatorsSheet(wb, client);
    const r = await rowOf(wb, sheet, "tillgreppsbrott");
    await wb.writeValues(sheet, `${col("Faktor")}${r}`, [["procent"]]); // a factor needs a denominator
    await wb.writeValues(sheet, `${col("Periodtyper")}${r}`, [["halvmånad, fjorton dagar"]]);
    await wb.writeValues(sheet, `${col("Spara")}${r}`, [["Ja"]]);
    const s = await rowOf(wb, sheet, "strategiska-brott");
    await wb.writeValues(sheet, `${col("Urval")}${s}`, [["polis-anmalningar: brottskod"]]);
    await wb.writeValues(sheet, `${col("Finaste period")}${s}`, [["kvartal"]]);
    await wb.writeValues(sheet, `${col("Finare perioder")}${s}`, [["NYKO-2 per vecka"]]);
    await wb.writeValues(sheet, `${col("Id")}${s}`, [["Strategiska Brott"]]);
    await wb.writeValues(sheet, `${col("Spara")}${s}`, [["Ja"]]);
    const result = await saveIndicators(wb, client);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const cells = [...new Set(result.issues.map((i) => i.cell))].sort();
    // The grain's quarter and its NYKO-2 month step are no longer among the readable period types (only halvmånad),
    // so Finaste period and Finare perioder are marked too.
    expect(cells).toEqual(
      [`${col("Faktor")}${r}`, `${col("Periodtyper")}${r}`, `${col("Finaste period")}${r}`, `${col("Finare perioder")}${r}`, `${col("Id")}${s}`, `${col("Urval")}${s}`, `${col("Finare perioder")}${s}`].sort(),
    );
    expect(result.issues.find((i) => i.cell === `${col("Finare perioder")}${s}`)?.message).toBe("Finare perioder: Perioden vecka för NYKO-nivå 2 finns inte bland indikatorns periodtyper.");
    expect(result.issues.find((i) => i.cell === `${col("Faktor")}${r}`)?.message).toMatch(/kräver en nämnare/);
    expect(client.calls.some((c) => c.method === "postIndicator")).toBe(false);
  });

  it("keeps the rows as typed and marks the Resultat cell when the server refuses", async () => {
    const { wb, client } = setup();
    const sheet = await writeIndicatorsSheet(wb, client);
    const r = await rowOf(wb, sheet, "nastan-handelser");
    await wb.writeValues(sheet, `${col("Titel")}${r}`, [["Nästan-händelser (ny)"]]);
    await wb.writeValues(sheet, `${col("Spara")}${r}`, [["Ja"]]);
    client.failNext("postIndicator", "validation-failed", 400, { issues: [{ path: "definition", message: "Mallen vaktbolag-rapporter har ingen kolumn typ2." }] });
    const result = await saveIndicators(wb, client);
    expect(result).toMatchObject({ ok: true, saved: [], refused: [{ id: "nastan-handelser" }] });
    expect(wb.cell(sheet, `${col("Titel")}${r}`)).toBe("Nästan-händelser (ny)");
    expect(wb.cell(sheet, `${col("Resultat")}${r}`)).toBe("Ej sparat: Mallen vaktbolag-rapporter har ingen kolumn typ2.");
    expect(wb.fillOf(sheet, `${col("Resultat")}${r}`)).toBe("#FDE7E9");
  });
});
