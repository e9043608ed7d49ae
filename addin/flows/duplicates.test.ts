import { describe, expect, it } from "vitest";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { DUPLICATE_COLUMNS, syncDuplicates, writeDuplicatesSheet } from "./duplicates";
import { createFakeClient, duplicateFixture } from "../testing/fake-client";

const col = (name: string) => String.fromCharCode(65 + DUPLICATE_COLUMNS.indexOf(name));

describe("duplicates sheet (Dubbletter)", () => {
  it("lists pairs with their de-identified fields, never tokens, and a decision dropdown", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.duplicateList = [duplicateFixture({ id: 7 }), duplicateFixture({ id: 8, status: "overruled", comment: "olika adresser" })];
    const sheet = await writeDuplicatesSheet(wb, (await client.duplicates()).duplicates);
    expect(sheet).toBe("Dubbletter");
    expect(wb.cell(sheet, "A5")).toBe(7);
    expect(wb.cell(sheet, "B5")).toBe("Sammanslagen");
    expect(wb.cell(sheet, "B6")).toBe("Underkänd");
    expect(wb.cell(sheet, `${col("A organisation")}5`)).toBe("polisen");
    expect(wb.cell(sheet, `${col("B kategorier")}5`)).toBe("handelsetyp=Brand utomhus; anlagd=Ja");
    expect(wb.cell(sheet, `${col("Tidigare kommentar")}6`)).toBe("olika adresser");
    expect(wb.dropdownOf(sheet, `${col("Beslut")}6`)).toEqual(["Underkänn", "Återställ"]);
    expect(JSON.stringify(wb.snapshot())).not.toMatch(/token|link/i);
  });

  it("overrules with a comment, restores, refuses an overrule without comment and reports a conflict per row", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.duplicateList = [duplicateFixture({ id: 1 }), duplicateFixture({ id: 2, status: "overruled" }), duplicateFixture({ id: 3 }), duplicateFixture({ id: 4 })];
    const sheet = await writeDuplicatesSheet(wb, (await client.duplicates()).duplicates);
    await wb.writeValues(sheet, `${col("Beslut")}5`, [["Underkänn", "Olika händelser enligt räddningstjänsten"], ["Återställ", ""], ["Underkänn", ""], ["Underkänn", "x"]]);
    client.duplicateList[3].status = "overruled"; // someone else overruled 4 meanwhile
    const { outcomes } = await syncDuplicates(wb, client);
    const by = Object.fromEntries(outcomes.map((o) => [o.id, o]));
    expect(by[1].ok).toBe(true);
    expect(by[2].ok).toBe(true);
    expect(by[3]).toMatchObject({ ok: false });
    expect(by[3].message).toMatch(/skriv varför/);
    expect(by[4].message).toBe("Ej skickat: Dubbletten är redan underkänd.");
    expect(client.duplicateList.map((d) => d.status)).toEqual(["overruled", "merged", "merged", "overruled"]);
    expect(client.calls.filter((c) => c.method === "overruleDuplicate").map((c) => c.args)).toEqual([[1, "Olika händelser enligt räddningstjänsten"], [4, "x"]]);
    expect(wb.cell(sheet, "B5")).toBe("Underkänd");
    expect(wb.cell(sheet, `${col("Tidigare kommentar")}5`)).toBe("Olika händelser enligt räddningstjänsten");
    expect(String(wb.cell(sheet, `${col("Resultat")}5`))).toMatch(/^Underkänd /);
    expect(String(wb.cell(sheet, `${col("Resultat")}6`))).toMatch(/^Återställd /);
    expect(wb.fillOf(sheet, `${col("Resultat")}7`)).toBe("#FDE7E9");
    expect(wb.cell(sheet, `${col("Beslut")}5`)).toBeNull();
  });
});
