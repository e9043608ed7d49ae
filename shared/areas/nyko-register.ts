// The NYKO register: areas, their levels and parents, read from `nyko;niva;namn;overordnad`.
// The level of a code always comes from the register, never from its length (municipalities differ).
import { columnIndex, parseCsv } from "./csv";
import { loadIssue, type LoadIssue, type LoadResult } from "./load-result";

export interface NykoArea {
  code: string;
  level: number;
  name: string;
  parent: string | null;
}

export interface NykoRegister {
  /** Every area, in register order. */
  readonly areas: readonly NykoArea[];
  has(code: string): boolean;
  get(code: string): NykoArea | undefined;
  levelOf(code: string): number | null;
  nameOf(code: string): string | null;
  parentOf(code: string): string | null;
  childrenOf(code: string): readonly string[];
  /** Codes at the given level, in register order. */
  codesAtLevel(level: number): readonly string[];
  /** The ancestor-or-self of `code` at exactly `level`; null when the code is unknown or coarser than `level`. */
  nykoAtLevel(code: string, level: number): string | null;
  /** `code` cut to `level`: its ancestor at that level, or the code itself when it already is that level or coarser. */
  cutToLevel(code: string, level: number): string | null;
  isLevel3OrCoarser(code: string): boolean;
  /** The descendants of `code` at `level` (the code itself when it is at that level). */
  descendantsAtLevel(code: string, level: number): readonly string[];
}

const FILE = "nyko-omraden.csv";
const CODE = /^[0-9]{1,12}$/;

export function loadNykoRegister(text: string): LoadResult<NykoRegister> {
  const table = parseCsv(text);
  const { index, missing } = columnIndex(table.header, ["nyko", "niva", "namn", "overordnad"]);
  if (missing.length > 0)
    return { ok: false, issues: [loadIssue(FILE, 1, "missing-column", `Kolumnen saknas: ${missing.join(", ")}.`)] };
  const issues: LoadIssue[] = [];
  const areas: NykoArea[] = [];
  const lines = new Map<string, number>();
  for (const row of table.rows) {
    const code = (row.fields[index.nyko] ?? "").trim();
    const levelText = (row.fields[index.niva] ?? "").trim();
    const name = (row.fields[index.namn] ?? "").trim();
    const parentText = (row.fields[index.overordnad] ?? "").trim();
    const level = Number(levelText);
    if (!CODE.test(code)) {
      issues.push(loadIssue(FILE, row.line, "bad-code", `Ogiltig NYKO-kod ”${code}” (endast siffror).`));
      continue;
    }
    if (!/^[1-9][0-9]?$/.test(levelText)) {
      issues.push(loadIssue(FILE, row.line, "bad-level", `Ogiltig nivå ”${levelText}” för ${code}.`));
      continue;
    }
    if (lines.has(code)) {
      issues.push(loadIssue(FILE, row.line, "duplicate-code", `NYKO-koden ${code} finns redan på rad ${lines.get(code)}.`));
      continue;
    }
    if (parentText !== "" && !CODE.test(parentText)) {
      issues.push(loadIssue(FILE, row.line, "bad-parent", `Ogiltig överordnad kod ”${parentText}” för ${code}.`));
      continue;
    }
    lines.set(code, row.line);
    areas.push({ code, level, name, parent: parentText === "" ? null : parentText });
  }
  const byCode = new Map(areas.map((a) => [a.code, a]));
  for (const area of areas) {
    const line = lines.get(area.code) ?? null;
    if (area.parent === null) {
      if (area.level !== 1)
        issues.push(loadIssue(FILE, line, "missing-parent", `${area.code} på nivå ${area.level} saknar överordnat område.`));
      continue;
    }
    const parent = byCode.get(area.parent);
    if (!parent) issues.push(loadIssue(FILE, line, "unknown-parent", `Överordnad kod ${area.parent} för ${area.code} finns inte i registret.`));
    else if (parent.level !== area.level - 1)
      issues.push(
        loadIssue(FILE, line, "bad-parent-level", `${area.code} (nivå ${area.level}) har överordnad ${parent.code} på nivå ${parent.level}.`),
      );
  }
  if (areas.length === 0 && issues.length === 0) issues.push(loadIssue(FILE, null, "empty", "Registret innehåller inga områden."));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: createNykoRegister(areas) };
}

/** Builds the register from areas already checked (parents exist, levels step by one). */
export function createNykoRegister(areas: readonly NykoArea[]): NykoRegister {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const children = new Map<string, string[]>();
  const byLevel = new Map<number, string[]>();
  for (const a of areas) {
    if (a.parent !== null) {
      const list = children.get(a.parent) ?? [];
      list.push(a.code);
      children.set(a.parent, list);
    }
    const list = byLevel.get(a.level) ?? [];
    list.push(a.code);
    byLevel.set(a.level, list);
  }
  const nykoAtLevel = (code: string, level: number): string | null => {
    let area = byCode.get(code);
    while (area && area.level > level) area = area.parent === null ? undefined : byCode.get(area.parent);
    return area && area.level === level ? area.code : null;
  };
  const descendantsAtLevel = (code: string, level: number): string[] => {
    const area = byCode.get(code);
    if (!area || area.level > level) return [];
    if (area.level === level) return [code];
    return (children.get(code) ?? []).flatMap((c) => descendantsAtLevel(c, level));
  };
  return {
    areas,
    has: (code) => byCode.has(code),
    get: (code) => byCode.get(code),
    levelOf: (code) => byCode.get(code)?.level ?? null,
    nameOf: (code) => byCode.get(code)?.name ?? null,
    parentOf: (code) => byCode.get(code)?.parent ?? null,
    childrenOf: (code) => children.get(code) ?? [],
    codesAtLevel: (level) => byLevel.get(level) ?? [],
    nykoAtLevel,
    cutToLevel: (code, level) => {
      const area = byCode.get(code);
      if (!area) return null;
      return area.level <= level ? code : nykoAtLevel(code, level);
    },
    isLevel3OrCoarser: (code) => {
      const level = byCode.get(code)?.level;
      return level !== undefined && level <= 3;
    },
    descendantsAtLevel,
  };
}

/** Areas as the register's own CSV (`nyko;niva;namn;overordnad`), e.g. to rebuild registers from the server's list. */
export function nykoRegisterCsv(areas: readonly { code: string; level: number; name: string; parent: string | null }[]): string {
  const clean = (s: string) => s.replace(/[;\r\n]/g, " ");
  return ["nyko;niva;namn;overordnad", ...areas.map((a) => `${a.code};${a.level};${clean(a.name)};${a.parent ?? ""}`)].join("\n");
}
