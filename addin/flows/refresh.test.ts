import { describe, expect, it } from "vitest";
import { deliverySchema, SUPPRESSED_MARK, type Delivery } from "../../shared/protocol/delivery";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { createFakeClient } from "./fake-client";
import { OWN_SHEETS_SETTING } from "./own-sheets";
import { refreshDeliveries, SUPPRESSED_NOTE } from "./refresh";

function fixture(number: number, value: number): Delivery {
  const cell = (nyko: string | null, level: number, period: string, v: number | null, extra: object = {}) => ({
    indicator: "skadegorelse", nyko, level, periodType: "month" as const, period, value: v, suppressed: v === null, ...extra,
  });
  return deliverySchema.parse({
    org: "polisen", number, createdAt: "2026-03-05T05:00:00.000Z", source: "Lägesbild, Demokommun", threshold: 3, unsuppressed: false,
    definitions: [
      { id: "skadegorelse", version: 1, title: "Skadegörelse och klotter", unit: "antal", factor: "none", description: "" },
      { id: "orosanmalningar", version: 1, title: "Orosanmälningar per 1000 barn", unit: "per 1000", factor: "per1000", description: "" },
    ],
    cells: [
      cell(null, 0, "2026-01", value), cell(null, 0, "2026-02", 40),
      cell("1", 1, "2026-01", 20), cell("1", 1, "2026-02", null),
      cell("11", 2, "2026-01", null), cell("11", 2, "2026-02", 7, { alarm: true }),
      { indicator: "orosanmalningar", nyko: null, level: 0, periodType: "month", period: "2026-01", value: 12.5, suppressed: false },
    ],
    notes: ["Befolkningen 2025 används för 2026."],
  });
}

describe("refresh flow", () => {
  it("writes each indicator into its own sheet: a table, `..` with a note, header lines and a chart", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.delivery = fixture(7, 31);
    const { sheets } = await refreshDeliveries(wb, client);
    expect(sheets.map((s) => s.sheet)).toEqual(["Skadegörelse och klotter", "Orosanmälningar per 1000 barn"]);
    const sheet = sheets[0].sheet;
    expect(String(wb.cell(sheet, "A1"))).toContain("Skadegörelse och klotter");
    expect(String(wb.cell(sheet, "A2"))).toMatch(/Källa: Lägesbild, Demokommun\. Leverans nr 7, skapad 2026-03-05 05:00/);
    expect(String(wb.cell(sheet, "A3"))).toMatch(/Period: 2026-01 – 2026-02/);
    expect([wb.cell(sheet, "A4"), wb.cell(sheet, "C4"), wb.cell(sheet, "D4")]).toEqual(["Område", "2026-01", "2026-02"]);
    expect([wb.cell(sheet, "A5"), wb.cell(sheet, "C5"), wb.cell(sheet, "D5")]).toEqual(["Hela kommunen", 31, 40]);
    expect(wb.cell(sheet, "D6")).toBe(SUPPRESSED_MARK);
    expect(wb.cell(sheet, "C7")).toBe(SUPPRESSED_MARK);
    expect(wb.noteOf(sheet, "D6")).toBe(SUPPRESSED_NOTE);
    expect(wb.fillOf(sheet, "D7")).toBe("#FDE7E9");
    expect(wb.numberFormatOf(sheet, "C5")).toBe("0");
    expect(wb.numberFormatOf(sheets[1].sheet, "C5")).toBe("0.0");
    expect(wb.tablesOf(sheet)).toHaveLength(1);
    expect(wb.chartsOf(sheet)).toHaveLength(1);
    expect(sheets[0].suppressed).toBe(2);
  });

  it("replaces its own sheets on the next refresh and never overwrites a sheet the user made", async () => {
    const wb = createMemoryWorkbook({ "Skadegörelse och klotter": [["mina egna anteckningar"]] });
    const client = createFakeClient();
    client.delivery = fixture(7, 31);
    const first = await refreshDeliveries(wb, client);
    expect(first.sheets[0].sheet).toBe("Skadegörelse och klotter (2)");
    expect(wb.cell("Skadegörelse och klotter", "A1")).toBe("mina egna anteckningar");
    client.delivery = fixture(8, 33);
    const second = await refreshDeliveries(wb, client);
    expect(second.sheets[0].sheet).toBe("Skadegörelse och klotter (2)");
    expect(wb.cell("Skadegörelse och klotter (2)", "C5")).toBe(33);
    expect((await wb.listSheets()).filter((s) => s.startsWith("Skadegörelse"))).toHaveLength(2);
    expect(JSON.parse((await wb.getSetting(OWN_SHEETS_SETTING))!)).toMatchObject({ "indicator:skadegorelse": "Skadegörelse och klotter (2)" });
  });
});
