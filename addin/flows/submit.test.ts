import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRegisters, type AreaRegisters } from "../../shared/areas";
import { civilToSerial } from "../../shared/grid/dates";
import { checkGrid } from "../../shared/pipeline/check";
import { toWireRecord } from "../../shared/protocol/record";
import { builtinTemplate } from "../../shared/templates/builtin";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { nykoRegisterCsv as nykoCsv } from "../../shared/areas";
import { createFakeClient } from "../testing/fake-client";
import { OWN_SHEETS_SETTING } from "../../shared/workbook/own-sheets";
import type { Checker } from "../../shared/submission/checker";
import { ISSUE_FILL, checkActiveSheet, findSourceRow, submitSheet, writePreview } from "./submit";

const demo = join(process.cwd(), "sync-server/demo");
const polis = builtinTemplate("polis-anmalningar")!;
let registers: AreaRegisters;

beforeAll(() => {
  const nyko = readFileSync(join(demo, "nyko-omraden.csv"), "utf8");
  const built = buildRegisters({
    nykoCsv: nyko,
    addressCsv: readFileSync(join(demo, "adressregister.csv"), "utf8"),
    polygonsGeojson: readFileSync(join(demo, "nyko3-omraden.geojson"), "utf8"),
  });
  if (!built.ok) throw new Error(JSON.stringify(built.issues));
  registers = built.value;
  // The CSV the pane rebuilds from the server's JSON loads to the same register.
  const again = buildRegisters({ nykoCsv: nykoCsv(built.value.nyko.areas), addressCsv: "gatunamn;nummer;bokstav;postnummer;postort;nyko;n;e\n", polygonsGeojson: readFileSync(join(demo, "nyko3-omraden.geojson"), "utf8") });
  expect(again.ok || again.issues.every((i) => !/nyko-omraden/.test(i.file))).toBe(true);
});

const check: Checker = (grid) => checkGrid(grid, { templates: [polis], org: "polisen", registers });
const day = (d: number) => civilToSerial({ year: 2025, month: 3, day: d });
const HEADER = ["Anmälningsnummer", "Datum", "Klockslag", "Brottskod", "Brottsbenämning", "Brottsplats", "Målsägande", "Personnummer misstänkt", "Händelseförlopp"];

function sheet() {
  return [
    HEADER,
    ["K1", day(3), "00:24", "1203", "Skadegörelse genom brand", "Hjortstigen 2", "", "", "Patrull på plats"],
    ["K2", day(4), "13:05", "0601", "Stöld", "Hjortstigen 3", "Anna Andersson", "", "Larm"],
    ["K3", day(5), "25:99", "0601", "Stöld", "Hjortstigen 2", "", "", ""],
    ["K4", day(20), "08:00", "9999", "Stöld", "Hjortstigen 2", "", "", ""],
    ["K5", day(21), "09:00", "0601", "Stöld", "Finnsintegatan 1", "", "", ""],
  ];
}

