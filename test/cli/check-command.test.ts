// `npx lagesbild check` as a user runs it: the real command, its JSON, its Swedish text and its exit codes.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DEMO_DATA_DIR, REPO_ROOT } from "../fixtures/paths";

function lagesbild(...args: string[]) {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, "bin", "lagesbild.mjs"), "check", ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("lagesbild check", () => {
  it("prints one JSON object with the records (and their local sourceRow) and exits 0 for a file that can be submitted", () => {
    const r = lagesbild(join(DEMO_DATA_DIR, "actors", "utbildningskontoret.xlsx"), "--json", "--records");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(["accepted", "headerRow", "issues", "located", "records", "rows", "sheet", "stripped", "template", "unlocated"]);
    expect(out.template).toEqual({ id: "skola-betyg-ak9", version: 1 });
    expect(out.sheet).toBe("Betyg åk 9");
    expect(out.headerRow).toBe(1);
    expect(out.rows).toBe(76);
    expect(out.records[0]).toMatchObject({ templateId: "skola-betyg-ak9", period: "2024/25", nyko: "111", measures: { elever_ak9: 35, ej_behorighet: 6 }, sourceRow: 2 });
  });

  it("exits 1 and names the cells when the file has errors, with Swedish text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lagesbild-check-"));
    const file = join(dir, "fel.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Rapporter");
    ws.addRow(["Rapport-ID", "Datum", "Tid", "Typ", "Plats"]);
    ws.addRow(["SEC-1", "04/03/2025", "10:00", "Klotter", "Hjortstigen 13"]);
    ws.addRow(["SEC-2", new Date(Date.UTC(2025, 2, 4)), "10:00", "Inbrott", "Hjortstigen 13"]);
    await wb.xlsx.writeFile(file);
    const r = lagesbild(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("B2");
    expect(r.stdout).toContain("D3");
    expect(r.stdout).toContain("kan inte skickas");
    const json = JSON.parse(lagesbild(file, "--json").stdout);
    expect(json.issues.filter((i: { severity: string }) => i.severity === "error").map((i: { cell: string; code: string }) => [i.cell, i.code])).toEqual([
      ["B2", "date-ambiguous"],
      ["D3", "enum-unknown"],
    ]);
  });

  it("exits 2 for bad usage", () => {
    expect(lagesbild().code).toBe(2);
    expect(lagesbild("finns-inte.xlsx").code).toBe(2);
    const r = lagesbild(join(DEMO_DATA_DIR, "actors", "utbildningskontoret.xlsx"), "--template", "ingen-sadan-mall");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("finns inte");
  });
});
