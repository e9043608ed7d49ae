// The survey template (trygghetsenkat) and the residence-based police template (polis-boende), issue 15 §2–3: the
// demo files pass as they are, and bad rows get Swedish errors with their A1 cells, in the sheet check and again in
// the server's re-check of the records.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoRegisters } from "../fixtures/areas/demo";
import { checkGrid } from "../../shared/pipeline/check";
import { checkWireRecords } from "../../shared/deidentify/wire-check";
import { toWireRecord } from "../../shared/protocol/record";
import { BUILTIN_TEMPLATES, builtinTemplate, DEMO_ORGANISATIONS } from "../../shared/templates/builtin";
import type { Grid } from "../../shared/protocol/workbook";
import { readFileGrid } from "../../sync-server/cli/pipeline-file";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";

const registers = demoRegisters();
const templatesOf = (org: string) => BUILTIN_TEMPLATES.filter((t) => (DEMO_ORGANISATIONS.find((o) => o.id === org)!.templates as readonly string[]).includes(t.id));
const SURVEY_HEADER = ["År", "NYKO", "Enkät", "Fråga", "Svarsalternativ", "Antal svarande", "Antal svar"];
const Q = "Trygg ute ensam sent en kväll i området";
const survey = (rows: (string | number)[][]): Grid => [SURVEY_HEADER, ...rows];
const check = (grid: Grid, org = "polisen") => checkGrid(grid, { templates: templatesOf(org), org, registers });
const errors = (grid: Grid, org = "polisen") => check(grid, org).issues.filter((i) => i.severity === "error");

describe("the demo's survey and residence files", () => {
  it.each([
    ["polisen", "polisen-trygghetsmatning.csv", "trygghetsenkat"],
    ["utbildningskontoret", "utbildningskontoret-elevenkat.csv", "trygghetsenkat"],
    ["polisen", "polisen-boende.csv", "polis-boende"],
  ])("%s's %s is checked against %s and can be sent", async (org, file, template) => {
    const { grid } = await readFileGrid(join(DEMO_DIR, "actors", file));
    const r = check(grid, org);
    expect(r.template?.id).toBe(template);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.canSubmit).toBe(true);
    expect(r.accepted).toBe(grid.length - 1);
    for (const rec of r.records) expect(rec.period).toBe("2025");
  });
});

describe("survey rows", () => {
  it("accepts a question whose answer counts add up to its respondents, and sends only closed values", () => {
    const r = check(survey([
      ["2025", "11", "Trygghetsmätning", Q, "Mycket trygg", 10, 4],
      ["2025", "11", "Trygghetsmätning", Q, "Ganska otrygg", 10, 5],
      ["2025", "11", "Trygghetsmätning", Q, "Vet ej", 10, 1],
    ]));
    expect(r.canSubmit).toBe(true);
    expect(toWireRecord(r.records[2])).toEqual({
      templateId: "trygghetsenkat", templateVersion: 1, org: "polisen", date: null, hour: null, period: "2025",
      categories: { enkat: "Trygghetsmätning", fraga: Q, svar: "Vet ej/ej svar" }, nyko: "11", measures: { antal_svarande: 10, antal_svar: 1 },
    });
  });

  it("names the cell of answer counts that do not add up to the respondents, either way", () => {
    const short = errors(survey([
      ["2025", "11", "Trygghetsmätning", Q, "Mycket trygg", 10, 4],
      ["2025", "11", "Trygghetsmätning", Q, "Ganska otrygg", 10, 5],
    ]));
    expect(short).toHaveLength(1);
    expect(short[0]).toMatchObject({ cell: "G3", code: "breakdown-sum", column: "Antal svar" });
    expect(short[0].message).toMatch(/blir 9, men Antal svarande är 10: saknas ett svarsalternativ\?.*\(cell G3\)/);
    const over = errors(survey([
      ["2025", "12", "Trygghetsmätning", Q, "Mycket trygg", 10, 6],
      ["2025", "12", "Trygghetsmätning", Q, "Mycket otrygg", 10, 6],
    ]));
    expect(over[0]).toMatchObject({ cell: "G3", code: "breakdown-sum" });
    expect(over[0].message).toContain("blir 12, fler än Antal svarande (10)");
  });

  it("names the cell whose respondents differ from the question's other rows", () => {
    const e = errors(survey([
      ["2025", "11", "Trygghetsmätning", Q, "Mycket trygg", 10, 4],
      ["2025", "11", "Trygghetsmätning", Q, "Ganska trygg", 12, 6],
    ]));
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ cell: "F3", code: "breakdown-total", column: "Antal svarande" });
    expect(e[0].message).toContain("Antal svarande är 12 här men 10");
  });

  it("names a repeated answer category", () => {
    const e = errors(survey([
      ["2025", "11", "Trygghetsmätning", Q, "Mycket trygg", 10, 5],
      ["2025", "11", "Trygghetsmätning", Q, "Mycket trygg", 10, 5],
    ]));
    expect(e.map((i) => [i.cell, i.code])).toEqual([["E3", "duplicate-row"]]);
    expect(e[0].message).toMatch(/upprepar en tidigare rad/);
  });

  it("refuses a month for the round, an unknown question or answer, and more answers than respondents, cell by cell", () => {
    const e = errors(survey([
      ["2025-03", "11", "Trygghetsmätning", Q, "Mycket trygg", 10, 10],
      ["2025", "11", "Trygghetsmätning", "Trivs du?", "Mycket trygg", 10, 10],
      ["2025", "12", "Trygghetsmätning", Q, "Kanske", 10, 10],
      ["2025", "13", "Trygghetsmätning", Q, "Mycket trygg", 10, 11],
    ]));
    const at = (cell: string) => e.find((i) => i.cell === cell);
    expect(at("A2")?.message).toContain("är inget år. Skriv året som ÅÅÅÅ");
    expect(at("D3")).toBeDefined();
    expect(at("E4")).toBeDefined();
    expect(at("G5")?.message ?? e.find((i) => i.row === 5)?.message).toMatch(/större än|fler än/);
    for (const i of e) expect(i.message).toMatch(/[åäöÅÄÖ]|inget|finns|är/);
  });
});

