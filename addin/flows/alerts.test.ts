import { describe, expect, it } from "vitest";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { ALARM_EXPLANATION, writeAlertsSheet } from "./alerts";
import { createFakeClient } from "../testing/fake-client";

const alert = (week: string, alarm: boolean, over: Partial<{ nyko: string | null; level: number; method: "C1" | "farrington" }> = {}) => ({
  indicator: "anlagda-brander", nyko: "1010203", level: 3, week, observed: alarm ? 6 : 1, upperbound: 3.456, method: "C1" as const, alarm, ...over,
});

describe("alerts sheet (Larm)", () => {
  it("writes the alert table with the explanation, area names and a conditional fill on Larm", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.indicatorList = BUILTIN_INDICATORS.map((d) => ({ ...d }));
    client.alertList = [alert("2026-W10", true), alert("2026-W11", false), alert("2026-W12", true, { nyko: null, level: 0, method: "farrington" })];
    const { sheet, alarms, rows } = await writeAlertsSheet(wb, client);
    expect([sheet, alarms, rows]).toEqual(["Larm", 2, 2]);
    const { values } = await wb.readUsedRange(sheet);
    expect(String(values[0][0])).toMatch(/^Larm per indikator, område och vecka: 2 larm/);
    expect(values.slice(1, 4).map((r) => r[0])).toEqual(ALARM_EXPLANATION);
    expect(ALARM_EXPLANATION.join(" ")).toMatch(/inte ett belägg/);
    const header = values.findIndex((r) => r[0] === "Indikator");
    expect(values[header]).toEqual(["Indikator", "Område", "Nivå", "Vecka", "Observerat", "Tröskel", "Metod", "Larm"]);
    expect(values[header + 1]).toEqual(["Anlagda bränder", "Hela kommunen", "Kommun", "2026-W12", 6, 3.5, "Farrington", "Ja"]);
    expect(values[header + 2].slice(1, 4)).toEqual(["1010203", "NYKO 3", "2026-W10"]);
    expect(wb.conditionalFormatsOf(sheet)).toEqual([{ range: `H${header + 2}:H${header + 3}`, textEquals: "Ja", fill: "#FDE7E9" }]);
  });

  it("lists weeks without alarm when asked, from a week on", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.alertList = [alert("2026-W10", true), alert("2026-W11", false)];
    const { rows, alarms } = await writeAlertsSheet(wb, client, { allWeeksFrom: "2026-W08" });
    expect([rows, alarms]).toEqual([2, 1]);
    expect(client.calls.find((c) => c.method === "alerts")?.args[0]).toEqual({ all: "1", from: "2026-W08" });
    expect(wb.cell("Larm", "H6")).toBe("Nej");
    expect(wb.cell("Larm", "H7")).toBe("Ja");
  });
});
