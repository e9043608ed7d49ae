// "Behörigheter" (huvudman): which indicators, area levels and period types each organisation may see. Written
// as a matrix sheet (access-sheet.ts); "Synka behörigheter" sends each changed organisation's grants to
// PUT /api/grants/{org} and rewrites the sheet with the outcome per row.
import { stockholmTime } from "../../shared/periods/stockholm";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import type { SyncClient } from "../sync-client";
import { SyncError } from "../sync-client";
import type { SheetIssue } from "./admin-sheet";
import { entriesKey, orderPeriodTypes, readAccessSheet, writeAccessSheet, type AccessRowSpec, type Entry } from "./access-sheet";
import { ownSheetFor } from "../../shared/workbook/own-sheets";

export const GRANTS_SHEET = "Behörigheter";
const KEY = "admin:grants";
const ALL_LEVELS = [0, 1, 2, 3];

export interface GrantsOutcome {
  org: string;
  ok: boolean;
  message: string;
}

export type GrantsSyncResult = { ok: false; sheet: string; issues: SheetIssue[] } | { ok: true; sheet: string; outcomes: GrantsOutcome[] };

async function loadState(client: SyncClient) {
  const [organisations, indicators, grants] = await Promise.all([client.organisations(), client.indicators(), client.grants()]);
  const orgs = organisations.filter((o) => !o.isHuvudman).sort((a, b) => a.id.localeCompare(b.id));
  const defs = [...indicators].sort((a, b) => a.title.localeCompare(b.title, "sv"));
  return { orgs, defs, grants };
}

/** Writes the grants sheet: every organisation below the huvudman × every current indicator. */
export async function writeGrantsSheet(port: WorkbookPort, client: SyncClient, results: ReadonlyMap<string, string> = new Map()): Promise<string> {
  const { orgs, defs, grants } = await loadState(client);
  const rows: AccessRowSpec[] = [];
  for (const o of orgs)
    for (const d of defs) {
      const g = grants.find((x) => x.org === o.id && x.indicator === d.id);
      rows.push({
        org: o.id, indicator: d.id, title: d.title,
        available: { indicator: d.id, levels: ALL_LEVELS, periodTypes: orderPeriodTypes(d.periodTypes) },
        chosen: g ?? null,
        result: results.get(o.id),
      });
    }
  return writeAccessSheet(port, {
    key: KEY,
    name: GRANTS_SHEET,
    tableName: "LagesbildBehorigheter",
    headerLines: [
      `Behörigheter: vad varje organisation får se (${orgs.length} organisationer, ${defs.length} indikatorer)`,
      "Välj Ja för de områdesnivåer och periodtyper organisationen ska få. Kommun = hela kommunen, NYKO 1–3 = områdesnivåer. – = finns inte för indikatorn.",
      "Tryck Synka behörigheter. Organisationens prenumerationer krymps till det som fortfarande är tilldelat.",
    ],
    rows,
  });
}

/** "Synka behörigheter": validates the sheet, sends the changed organisations' grants, rewrites the sheet. */
export async function syncGrants(port: WorkbookPort, client: SyncClient): Promise<GrantsSyncResult> {
  const sheet = await ownSheetFor(port, KEY);
  if (!sheet) throw new Error("Skriv behörighetsbladet först.");
  const { orgs, defs, grants } = await loadState(client);
  const read = await readAccessSheet(port, sheet, (org, indicator) => {
    const d = defs.find((x) => x.id === indicator);
    return orgs.some((o) => o.id === org) && d ? { indicator, levels: ALL_LEVELS, periodTypes: d.periodTypes } : null;
  });
  if (!read.ok) return { ok: false, sheet, issues: read.issues };
  const byOrg = new Map<string, Entry[]>();
  for (const r of read.rows) {
    const list = byOrg.get(r.org) ?? [];
    if (r.entry) list.push(r.entry);
    byOrg.set(r.org, list);
  }
  const outcomes: GrantsOutcome[] = [];
  for (const [org, entries] of byOrg) {
    const current = grants.filter((g) => g.org === org).map(({ indicator, levels, periodTypes }) => ({ indicator, levels, periodTypes }));
    if (entriesKey(current) === entriesKey(entries)) continue;
    try {
      const saved = await client.putGrants(org, entries);
      outcomes.push({ org, ok: true, message: `Sparad ${stockholmTime(new Date())} (${saved.length} indikatorer)` });
    } catch (e) {
      outcomes.push({ org, ok: false, message: `Ej sparat: ${e instanceof SyncError || e instanceof Error ? e.message : String(e)}` });
    }
  }
  const written = await writeGrantsSheet(port, client, new Map(outcomes.map((o) => [o.org, o.message])));
  return { ok: true, sheet: written, outcomes };
}
