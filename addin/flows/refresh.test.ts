// The refresh flow: the latest delivery and the area names from the server, written by the shared delivery writer
// (its layout is tested in detail in shared/workbook/delivery-sheets.test.ts).
import { describe, expect, it } from "vitest";
import { SUPPRESSED_MARK } from "../../shared/protocol/delivery";
import { ALARM_FILL, SUPPRESSED_NOTE } from "../../shared/workbook/delivery-sheets";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { createFakeClient } from "../testing/fake-client";
import { OWN_SHEETS_SETTING } from "../../shared/workbook/own-sheets";
import { refreshDeliveries } from "./refresh";
import { deliveryFixture as fixture } from "../../test/fixtures/delivery";


describe("refresh flow", () => {
  it("writes each indicator into its own sheet: a table, `..` with a note, header lines, area names and a chart", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.delivery = fixture(7, 31);
    client.nykoAreas = async () => ({ validFrom: "2025-01-01", areas: [{ code: "11", level: 2, name: "Centrum", parent: "1" }] });
    const { delivery, sheets } = await refreshDeliveries(wb, client);
    expect(delivery.number).toBe(7);
    expect(sheets.map((s) => s.sheet)).toEqual(["Skadegörelse och klotter", "Orosanmälningar per 1000 barn"]);
    const sheet = sheets[0].sheet;
    expect(String(wb.cell(sheet, "A1"))).toContain("Skadegörelse och klotter");
    expect(wb.cell(sheet, "A2")).toBe("Källa: Lägesbild, Demokommun");
    expect(wb.cell(sheet, "A3")).toBe("Period: månad 2026-01 – 2026-02");
    expect(wb.cell(sheet, "A4")).toBe("Levererad: 2026-03-05 06:00 (leverans nr 7 till polisen)");
    // The wide form: areas as rows, the months as columns.
    expect([wb.cell(sheet, "A8"), wb.cell(sheet, "B8"), wb.cell(sheet, "D8"), wb.cell(sheet, "E8")]).toEqual(["Område", "Områdesnamn", "2026-01", "2026-02"]);
    expect([wb.cell(sheet, "A9"), wb.cell(sheet, "D9"), wb.cell(sheet, "E9")]).toEqual(["Hela kommunen", 31, 40]);
    expect(wb.cell(sheet, "E10")).toBe(SUPPRESSED_MARK);
    expect(wb.cell(sheet, "D11")).toBe(SUPPRESSED_MARK);
    expect(wb.cell(sheet, "B11")).toBe("Centrum");
    expect(wb.noteOf(sheet, "E10")).toBe(SUPPRESSED_NOTE);
    expect(wb.fillOf(sheet, "E11")).toBe(ALARM_FILL);
    expect(wb.numberFormatOf(sheet, "D9")).toBe("0");
    expect(wb.numberFormatOf(sheets[1].sheet, "D9")).toBe("0.0");
    expect(wb.tablesOf(sheet)).toHaveLength(1);
    expect(wb.chartsOf(sheet)).toHaveLength(1);
    expect(sheets[0]).toMatchObject({ tables: 1, suppressed: 2 });
    // It prints landscape, one page wide, with the title on every page, as `lagesbild fetch` writes it.
    expect(wb.pageSetupOf(sheet)).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitleRows: { first: 1, last: 1 } });
  });

  it("inserts the area map of an indicator published at NYKO-3 into its sheet, and goes on without one", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    const d = fixture(8, 31);
    d.cells.push({ indicator: "skadegorelse", nyko: "111", level: 3, periodType: "month", period: "2026-02", value: 4, suppressed: false });
    client.delivery = d;
    const { sheets } = await refreshDeliveries(wb, client);
    expect(client.calls.filter((c) => c.method === "areaMapSvg").map((c) => c.args)).toEqual([["skadegorelse"]]);
    // The server's SVG itself goes to the host, which renders it (canvas in the pane, resvg with ExcelJS), under the
    // chart, at the top of a page of its own (the chart's page has no room left for it).
    expect(wb.picturesOf(sheets[0].sheet)).toEqual([expect.objectContaining({ at: sheets[0].mapAt, widthPx: 480, heightPx: 420, svg: expect.stringContaining("skadegorelse, 2026-02") })]);
    const mapRow = Number(sheets[0].mapAt.slice(1));
    expect(mapRow).toBeGreaterThan(Number(/:B(\d+)$/.exec(wb.chartsOf(sheets[0].sheet)[0].dataRange)![1]));
    expect(wb.pageSetupOf(sheets[0].sheet)!.rowBreaks).toContain(mapRow);
    expect(sheets[0].map).toBe(true);
    expect(wb.picturesOf(sheets[1].sheet)).toEqual([]);
    client.areaMapSvg = async () => {
      throw new Error("ingen karta");
    };
    const again = await refreshDeliveries(wb, client);
    expect(again.sheets[0].map).toBe(false);
    expect(wb.tablesOf(again.sheets[0].sheet)).toHaveLength(1);
  });

  it("still writes the tables when the area names cannot be fetched", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.delivery = fixture(7, 31);
    client.failNext("nykoAreas", "internal", 500);
    const { sheets } = await refreshDeliveries(wb, client);
    expect(sheets).toHaveLength(2);
    expect(wb.cell(sheets[0].sheet, "A11")).toBe("11");
    expect(wb.cell(sheets[0].sheet, "B11")).toBeNull();
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
    expect(wb.cell("Skadegörelse och klotter (2)", "D9")).toBe(33);
    expect((await wb.listSheets()).filter((s) => s.startsWith("Skadegörelse"))).toHaveLength(2);
    expect(JSON.parse((await wb.getSetting(OWN_SHEETS_SETTING))!)).toMatchObject({ "indicator:skadegorelse": "Skadegörelse och klotter (2)" });
  });
});
