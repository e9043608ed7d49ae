// The synthetic city of the city benchmark: the demo municipality copied `factor` times, as registers and records
// (for the cube and the round) and as registers plus the largest partner's export (for `lagesbild check`).
// Copy k gets the NYKO codes `9k…` (the demo's `111` becomes `9k111`), its streets a prefix word of its own
// (`Hjortstigen` becomes `Norra Hjortstigen` in copy 1; copy 0 keeps the demo's names) and its coordinates moved
// 40 km north (the demo spans 34 km north–south), so every copy's addresses and polygons are its own and an address
// of copy k locates in copy k's areas.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REGISTER_FILES } from "../../shared/areas";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { withXlsx } from "../../sync-server/xlsx/read-grid";
import { DEMO_DATA_DIR as DEMO } from "../fixtures/paths";
import { rawXlsx } from "../fixtures/raw-xlsx";

/** The street prefix of each copy (copy 0 keeps the demo's names): at most this many copies. */
const PREFIXES = ["", "Norra", "Södra", "Östra", "Västra", "Stora", "Lilla", "Nya", "Gamla", "Övre", "Nedre"];
/** How far north each copy lies from the previous one, in metres (SWEREF 99 TM). */
const SHIFT_NORTH = 40_000;
/** The largest partner's export of the demo (53,831 rows). */
export const LARGEST_EXPORT = join(DEMO, "actors", "polisen.xlsx");

export interface AreaRow {
  code: string;
  level: number;
  parent: string | null;
}

const copyCode = (k: number, c: string): string => `9${k}${c}`;

function checkFactor(factor: number): void {
  if (!Number.isInteger(factor) || factor < 1 || factor > PREFIXES.length) throw new Error(`factor ${factor}: 1 to ${PREFIXES.length}`);
}

function csvLines(file: string): { header: string; rows: string[][] } {
  const lines = readFileSync(join(DEMO, file), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  return { header: lines[0], rows: lines.slice(1).map((l) => l.split(";")) };
}

function demoAreas(): AreaRow[] {
  return csvLines(REGISTER_FILES.nykoCsv).rows.map(([code, level, , parent]) => ({ code, level: Number(level), parent: parent || null }));
}

/** The demo municipality copied `factor` times: its register and its records. */
export function scaledCity(records: readonly DeidentifiedRecord[], factor: number): { areas: AreaRow[]; records: DeidentifiedRecord[] } {
  checkFactor(factor);
  const base = demoAreas();
  const leaves = base.filter((a) => a.level === 3).map((a) => a.code);
  const areas: AreaRow[] = [];
  const out: DeidentifiedRecord[] = [];
  for (let k = 0; k < factor; k++) {
    for (const a of base) areas.push({ code: copyCode(k, a.code), level: a.level, parent: a.parent === null ? null : copyCode(k, a.parent) });
    // Each copy's records have their level-3 area rotated within the copy, so the copies differ.
    const rotate = new Map(leaves.map((c, j) => [c, leaves[(j + 7 * k) % leaves.length]]));
    for (const r of records) out.push({ ...r, nyko: r.nyko === null ? null : copyCode(k, rotate.get(r.nyko) ?? r.nyko) });
  }
  return { areas, records: out };
}

type Position = number[];
interface Geometry {
  type: string;
  coordinates: unknown;
}

function shiftGeometry(g: Geometry, dy: number): Geometry {
  const shift = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === "number" ? [(c as Position)[0], (c as Position)[1] + dy, ...(c as Position).slice(2)] : (c as unknown[]).map(shift);
  return { ...g, coordinates: shift(g.coordinates) };
}

/** Writes the registers of the `factor`× city into `dir` in the demo formats (`lagesbild check --registers DIR`). */
export function writeScaledRegisters(dir: string, factor: number): void {
  checkFactor(factor);
  mkdirSync(dir, { recursive: true });
  const copies = Array.from({ length: factor }, (_, k) => k);
  const csv = (header: string, rows: string[][]) => `${header}\n${rows.map((r) => r.join(";")).join("\n")}\n`;
  const prefixed = (k: number, name: string) => (PREFIXES[k] ? `${PREFIXES[k]} ${name}` : name);

  const nyko = csvLines(REGISTER_FILES.nykoCsv);
  writeFileSync(
    join(dir, REGISTER_FILES.nykoCsv),
    csv(nyko.header, copies.flatMap((k) => nyko.rows.map(([code, level, name, parent]) => [copyCode(k, code), level, prefixed(k, name), parent ? copyCode(k, parent) : ""]))),
  );
  // gatunamn;nummer;bokstav;postnummer;postort;nyko;n;e
  const addresses = csvLines(REGISTER_FILES.addressCsv);
  writeFileSync(
    join(dir, REGISTER_FILES.addressCsv),
    csv(addresses.header, copies.flatMap((k) => addresses.rows.map(([street, nr, letter, post, town, code, n, e]) => [prefixed(k, street), nr, letter, post, town, copyCode(k, code), String(Number(n) + k * SHIFT_NORTH), e]))),
  );
  const population = csvLines(REGISTER_FILES.populationCsv);
  writeFileSync(join(dir, REGISTER_FILES.populationCsv), csv(population.header, copies.flatMap((k) => population.rows.map(([code, ...rest]) => [copyCode(k, code), ...rest]))));

  const polygons = JSON.parse(readFileSync(join(DEMO, REGISTER_FILES.polygonsGeojson), "utf8")) as { features: { properties: Record<string, unknown>; geometry: Geometry }[] };
  const features = copies.flatMap((k) =>
    polygons.features.map((f) => ({
      ...f,
      properties: { ...f.properties, nyko: copyCode(k, String(f.properties.nyko)), namn: prefixed(k, String(f.properties.namn)) },
      geometry: shiftGeometry(f.geometry, k * SHIFT_NORTH),
    })),
  );
  writeFileSync(join(dir, REGISTER_FILES.polygonsGeojson), JSON.stringify({ ...polygons, features }));
  const outline = JSON.parse(readFileSync(join(DEMO, REGISTER_FILES.boundaryGeojson), "utf8")) as { crs?: unknown; properties: unknown; geometry: Geometry };
  writeFileSync(
    join(dir, REGISTER_FILES.boundaryGeojson),
    JSON.stringify({
      type: "FeatureCollection",
      crs: outline.crs,
      features: copies.map((k) => ({ type: "Feature", properties: {}, geometry: shiftGeometry(outline.geometry, k * SHIFT_NORTH) })),
    }),
  );
}

const xml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function columnName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Writes the largest partner's export (the police's) for the `factor`× city: the demo's rows once per copy, each
 * copy's addresses in its own streets (the same ways of writing them, the same unmatched ones) and its case numbers
 * its own. Returns the number of data rows.
 */
