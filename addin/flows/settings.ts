// "Inställningar" (actor): the organisation chooses its subscriptions among its grants. Written as the same
// matrix sheet as the grants (access-sheet.ts), only the granted choices open; "Spara prenumerationer" sends them
// to PUT /api/subscriptions.
import { stockholmTime } from "../../shared/periods/stockholm";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import type { SyncClient } from "../sync-client";
import type { SheetIssue } from "./admin-sheet";
import { orderPeriodTypes, readAccessSheet, writeAccessSheet, type AccessRowSpec, type Entry } from "./access-sheet";
import { ownSheetFor } from "../../shared/workbook/own-sheets";

export const SETTINGS_SHEET = "Inställningar";
const KEY = "settings:subscriptions";

export type SettingsSaveResult = { ok: false; sheet: string; issues: SheetIssue[] } | { ok: true; sheet: string; subscriptions: Entry[] };

async function loadState(client: SyncClient) {
  const org = client.session?.user.org;
  if (!org) throw new Error("Logga in först.");
  const [grants, subscriptions, indicators] = await Promise.all([client.grants(org), client.subscriptions(org), client.indicators()]);
  return { org, grants, subscriptions, indicators };
}

/** Writes the settings sheet: one row per granted indicator. */
export async function writeSettingsSheet(port: WorkbookPort, client: SyncClient, result?: string): Promise<string> {
  const { org, grants, subscriptions, indicators } = await loadState(client);
  const rows: AccessRowSpec[] = grants
    .map((g) => ({ g, title: indicators.find((d) => d.id === g.indicator)?.title ?? g.indicator }))
    .sort((a, b) => a.title.localeCompare(b.title, "sv"))
    .map(({ g, title }) => ({
      org, indicator: g.indicator, title,
      available: { indicator: g.indicator, levels: g.levels, periodTypes: orderPeriodTypes(g.periodTypes) },
      chosen: subscriptions.find((s) => s.indicator === g.indicator) ?? null,
      result,
    }));
  return writeAccessSheet(port, {
    key: KEY,
    name: SETTINGS_SHEET,
    tableName: "LagesbildInstallningar",
    headerLines: [
      rows.length > 0 ? `Prenumerationer för ${org}: ${rows.length} tilldelade indikatorer` : `${org} har ännu inte tilldelats några indikatorer av huvudmannen.`,
      "Välj Ja för de områdesnivåer och periodtyper ni vill få i leveranserna. – = inte tilldelat. Kommun = hela kommunen.",
      "Tryck Spara prenumerationer. Nästa leverans (Uppdatera) innehåller tabellerna ni valt.",
    ],
    rows,
  });
}

/** "Spara prenumerationer": validates the sheet against the grants and replaces the subscriptions. */
export async function saveSettings(port: WorkbookPort, client: SyncClient): Promise<SettingsSaveResult> {
  const sheet = await ownSheetFor(port, KEY);
  if (!sheet) throw new Error("Skriv inställningsbladet först.");
  const { org, grants } = await loadState(client);
  const read = await readAccessSheet(port, sheet, (rowOrg, indicator) => {
    const g = grants.find((x) => x.indicator === indicator);
    return rowOrg === org && g ? { indicator, levels: g.levels, periodTypes: g.periodTypes } : null;
  });
  if (!read.ok) return { ok: false, sheet, issues: read.issues };
  const chosen = read.rows.flatMap((r) => (r.entry ? [r.entry] : []));
  const saved = await client.putSubscriptions(chosen);
  const written = await writeSettingsSheet(port, client, `Sparad ${stockholmTime(new Date())}`);
  return { ok: true, sheet: written, subscriptions: saved.map(({ indicator, levels, periodTypes }) => ({ indicator, levels, periodTypes })) };
}
