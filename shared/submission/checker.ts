// The check of a sheet as the pane and the command line run it before submitting: the organisation's usable
// templates, the area registers the server holds, and the partner's linkage key (tokens only, never the key).
import { buildRegisters, createLocator, nykoRegisterCsv, type AreaRegisters, type Locator } from "../areas";
import { createLinker } from "../dedup/linker";
import { startCheck, type CheckResult, type SheetCheck } from "../pipeline/check";
import type { NykoArea } from "../protocol/api";
import type { LocalRecord } from "../protocol/record";
import type { Grid } from "../protocol/workbook";
import type { Template } from "../templates/schema";

/** Checks a grid; with `onRecord`, records are handed over as they are made instead of kept (see `CheckOptions`). */
export type Checker = (grid: Grid, onRecord?: (record: LocalRecord) => void) => CheckResult;

export interface CheckerOptions {
  /** Templates a sheet is matched against when `template` is not given. */
  templates: readonly Template[];
  /** Check against exactly this version (a sheet made with "Infoga mall", or `--template ID@VERSION`). */
  template?: Template;
  org: string;
  registers: AreaRegisters;
  /** Pass one to keep its cache across checks; otherwise one is made here. */
  locator?: Locator;
  /** The partner's linkage key; without one no linkage tokens are made. */
  linkKey?: Uint8Array | null;
}

export function createChecker(options: CheckerOptions): Checker {
  const start = createSheetChecker(options);
  return (grid, onRecord) => start(grid, onRecord).finish();
}

/** As `createChecker`, but the check runs in steps (`startCheck`): a submission sends parts between them. */
export function createSheetChecker(options: CheckerOptions): (grid: Grid, onRecord?: (record: LocalRecord) => void) => SheetCheck {
  const { templates, template, org, registers } = options;
  const locator = options.locator ?? createLocator(registers);
  const linkTokens = options.linkKey ? createLinker(options.linkKey, registers) : undefined;
  return (grid, onRecord) => startCheck(grid, { templates, template, org, registers, locator, linkTokens, onRecord });
}

/** What the server offers for locating rows: the NYKO areas and the current address and polygon registers. */
export interface RegisterSource {
  nykoAreas(): Promise<{ areas: NykoArea[] }>;
  rawRegister(kind: "addresses" | "polygons"): Promise<string>;
}

/** The area registers valid today, as the server holds them. */
export async function loadServerRegisters(server: RegisterSource): Promise<AreaRegisters> {
  const [{ areas }, addressCsv, polygonsGeojson] = await Promise.all([server.nykoAreas(), server.rawRegister("addresses"), server.rawRegister("polygons")]);
  const built = buildRegisters({ nykoCsv: nykoRegisterCsv(areas), addressCsv, polygonsGeojson });
  if (!built.ok) throw new Error(`Områdesregistret från servern kunde inte läsas: ${built.issues.slice(0, 3).map((i) => i.message).join(" ")}`);
  return built.value;
}
