import { describe, expect, it } from "vitest";
import { SYNTHETIC_INDICATOR, syntheticIntervention } from "../../shared/interventions/synthetic";
import { createFakeClient } from "../testing/fake-client";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { SyncError } from "../sync-client";
import { evaluateInterventionSheet, FORM_SHEET, readInterventionForm, saveInterventionForm, writeInterventionForm, writeInterventionsSheet } from "./interventions";

const NOW = new Date("2027-01-20T09:00:00Z");

/** Fills the form's value column (B5 onwards: Insats nr, Version, Status, Namn, Typ, …). */
async function fill(wb: ReturnType<typeof createMemoryWorkbook>, values: Record<string, string>) {
  const rows: Record<string, number> = { name: 8, kind: 9, orgs: 10, areas: 11, start: 12, end: 13, indicators: 14, comparison: 15, description: 16 };
  for (const [k, v] of Object.entries(values)) await wb.writeValues(FORM_SHEET, `B${rows[k]}`, [[v]]);
}

describe("Insatser (pane)", () => {
  it("registers an intervention from the form, saves an edit as a new version, and lists them", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    const sheet = await writeInterventionForm(wb, null, { org: "polisen", now: NOW });
    expect(sheet).toBe("Insats");
    expect(wb.cell(sheet, "A8")).toBe("Namn");
    expect(wb.cell(sheet, "B10")).toBe("polisen");
    await fill(wb, { name: "Trygghetsvandring Centrum", kind: "Trygghetsvandring", areas: "111, 112", start: "2026-01-01", indicators: "skadegorelse-klotter", description: "Kvällsvandringar med boende och polis." });
    const saved = await saveInterventionForm(wb, client);
    expect(saved.ok).toBe(true);
    expect(client.calls.find((c) => c.method === "registerIntervention")!.args[0]).toEqual({
      name: "Trygghetsvandring Centrum", kind: "trygghetsvandring", orgs: ["polisen"], areas: ["111", "112"], startDate: "2026-01-01", endDate: null,
      description: "Kvällsvandringar med boende och polis.", indicators: ["skadegorelse-klotter"], comparisonAreas: [],
    });
    expect(wb.cell(sheet, "B5")).toBe(1);
    expect(wb.cell(sheet, "B6")).toBe(1);

    await fill(wb, { end: "2026-12-31" });
    const edited = await saveInterventionForm(wb, client);
    expect(edited.ok && edited.intervention.version).toBe(2);
    expect(client.calls.find((c) => c.method === "updateIntervention")!.args.slice(0, 2)).toEqual([1, 1]);
    expect(wb.cell(sheet, "B13")).toBe("2026-12-31");

    const list = await writeInterventionsSheet(wb, client, NOW);
    expect(list).toEqual({ sheet: "Insatser", count: 1 });
    expect(wb.cell("Insatser", "D5")).toBe("Trygghetsvandring Centrum");
    expect(wb.cell("Insatser", "B5")).toBe(2);
    expect(wb.cell("Insatser", "L5")).toBe("övriga områden");
  });

  it("names the cell of every problem, refuses personal data, and sends nothing", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    await writeInterventionForm(wb, null, { now: NOW });
    await fill(wb, { kind: "Hemlig", areas: "Centrum", start: "2026-13-01", indicators: "", description: "Kontakta 19811218-9876", comparison: "x" });
    const read = await readInterventionForm(wb, FORM_SHEET);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.issues.map((i) => i.cell)).toEqual(["B8", "B9", "B10", "B11", "B12", "B14", "B15", "B16"]);
    expect(read.issues.at(-1)!.message).toMatch(/personuppgift/);
    const r = await saveInterventionForm(wb, client);
    expect(r.ok).toBe(false);
    expect(client.calls.some((c) => c.method === "registerIntervention")).toBe(false);
    expect(wb.noteOf(FORM_SHEET, "B11")).toMatch(/NYKO/);
  });

  it("puts the server's refusal at the field it names", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    await writeInterventionForm(wb, null, { org: "polisen", now: NOW });
    await fill(wb, { name: "Belysning", kind: "Belysning och fysisk miljö", areas: "111, 12", start: "2026-01-01", indicators: "skadegorelse-klotter" });
    client.failNext("registerIntervention", "validation-failed", 400, { issues: [{ path: "areas.1", message: "Alla insatsområden ska vara på samma NYKO-nivå." }] });
    const r = await saveInterventionForm(wb, client);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([{ cell: "B11", message: "Alla insatsområden ska vara på samma NYKO-nivå." }]);
    expect(wb.noteOf(FORM_SHEET, "B11")).toBe("Alla insatsområden ska vara på samma NYKO-nivå.");
    client.failNext("registerIntervention", "unavailable", 503);
    await expect(saveInterventionForm(wb, client)).rejects.toBeInstanceOf(SyncError);
  });

  it("evaluates on the published cells: the sentence, the figures, the cells left out, the series and a chart", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    const { intervention, cells } = syntheticIntervention({ seed: 11, rateRatio: 0.6, baseline: 10, threshold: 3 });
    const saved = await client.registerIntervention({ name: "Klottersanering", kind: "klotter-sanering", orgs: ["kommunen"], description: "", ...intervention });
    client.interventionCellsAnswer = {
      source: "Lägesbild Demokommun",
      definitions: [{ id: SYNTHETIC_INDICATOR, version: 1, title: "Skadegörelsen", unit: "antal", factor: "none", description: "" }],
      cells,
    };
    const { sheet, evaluation } = await evaluateInterventionSheet(wb, client, saved.id, NOW);
    expect(sheet).toBe("Utvärdering 1");
    const r = evaluation.results[0];
    expect(r.verdict).toBe("decrease");
    const text = (cell: string) => String(wb.cell(sheet, cell));
    expect(text("A1")).toBe("Utvärdering av insats 1: Klottersanering (version 1)");
    expect(text("A3")).toBe(r.sentence);
    expect(text("A3")).toMatch(/^Skadegörelsen minskade med \d+ % \(95 % KI \d+–\d+ %\) i insatsområdena jämfört med övriga områden\.$/);
    const suppressed = cells.filter((c) => c.status === "suppressed").length;
    expect(suppressed).toBeGreaterThan(0);
    expect(text("A4")).toContain(`Utelämnade: ${suppressed} skyddade (..)`);
    // The results table right under the lines: header at row 6, one row per indicator.
    expect(wb.cell(sheet, "A6")).toBe("Indikator");
    expect(wb.cell(sheet, "B7")).toBe("Minskning");
    expect(wb.cell(sheet, "C7")).toBeCloseTo(r.estimate! * 100, 0);
    expect(wb.cell(sheet, "N7")).toBe(suppressed);
    const charts = wb.chartsOf(sheet);
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ kind: "line", dataRange: "A10:C34" });
    expect(wb.cell(sheet, "A10")).toBe("Period");
    expect(wb.cell(sheet, "A11")).toBe("2025-01");
    expect(wb.cell(sheet, "D22")).toBe("före");
    expect(wb.cell(sheet, "D23")).toBe("efter");
  });
});