describe("residence-based police rows", () => {
  const header = ["År", "NYKO", "Grupp", "Antal personer"];
  it("accepts counts per area of residence and year, zeros too", () => {
    const r = check([header, ["2025", "111", "Misstänkta 18-24 år", 4], ["2025", "111", "Aktiva i kriminella nätverk", 0]]);
    expect(r.template?.id).toBe("polis-boende");
    expect(r.canSubmit).toBe(true);
    expect(r.records.map((x) => [x.categories.grupp, x.measures.antal_personer])).toEqual([["Misstänkta 18–24 år", 4], ["Aktiva i kriminella nätverk", 0]]);
  });

  it("names a bad year, an unknown group, a negative count, an unknown area and a repeated row", () => {
    const e = errors([
      header,
      ["25", "111", "Misstänkta 18–24 år", 4],
      ["2025", "111", "Unga 15–20", 4],
      ["2025", "112", "Lagförda 18–24 år", -1],
      ["2025", "999", "Lagförda 18–24 år", 1],
      ["2025", "113", "Lagförda 18–24 år", 2],
      ["2025", "113", "Lagförda 18–24 år", 2],
    ]);
    const cells = e.map((i) => i.cell);
    expect(cells).toEqual(expect.arrayContaining(["A2", "C3", "D4", "B5", "C7"]));
    expect(e.find((i) => i.cell === "C7")?.code).toBe("duplicate-row");
    expect(e.find((i) => i.cell === "B5")?.message).toContain("finns inte i kommunens områdesregister");
  });
});

describe("the server's re-check of survey records", () => {
  const template = builtinTemplate("trygghetsenkat")!;
  const record = (svar: string, svarande: number, antal: number) => ({
    templateId: "trygghetsenkat", templateVersion: 1, org: "polisen", date: null, hour: null, period: "2025",
    categories: { enkat: "Trygghetsmätning", fraga: Q, svar }, nyko: "11", measures: { antal_svarande: svarande, antal_svar: antal },
  });
  const ctx = { org: "polisen", isKnownNyko: (c: string) => registers.nyko.has(c), levelOf: (c: string) => registers.nyko.levelOf(c), window: { earliest: "2020-01-01", latest: "2026-12-31" } };

  it("takes a part of a question (its sum under the total: the rest may be in another part)", () => {
    expect(checkWireRecords(template, [record("Mycket trygg", 10, 4)], ctx).ok).toBe(true);
  });

  it("refuses answers that exceed the respondents, or respondents that differ, naming the row", () => {
    const over = checkWireRecords(template, [record("Mycket trygg", 10, 6), record("Mycket otrygg", 10, 6)], ctx);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.issues[0]).toMatchObject({ row: 1, field: "measures.antal_svar" });
    const differ = checkWireRecords(template, [record("Mycket trygg", 10, 6), record("Mycket otrygg", 11, 1)], ctx);
    expect(differ.ok).toBe(false);
    if (!differ.ok) expect(differ.issues[0]).toMatchObject({ row: 1, field: "measures.antal_svarande" });
    const twice = checkWireRecords(template, [record("Mycket trygg", 10, 2), record("Mycket trygg", 10, 2)], ctx);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.issues[0]).toMatchObject({ row: 1, field: "categories.svar" });
  });
});
