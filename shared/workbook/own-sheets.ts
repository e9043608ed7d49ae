// The sheets Lägesbild made, remembered in a workbook setting, so a refresh replaces only its own sheets and
// never a sheet the user made (a name already taken by the user gets a numbered variant instead).
import type { WorkbookPort } from "../protocol/workbook";

export const OWN_SHEETS_SETTING = "lagesbild.ownSheets";

/** Excel's rules: at most 31 characters, none of []:*?/\ and not starting or ending with an apostrophe. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, " ").replace(/\s+/g, " ").trim().replace(/^'+|'+$/g, "");
  return (cleaned || "Blad").slice(0, 31).trim();
}

async function readOwn(port: WorkbookPort): Promise<Record<string, string>> {
  const raw = await port.getSetting(OWN_SHEETS_SETTING);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The sheet name Lägesbild uses for `key`, if it made one and it still exists. */
export async function ownSheetFor(port: WorkbookPort, key: string): Promise<string | null> {
  const own = await readOwn(port);
  const name = own[key];
  if (!name) return null;
  const sheets = await port.listSheets();
  return sheets.includes(name) ? name : null;
}

/** True when Lägesbild made this sheet. */
export async function isOwnSheet(port: WorkbookPort, name: string): Promise<boolean> {
  return Object.values(await readOwn(port)).includes(name);
}

/**
 * Empties (or creates) Lägesbild's own sheet for `key`, preferably named `preferred`. A sheet of that name that the
 * user made is left alone: the new sheet gets " (2)", " (3)", … instead. Returns the name used.
 */
export async function replaceOwnSheet(port: WorkbookPort, key: string, preferred: string, options?: { hidden?: boolean }): Promise<string> {
  const own = await readOwn(port);
  const sheets = await port.listSheets();
  const existing = own[key];
  if (existing && sheets.includes(existing)) {
    await port.replaceSheet(existing, options);
    return existing;
  }
  const taken = new Set(sheets.map((s) => s.toLowerCase()));
  const base = safeSheetName(preferred);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, 31 - suffix.length).trimEnd() + suffix;
  }
  await port.addSheet(name, options);
  own[key] = name;
  await port.setSetting(OWN_SHEETS_SETTING, JSON.stringify(own));
  return name;
}
