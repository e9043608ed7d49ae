import { describe, expect, it } from "vitest";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { ALARM_EXPLANATION, alertSentence, unusualText, writeAlertsSheet } from "./alerts";
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
    expect(values[header]).toEqual(["Indikator", "Område", "Nivå", "Vecka", "Observerat", "Tröskel", "Metod", "Larm", "Förväntat", "Förklaring"]);
    expect(values[header + 1]).toEqual(["Anlagda bränder", "Hela kommunen", "Kommun", "2026-W12", 6, 3.5, "Farrington", "Ja", null, "6 händelser vecka 2026-W12; tröskeln var 3,5."]);
    expect(values[header + 2].slice(1, 4)).toEqual(["1010203", "NYKO 3", "2026-W10"]);
    expect(wb.conditionalFormatsOf(sheet)).toEqual([{ range: `H${header + 2}:H${header + 3}`, textEquals: "Ja", fill: "#FDE7E9" }]);
  });

  it("lists weeks without alarm when asked, from a week on", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.alertList = [alert("2026-W10", true), alert("2026-W11", false)];
    const { rows, alarms } = await writeAlertsSheet(wb, client, { allWeeksFrom: "2026-W08" });
    // Alarms first, then the weeks without.
    expect([rows, alarms]).toEqual([2, 1]);
    expect(client.calls.find((c) => c.method === "alerts")?.args[0]).toEqual({ all: "1", from: "2026-W08" });
    expect(wb.cell("Larm", "H6")).toBe("Ja");
    expect(wb.cell("Larm", "H7")).toBe("Nej");
  });

  it("asks for the last 8 weeks by default and for more when the pane widens it", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    await writeAlertsSheet(wb, client);
    expect(client.calls.find((c) => c.method === "alerts")?.args[0]).toEqual({ weeks: "8" });
    expect(String(wb.cell("Larm", "A1"))).toMatch(/de senaste 8 veckorna/);
    await writeAlertsSheet(wb, client, { weeks: 26, all: true });
    expect(client.calls.filter((c) => c.method === "alerts")[1]?.args[0]).toEqual({ weeks: "26", all: "1" });
    expect(String(wb.cell("Larm", "A1"))).toMatch(/de senaste 26 veckorna, alla veckor/);
  });

  it("puts the strongest alarm first, each with one sentence: observed, expected, how unusual", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.indicatorList = BUILTIN_INDICATORS.map((d) => ({ ...d }));
    client.alertList = [
      { ...alert("2026-W12", true), observed: 7, expected: 2.34, pValue: 0.004 },
      { ...alert("2026-W10", true, { nyko: "1010204" }), observed: 18, expected: 6.1, pValue: 0.00004 },
      { ...alert("2026-W11", true, { nyko: "1010205" }), observed: 9, expected: 3.2, pValue: 0.0009, reason: "persistent" as const },
    ];
    await writeAlertsSheet(wb, client);
    const { values } = await wb.readUsedRange("Larm");
    const header = values.findIndex((r) => r[0] === "Indikator");
    const rows = values.slice(header + 1);
    expect(rows.map((r) => r[3])).toEqual(["2026-W10", "2026-W11", "2026-W12"]);
    expect(rows.map((r) => r[8])).toEqual([6.1, 3.2, 2.3]);
    expect(rows[0][9]).toBe("18 händelser vecka 2026-W10 mot väntat 6,1; så många eller fler inträffar ungefär 1 gång på 25 000 veckor om läget är som vanligt.");
    expect(rows[1][9]).toBe("9 händelser vecka 2026-W11 mot väntat 3,2; tillsammans med veckan före är så högt ungefär 1 gång på 1 100 veckor om läget är som vanligt.");
    expect(rows[2][9]).toBe("7 händelser vecka 2026-W12 mot väntat 2,3; så många eller fler inträffar ungefär 1 gång på 250 veckor om läget är som vanligt.");
  });

  it("names the weeks judged together for a rise over up to four weeks", () => {
    const row = { ...alert("2026-W40", true), observed: 4, expected: 1, pValue: 0.0024, reason: "persistent" as const };
    expect(alertSentence({ ...row, weeksTogether: 3 })).toBe("4 händelser vecka 2026-W40 mot väntat 1; tillsammans med de två veckorna före är så högt ungefär 1 gång på 420 veckor om läget är som vanligt.");
    expect(alertSentence({ ...row, weeksTogether: 4 })).toMatch(/tillsammans med de tre veckorna före är så högt/);
    expect(alertSentence({ ...row, weeksTogether: null })).toMatch(/tillsammans med veckan före är så högt/);
  });

  it("words how unusual a count is in round figures", () => {
    expect(unusualText(0.0123)).toBe("ungefär 1 gång på 81 veckor");
    expect(unusualText(1e-7)).toBe("mindre än 1 gång på en miljon veckor");
    expect(unusualText(0.6)).toBe("ofta");
    expect(alertSentence({ ...alert("2026-W01", false), observed: 1, expected: 0.5, pValue: 0.39 })).toBe("1 händelse vecka 2026-W01 mot väntat 0,5; så många eller fler inträffar ungefär 1 gång på 3 veckor om läget är som vanligt.");
  });
});
