// The identifier scanner, run directly on the demo actors' sheets, finds every identity number, phone number, e-mail
// address and plate that truth.json says was planted, and reports nothing anywhere else.
// Names are not the scanner's job: they are stripped because free-text and name columns never leave the workbook.
import { describe, it, expect, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { scanForIdentifiers, type IdentifierHit, type IdentifierKind } from "../shared/deidentify/scan";

const DEMO_DIR = fileURLToPath(new URL("../../shared/data/demo/", import.meta.url));

type TruthKind = "personnummer" | "personnummer-kolumn" | "telefon" | "epost" | "regnr" | "namn";
interface TruthIdentifier {
  actor: string;
  id: string;
  kind: TruthKind;
  value: string;
}

/** Per actor: the columns where identifiers were planted, and columns that hold an identifier in every filled cell. */
const ACTORS = {
  polisen: { planted: ["Händelseförlopp", "Personnummer misstänkt"], identifierColumns: [] as string[] },
  vaktbolaget: { planted: ["Beskrivning"], identifierColumns: [] as string[] },
  bostadsbolaget: { planted: ["Anteckning"], identifierColumns: ["Telefon"] },
  brandforsvaret: { planted: [] as string[], identifierColumns: [] as string[] },
  utbildningskontoret: { planted: [] as string[], identifierColumns: [] as string[] },
  socialtjansten: { planted: [] as string[], identifierColumns: [] as string[] },
} as const;
type Actor = keyof typeof ACTORS;

/** Which scanner kinds count as finding a planted value of a truth kind (a ten-digit mobile number may by chance
 * also be a valid identity number, and is then reported as one). */
const ACCEPTED: Record<Exclude<TruthKind, "namn">, IdentifierKind[]> = {
  personnummer: ["personnummer", "samordningsnummer"],
  "personnummer-kolumn": ["personnummer", "samordningsnummer"],
  telefon: ["telefon", "personnummer", "samordningsnummer"],
  epost: ["epost"],
  regnr: ["regnr"],
};

interface Sheet {
  headers: string[];
  /** Row id (first column) → cell texts by header; only string cells. */
  rows: Map<string, Map<string, string>>;
}

function cellText(value: ExcelJS.CellValue): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  return null;
}

async function readSheet(actor: Actor): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(`${DEMO_DIR}actors/${actor}.xlsx`);
  const sheet = workbook.worksheets[0];
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (headers[col - 1] = String(cell.value)));
  const rows = new Map<string, Map<string, string>>();
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = new Map<string, string>();
    headers.forEach((header, i) => {
      const text = cellText(row.getCell(i + 1).value);
      if (text !== null && text !== "") cells.set(header, text);
    });
    rows.set(String(row.getCell(1).value), cells);
  });
  return { headers, rows };
}

const sheets = new Map<Actor, Sheet>();
let planted: TruthIdentifier[] = [];
/** `actor id` → the values planted in that row (names excluded). */
const plantedByRow = new Map<string, Set<string>>();

beforeAll(async () => {
  const truth = JSON.parse(readFileSync(`${DEMO_DIR}truth.json`, "utf8")) as { identifiers: TruthIdentifier[] };
  planted = truth.identifiers;
  for (const p of planted) {
    if (p.kind === "namn") continue;
    const key = `${p.actor} ${p.id}`;
    plantedByRow.set(key, (plantedByRow.get(key) ?? new Set()).add(p.value));
  }
  for (const actor of Object.keys(ACTORS) as Actor[]) sheets.set(actor, await readSheet(actor));
});

const NOTHING_PLANTED: ReadonlySet<string> = new Set();

describe("identifier scanner on the demo data", () => {
  it("has planted identifiers of every kind to look for", () => {
    const kinds = new Set(planted.map((p) => p.kind));
    for (const kind of ["personnummer", "personnummer-kolumn", "telefon", "epost", "regnr"]) expect(kinds).toContain(kind);
    const actors = new Set(planted.map((p) => p.actor));
    expect([...actors].filter((a) => !(a in ACTORS))).toEqual([]);
  });

  it("finds every planted identity number, phone number, e-mail address and plate in its row", () => {
    const missed: string[] = [];
    let checked = 0;
    for (const p of planted) {
      if (p.kind === "namn") continue;
      const actor = p.actor as Actor;
      const row = sheets.get(actor)?.rows.get(p.id);
      expect(row, `${p.actor} ${p.id}`).toBeDefined();
      const hits: IdentifierHit[] = [];
      for (const column of ACTORS[actor].planted) {
        const text = row?.get(column);
        if (text !== undefined) hits.push(...scanForIdentifiers(text));
      }
      const found = hits.some((h) => h.match === p.value && ACCEPTED[p.kind as Exclude<TruthKind, "namn">].includes(h.kind));
      if (!found) missed.push(`${p.actor} ${p.id} ${p.kind} ${p.value}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(missed).toEqual([]);
  });

  it("reports nothing in the free texts beyond what was planted (no false positives)", () => {
    const falsePositives: string[] = [];
    let textsWithoutPlanted = 0;
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      const sheet = sheets.get(actor);
      if (!sheet) throw new Error(`sheet of ${actor} not read`);
      for (const [id, cells] of sheet.rows) {
        const values = plantedByRow.get(`${actor} ${id}`) ?? NOTHING_PLANTED;
        for (const column of ACTORS[actor].planted) {
          const text = cells.get(column);
          if (text === undefined) continue;
          if (values.size === 0) textsWithoutPlanted++;
          for (const hit of scanForIdentifiers(text)) {
            if (!values.has(hit.match)) falsePositives.push(`${actor} ${id} ${column}: ${hit.kind} "${hit.match}" in "${text}"`);
          }
        }
      }
    }
    console.info(`identifier scanner: ${textsWithoutPlanted} free texts without a planted identifier, ${falsePositives.length} false positives`);
    expect(textsWithoutPlanted).toBeGreaterThan(10_000);
    expect(falsePositives).toEqual([]);
  });

  it("reports every filled cell of an identifier column (the housing company's Telefon)", () => {
    const missed: string[] = [];
    let filled = 0;
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      for (const column of ACTORS[actor].identifierColumns) {
        for (const [id, cells] of sheets.get(actor)?.rows ?? []) {
          const text = cells.get(column);
          if (text === undefined) continue;
          filled++;
          const hits = scanForIdentifiers(text);
          if (!hits.some((h) => h.match === text.trim())) missed.push(`${actor} ${id} ${column}: "${text}"`);
        }
      }
    }
    expect(filled).toBeGreaterThan(1000);
    expect(missed).toEqual([]);
  });

  it("reports nothing in any other text column: row ids, dates, times, codes, categories, addresses, apartments, names", () => {
    const falsePositives: string[] = [];
    let scanned = 0;
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      const sheet = sheets.get(actor);
      if (!sheet) throw new Error(`sheet of ${actor} not read`);
      const skip = new Set<string>([...ACTORS[actor].planted, ...ACTORS[actor].identifierColumns]);
      for (const [id, cells] of sheet.rows) {
        for (const [column, text] of cells) {
          if (skip.has(column)) continue;
          scanned++;
          for (const hit of scanForIdentifiers(text)) falsePositives.push(`${actor} ${id} ${column}: ${hit.kind} "${hit.match}"`);
        }
      }
    }
    expect(scanned).toBeGreaterThan(100_000);
    expect(falsePositives).toEqual([]);
  });
});
