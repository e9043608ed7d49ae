import { describe, expect, it } from "vitest";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { ACCESS_COLUMNS } from "./access-sheet";
import { createFakeClient } from "../testing/fake-client";
import { syncGrants, writeGrantsSheet } from "./grants";
import { saveSettings, writeSettingsSheet } from "./settings";

const col = (name: string) => String.fromCharCode(65 + ACCESS_COLUMNS.indexOf(name));
const ORGS = [
  { id: "kommunen", name: "Kommunen", kind: "kommun", isHuvudman: true },
  { id: "polisen", name: "Polisen", kind: "polis", isHuvudman: false },
  { id: "skolan", name: "Skolförvaltningen", kind: "skola", isHuvudman: false },
];

function setup() {
  const wb = createMemoryWorkbook();
  const client = createFakeClient({ session: { accessToken: "a", refreshToken: "r", user: { username: "huvudman", role: "huvudman", org: "kommunen" } } });
  client.organisationList = ORGS;
  client.indicatorList = BUILTIN_INDICATORS.map((d) => ({ ...d }));
  return { wb, client };
}

/** 1-based sheet row of an organisation's indicator in the matrix. */
async function rowOf(wb: ReturnType<typeof createMemoryWorkbook>, sheet: string, org: string, indicator: string): Promise<number> {
  const { values } = await wb.readUsedRange(sheet);
  const i = values.findIndex((r) => r[0] === org && r[1] === indicator);
  expect(i).toBeGreaterThan(0);
  return i + 1;
}

describe("grants sheet (Behörigheter)", () => {
  it("lists every organisation below the huvudman × indicator, with dropdowns and – where a period type does not exist", async () => {
    const { wb, client } = setup();
    client.grantList = [{ org: "polisen", indicator: "anlagda-brander", levels: [0, 3], periodTypes: ["month"] }];
    const sheet = await writeGrantsSheet(wb, client);
    expect(sheet).toBe("Behörigheter");
    const { values } = await wb.readUsedRange(sheet);
    expect(values.filter((r) => r[0] === "kommunen")).toHaveLength(0);
    expect(values.filter((r) => r[0] === "polisen")).toHaveLength(BUILTIN_INDICATORS.length);
    const r = await rowOf(wb, sheet, "polisen", "anlagda-brander");
    expect([wb.cell(sheet, `${col("Kommun")}${r}`), wb.cell(sheet, `${col("NYKO 1")}${r}`), wb.cell(sheet, `${col("NYKO 3")}${r}`)]).toEqual(["Ja", "Nej", "Ja"]);
    expect(wb.cell(sheet, `${col("Månad")}${r}`)).toBe("Ja");
    expect(wb.cell(sheet, `${col("Läsår")}${r}`)).toBe("–");
    expect(wb.dropdownOf(sheet, `${col("Kvartal")}${r}`)).toEqual(["Ja", "Nej"]);
    const school = await rowOf(wb, sheet, "skolan", "ofullstandiga-betyg-ak9");
    expect(wb.cell(sheet, `${col("Läsår")}${school}`)).toBe("Nej");
    expect(wb.cell(sheet, `${col("Halvmånad")}${school}`)).toBe("–");
  });

  it("sends only the changed organisation's grants and writes the outcome beside its rows", async () => {
    const { wb, client } = setup();
    const sheet = await writeGrantsSheet(wb, client);
    const r = await rowOf(wb, sheet, "polisen", "skadegorelse-klotter");
    await wb.writeValues(sheet, `${col("NYKO 2")}${r}`, [["Ja"]]);
    await wb.writeValues(sheet, `${col("Månad")}${r}`, [["Ja", "Ja"]]);
    const result = await syncGrants(wb, client);
    expect(result.ok).toBe(true);
    const puts = client.calls.filter((c) => c.method === "putGrants");
    expect(puts).toHaveLength(1);
    expect(puts[0].args).toEqual(["polisen", [{ indicator: "skadegorelse-klotter", levels: [2], periodTypes: ["month", "quarter"] }]]);
    expect(client.grantList).toEqual([{ org: "polisen", indicator: "skadegorelse-klotter", levels: [2], periodTypes: ["month", "quarter"] }]);
    const again = await rowOf(wb, sheet, "polisen", "skadegorelse-klotter");
    expect(String(wb.cell(sheet, `${col("Resultat")}${again}`))).toMatch(/^Sparad /);
    expect(wb.cell(sheet, `${col("NYKO 2")}${again}`)).toBe("Ja");
    // Nothing changed: nothing is sent.
    await syncGrants(wb, client);
    expect(client.calls.filter((c) => c.method === "putGrants")).toHaveLength(1);
  });

  it("marks a choice that does not exist, a bad value and a row without period type at their cells and sends nothing", async () => {
    const { wb, client } = setup();
    const sheet = await writeGrantsSheet(wb, client);
    const school = await rowOf(wb, sheet, "skolan", "ofullstandiga-betyg-ak9");
    const police = await rowOf(wb, sheet, "polisen", "tillgreppsbrott");
    await wb.writeValues(sheet, `${col("Kommun")}${school}`, [["Ja"]]);
    await wb.writeValues(sheet, `${col("Halvmånad")}${school}`, [["Ja"]]);
    await wb.writeValues(sheet, `${col("NYKO 3")}${police}`, [["kanske"]]);
    const polisFire = await rowOf(wb, sheet, "polisen", "anlagda-brander");
    await wb.writeValues(sheet, `${col("NYKO 1")}${polisFire}`, [["Ja"]]);
    const result = await syncGrants(wb, client);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const cells = [...new Set(result.issues.map((i) => i.cell))].sort();
    expect(cells).toEqual([`${col("Halvmånad")}${school}`, `${col("Halvmånad")}${polisFire}`, `${col("NYKO 3")}${police}`].sort());
    expect(client.calls.some((c) => c.method === "putGrants")).toBe(false);
  });

  it("reports a refusal from the server per organisation", async () => {
    const { wb, client } = setup();
    const sheet = await writeGrantsSheet(wb, client);
    const r = await rowOf(wb, sheet, "polisen", "tillgreppsbrott");
    await wb.writeValues(sheet, `${col("Kommun")}${r}`, [["Ja"]]);
    await wb.writeValues(sheet, `${col("År")}${r}`, [["Ja"]]);
    client.failNext("putGrants", "forbidden", 403);
    const result = await syncGrants(wb, client);
    expect(result.ok && result.outcomes[0]).toMatchObject({ org: "polisen", ok: false });
    const again = await rowOf(wb, sheet, "polisen", "tillgreppsbrott");
    expect(String(wb.cell(sheet, `${col("Resultat")}${again}`))).toContain("Ej sparat: Du har inte behörighet");
    expect(wb.fillOf(sheet, `${col("Resultat")}${again}`)).toBe("#FDE7E9");
  });
});

