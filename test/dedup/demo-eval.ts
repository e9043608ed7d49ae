// Runs the real check pipeline with linkage tokens over the demo event exports and measures the duplicate matching
// against truth.json. Shared by the dedup benchmark and the demo-pairs test. Rows are mapped to truth ids through
// the local sourceRow and the file's first column, which never leaves the workbook.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkGrid } from "../../shared/pipeline/check";
import { BUILTIN_TEMPLATES, builtinTemplate } from "../../shared/templates/builtin";
import { createLinker } from "../../shared/dedup/linker";
import { linkClassOf } from "../../shared/dedup/link-tokens";
import { findDuplicatePairs, type LinkedRecord } from "../../shared/dedup/match";
import type { LocalRecord } from "../../shared/protocol/record";
import type { AreaRegisters } from "../../shared/areas";
import { cellText } from "../../shared/grid/cell";
import { hmacSha256, toHex, utf8 } from "../../shared/dedup/sha256";
import { loadRegistersFromDir } from "../../sync-server/cli/registers-dir";
import { ExcelJsWorkbook } from "../../sync-server/workbook/exceljs-workbook";

export const DEMO_DATA = join(import.meta.dirname, "../../../shared/data/demo");
export const EVENT_ACTORS = ["polisen", "brandforsvaret", "vaktbolaget", "bostadsbolaget"] as const;

export interface DemoRecord {
  id: number;
  actor: string;
  /** The row's id in truth.json (the file's first column; local only). */
  rowId: string;
  record: LocalRecord;
}

export interface TruthPair {
  a: { actor: string; id: string };
  b: { actor: string; id: string };
}

export interface DemoTruth {
  duplicates: TruthPair[];
  escalation: { nyko: string; from: string; kinds: string[] };
}

export function readTruth(dir = DEMO_DATA): DemoTruth {
  return JSON.parse(readFileSync(join(dir, "truth.json"), "utf8")) as DemoTruth;
}

/** Reads the four event exports and runs the pipeline on each, with tokens from `key` when given. */
export async function loadDemoRecords(key: Uint8Array | null, dir = DEMO_DATA, registers: AreaRegisters = loadRegistersFromDir()): Promise<DemoRecord[]> {
  const linkTokens = key ? createLinker(key, registers) : undefined;
  const out: DemoRecord[] = [];
  for (const actor of EVENT_ACTORS) {
    const workbook = await ExcelJsWorkbook.fromFile(join(dir, "actors", `${actor}.xlsx`));
    const sheet = (await workbook.listSheets()).find((s) => !s.startsWith("_"))!;
    const grid = (await workbook.readUsedRange(sheet)).values;
    const result = checkGrid(grid, { templates: BUILTIN_TEMPLATES, org: actor, registers, linkTokens });
    for (const record of result.records) {
      const rowId = cellText(grid[record.sourceRow - 1]?.[0]).trim();
      out.push({ id: out.length + 1, actor, rowId, record });
    }
  }
  return out;
}

export interface Score {
  truePairs: number;
  found: number;
  hits: number;
  recall: number;
  precision: number;
}

function score(found: Set<string>, truth: Set<string>): Score {
  let hits = 0;
  for (const k of found) if (truth.has(k)) hits++;
  return { truePairs: truth.size, found: found.size, hits, recall: truth.size ? hits / truth.size : 1, precision: found.size ? hits / found.size : 1 };
}

const FIRE_ACTORS = new Set(["polisen", "brandforsvaret"]);
const pairKey = (x: { actor: string; id: string }, y: { actor: string; id: string }) => {
  const a = `${x.actor}:${x.id}`, b = `${y.actor}:${y.id}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
};

export interface DedupEvaluation {
  fires: Score;
  vandalism: Score;
  overall: Score;
}

/** Scores pairs of record ids against the truth, split into fires (police–rescue) and vandalism (the rest). */
export function evaluatePairs(records: readonly DemoRecord[], pairs: readonly { a: number; b: number }[], truth: readonly TruthPair[]): DedupEvaluation {
  const byId = new Map(records.map((r) => [r.id, r]));
  const found = { fires: new Set<string>(), vandalism: new Set<string>(), overall: new Set<string>() };
  for (const p of pairs) {
    const a = byId.get(p.a)!, b = byId.get(p.b)!;
    const k = pairKey({ actor: a.actor, id: a.rowId }, { actor: b.actor, id: b.rowId });
    found.overall.add(k);
    (FIRE_ACTORS.has(a.actor) || FIRE_ACTORS.has(b.actor) ? found.fires : found.vandalism).add(k);
  }
  const t = { fires: new Set<string>(), vandalism: new Set<string>(), overall: new Set<string>() };
  for (const d of truth) {
    const k = pairKey(d.a, d.b);
    t.overall.add(k);
    (FIRE_ACTORS.has(d.a.actor) ? t.fires : t.vandalism).add(k);
  }
  return { fires: score(found.fires, t.fires), vandalism: score(found.vandalism, t.vandalism), overall: score(found.overall, t.overall) };
}

export function linkedRecords(records: readonly DemoRecord[]): LinkedRecord[] {
  return records.filter((r) => r.record.link?.length).map((r) => ({ id: r.id, org: r.actor, link: r.record.link! }));
}

/** The naive baseline: records of a link class paired on NYKO-3 and date alone. */
export function baselineRecords(records: readonly DemoRecord[]): LinkedRecord[] {
  const mac = hmacSha256(utf8("baseline"));
  return records
    .filter((r) => r.record.link?.length && r.record.nyko && r.record.date)
    .map((r) => {
      const template = builtinTemplate(r.record.templateId, r.record.templateVersion);
      const cls = template ? linkClassOf(template, r.record.categories) : null;
      return { id: r.id, org: r.actor, link: [toHex(mac(utf8(`${cls}|${r.record.nyko}|${r.record.date}`))).slice(0, 32)] };
    });
}

export function randomKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

export { findDuplicatePairs };