describe("submit flow", () => {
  it("fills invalid cells with a note, and clears its marks when checked again", async () => {
    const wb = createMemoryWorkbook({ Anmälningar: sheet() });
    const { sheet: name, result } = await checkActiveSheet(wb, check);
    expect(name).toBe("Anmälningar");
    const errors = result.issues.filter((i) => i.severity === "error" && i.cell);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    for (const e of errors) {
      expect(wb.fillOf(name, e.cell!)).toBe(ISSUE_FILL.error);
      expect(wb.noteOf(name, e.cell!)).toContain(e.message);
    }
    expect(result.canSubmit).toBe(false);
    // The unknown street is a warning on the address cell.
    expect(result.unlocated.map((u) => u.cell)).toEqual(["F6"]);
    expect(wb.fillOf(name, "F6")).toBe(ISSUE_FILL.warning);

    // Fix the two errors as a person would, and check again: the marks go.
    await wb.writeValues(name, "C4", [["13:00"]]);
    await wb.writeValues(name, "D5", [["0601"]]);
    const again = await checkActiveSheet(wb, check);
    expect(again.result.canSubmit).toBe(true);
    expect(wb.fillOf(name, "C4")).toBeNull();
    expect(wb.fillOf(name, "D5")).toBeNull();
    expect(wb.fillOf(name, "F6")).toBe(ISSUE_FILL.warning);
    expect(again.result.records.map((r) => r.sourceRow)).toEqual([2, 3, 4, 5, 6]);
  });

  it("previews exactly the wire records and names the columns that stay behind", async () => {
    const grid = sheet().slice(0, 3);
    const wb = createMemoryWorkbook({ Anmälningar: grid });
    const checked = await checkActiveSheet(wb, check);
    const preview = await writePreview(wb, checked, [polis]);
    expect(preview.count).toBe(2);
    expect(preview.stripped).toEqual(expect.arrayContaining(["Anmälningsnummer", "Brottsplats", "Målsägande", "Personnummer misstänkt", "Händelseförlopp"]));
    const { values } = await wb.readUsedRange(preview.sheet);
    const [header, ...rows] = values;
    const wire = checked.result.records.map(toWireRecord);
    // Rebuild each record from the preview row: it must be the wire record, field by field.
    rows.forEach((row, i) => {
      const cell = (h: string) => row[header.indexOf(h)];
      // Swedish titles: the record's own fields, and the template's column headers for categories.
      expect(cell("Mall")).toBe(wire[i].templateId);
      expect(cell("Datum")).toBe(wire[i].date);
      expect(cell("Timme")).toBe(wire[i].hour);
      expect(cell("Område (NYKO)")).toBe(wire[i].nyko);
      expect(cell(polis.columns.find((c) => c.key === "brottskod")!.header)).toBe(wire[i].categories.brottskod);
    });
    for (const h of header) expect(String(h)).not.toMatch(/^(templateId|templateVersion|org|date|hour|period|nyko|link)$|^(categories|measures)\./);
    const text = JSON.stringify(values);
    for (const secret of ["K1", "K2", "Anna Andersson", "Hjortstigen", "Patrull på plats"]) expect(text).not.toContain(secret);
    expect(JSON.parse((await wb.getSetting(OWN_SHEETS_SETTING))!)).toMatchObject({ preview: preview.sheet });
  });

  it("sends in parts under one idempotency key, reports progress, and keeps the row links locally", async () => {
    const wb = createMemoryWorkbook({ Anmälningar: sheet().slice(0, 3).concat([["K5", day(21), "10:00", "0601", "Stöld", "Hjortstigen 3", "", "", ""]]) });
    const checked = await checkActiveSheet(wb, check);
    const client = createFakeClient();
    const progress: number[] = [];
    const res = await submitSheet(client, wb, checked, { partSize: 2, onProgress: (p) => progress.push(p.part) });
    const submits = client.calls.filter((c) => c.method === "submit").map((c) => c.args[0] as { idempotencyKey: string; part?: { index: number; count: number; uploadId: string }; records: unknown[] });
    expect(submits.map((s) => s.part?.index)).toEqual([0, 1]);
    expect(new Set(submits.map((s) => s.idempotencyKey)).size).toBe(1);
    expect(submits.every((s) => s.part?.count === 2)).toBe(true);
    expect(progress).toEqual([1, 2]);
    // What was sent is exactly the wire records: no sourceRow, no raw text.
    const sent = submits.flatMap((s) => s.records);
    expect(sent).toEqual(checked.result.records.map(toWireRecord));
    expect(JSON.stringify(sent)).not.toContain("sourceRow");
    expect(res.receipt.counts.rows).toBe(3);
    expect(wb.isHidden(res.linksSheet)).toBe(true);
    expect(await findSourceRow(wb, res.receipt.id, 3)).toEqual({ sheet: "Anmälningar", row: 4 });

    // The same content again: same key, the server answers with the first result.
    const again = await submitSheet(client, wb, checked, { partSize: 2 });
    expect(again.idempotencyKey).toBe(res.idempotencyKey);
    expect(again.replay).toBe(true);
    expect(client.stored).toHaveLength(1);
  });

  it("refuses to send a sheet with errors", async () => {
    const wb = createMemoryWorkbook({ Anmälningar: sheet() });
    const checked = await checkActiveSheet(wb, check);
    await expect(submitSheet(createFakeClient(), wb, checked)).rejects.toThrow(/fel/);
  });
});