describe("settings sheet (Inställningar)", () => {
  it("lets the actor choose among its grants and saves the subscriptions", async () => {
    const { wb, client } = setup();
    client.session!.user = { username: "polisen", role: "actor", org: "polisen" };
    client.grantList = [
      { org: "polisen", indicator: "anlagda-brander", levels: [0, 2, 3], periodTypes: ["month", "year"] },
      { org: "skolan", indicator: "ofullstandiga-betyg-ak9", levels: [0], periodTypes: ["schoolyear"] },
    ];
    const sheet = await writeSettingsSheet(wb, client);
    expect(sheet).toBe("Inställningar");
    const r = await rowOf(wb, sheet, "polisen", "anlagda-brander");
    const { values } = await wb.readUsedRange(sheet);
    expect(values.filter((x) => x[0] === "polisen")).toHaveLength(1);
    expect(wb.cell(sheet, `${col("NYKO 1")}${r}`)).toBe("–");
    expect(wb.cell(sheet, `${col("NYKO 3")}${r}`)).toBe("Nej");

    // A choice beyond the grants is refused at its cell.
    await wb.writeValues(sheet, `${col("NYKO 1")}${r}`, [["Ja"]]);
    const refused = await saveSettings(wb, client);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((i) => i.cell)).toEqual([`${col("NYKO 1")}${r}`]);

    await wb.writeValues(sheet, `${col("NYKO 1")}${r}`, [["–"]]);
    await wb.writeValues(sheet, `${col("NYKO 3")}${r}`, [["Ja"]]);
    await wb.writeValues(sheet, `${col("Månad")}${r}`, [["Ja"]]);
    const saved = await saveSettings(wb, client);
    expect(saved).toMatchObject({ ok: true, subscriptions: [{ indicator: "anlagda-brander", levels: [3], periodTypes: ["month"] }] });
    expect(client.subscriptionList).toEqual([{ org: "polisen", indicator: "anlagda-brander", levels: [3], periodTypes: ["month"] }]);
    const again = await rowOf(wb, sheet, "polisen", "anlagda-brander");
    expect(wb.cell(sheet, `${col("NYKO 3")}${again}`)).toBe("Ja");
    expect(String(wb.cell(sheet, `${col("Resultat")}${again}`))).toMatch(/^Sparad/);
  });
});