export async function writeScaledExport(file: string, factor: number): Promise<number> {
  checkFactor(factor);
  const { sheet, grid } = await withXlsx(LARGEST_EXPORT, async (reader) => {
    const name = reader.listSheets()[0];
    return { sheet: name, grid: (await reader.readUsedRange(name)).values };
  });
  const [header, ...rows] = grid;
  const addressColumn = header.indexOf("Brottsplats");
  const idColumn = header.indexOf("Anmälningsnummer");
  if (addressColumn < 0 || idColumn < 0) throw new Error(`${LARGEST_EXPORT}: no Brottsplats or Anmälningsnummer column`);
  const strings = new Map<string, number>();
  const shared = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) strings.set(s, (i = strings.size));
    return i;
  };
  const body: string[] = ["<sheetData>"];
  let r = 0;
  const writeRow = (values: readonly unknown[]) => {
    r++;
    let cells = "";
    values.forEach((v, c) => {
      const ref = `${columnName(c)}${r}`;
      if (v === null || v === undefined || v === "") return;
      if (v instanceof Date) cells += `<c r="${ref}" s="1"><v>${(v.getTime() - EXCEL_EPOCH) / 86_400_000}</v></c>`;
      else if (typeof v === "number") cells += `<c r="${ref}"><v>${v}</v></c>`;
      else cells += `<c r="${ref}" t="s"><v>${shared(String(v))}</v></c>`;
    });
    body.push(`<row r="${r}">${cells}</row>`);
  };
  writeRow(header);
  for (let k = 0; k < factor; k++) {
    for (const row of rows) {
      const copy = [...row];
      const address = copy[addressColumn];
      if (k > 0 && typeof address === "string" && address.trim() !== "") {
        const upper = address === address.toUpperCase();
        copy[addressColumn] = `${upper ? PREFIXES[k].toUpperCase() : PREFIXES[k]} ${address}`;
      }
      if (k > 0 && typeof copy[idColumn] === "string") copy[idColumn] = `${copy[idColumn] as string}-${k}`;
      writeRow(copy);
    }
  }
  body.push("</sheetData>");
  const sharedStrings = [...strings.keys()].map((s) => `<si><t xml:space="preserve">${xml(s)}</t></si>`);
  writeFileSync(
    file,
    rawXlsx({ sheets: [{ name: sheet, body: body.join("") }], sharedStrings, cellXfs: ['<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'] }),
  );
  return rows.length * factor;
}
