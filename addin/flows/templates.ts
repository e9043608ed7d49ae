// The admin's template actions, host-agnostic: publish the edited template sheet as version N+1 (refused when it
// says nothing new), retire a version from a date after an explicit confirmation, and withdraw a retirement while
// its date has not come. The "Mallar" tab only wires these to buttons.
import { addDays } from "../../shared/periods/civil-date";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { sameTemplateContent } from "../../shared/templates/same-content";
import type { PublishedTemplate, SyncClient } from "../sync-client";
import { ownSheetFor } from "../../shared/workbook/own-sheets";
import { markTemplateIssues, nextVersion, readTemplateAdminSheet, writeTemplateAdminSheet, type SheetIssue } from "./template-sheet";

/** Days ahead the retirement date field proposes: time for every partner to fetch the new version. */
export const RETIRE_LEAD_DAYS = 30;

export type RetirementState = "active" | "scheduled" | "retired";

/** Whether a version is in use, due to be retired (still undoable) or retired (final), on the Stockholm date of `now`. */
export function retirementState(p: PublishedTemplate, now: Date): RetirementState {
  if (p.retiredFrom === null) return "active";
  return p.retiredFrom > stockholmDate(now) ? "scheduled" : "retired";
}

/** The date the retirement field proposes: RETIRE_LEAD_DAYS ahead, or the date already set. */
export function proposedRetireDate(p: PublishedTemplate, now: Date): string {
  return p.retiredFrom ?? addDays(stockholmDate(now), RETIRE_LEAD_DAYS);
}

/** The question put to the admin before a retirement is sent. */
export function retireQuestion(p: PublishedTemplate, from: string): string {
  return `Avveckla version ${p.template.version} av ”${p.template.title}” från ${from}? Från den dagen tas inskick på versionen inte emot. Du kan ångra fram till dess.`;
}

export type FlowResult = { ok: true; message: string } | { ok: false; message: string };

/** Retires a version from `from` (checked here as on the server: not before today). */
export async function retireVersion(client: SyncClient, p: PublishedTemplate, from: string, now: Date): Promise<FlowResult> {
  const today = stockholmDate(now);
  if (!/^\d{4}-\d\d-\d\d$/.test(from)) return { ok: false, message: "Välj ett datum att avveckla från." };
  if (from < today) return { ok: false, message: `Avvecklingsdatumet ${from} ligger bakåt i tiden. Välj ${today} eller ett senare datum.` };
  await client.retireTemplate(p.template.id, p.template.version, from);
  return { ok: true, message: `Version ${p.template.version} av ${p.template.id} tas inte emot från ${from}. Du kan ångra fram till dess.` };
}

/** Withdraws a retirement whose date has not come. */
export async function undoRetirement(client: SyncClient, p: PublishedTemplate): Promise<FlowResult> {
  await client.retireTemplate(p.template.id, p.template.version, null);
  return { ok: true, message: `Avvecklingen av version ${p.template.version} av ${p.template.id} är ångrad; versionen tas emot som förut.` };
}

export type PublishResult =
  | { ok: true; published: PublishedTemplate; message: string }
  | { ok: false; sheet: string | null; issues: SheetIssue[]; message: string };

/** Reads the template sheet and publishes it as version N+1 of `newest`; errors go to their cells, nothing new is refused. */
export async function publishTemplateSheet(port: WorkbookPort, client: SyncClient, newest: PublishedTemplate): Promise<PublishResult> {
  const sheet = await ownSheetFor(port, `template:${newest.template.id}`);
  if (!sheet) return { ok: false, sheet: null, issues: [], message: "Skriv mallbladet först." };
  const parsed = await readTemplateAdminSheet(port, sheet);
  if (!parsed.ok) {
    await markTemplateIssues(port, sheet, parsed.issues);
    return { ok: false, sheet, issues: parsed.issues, message: `Mallbladet har ${parsed.issues.length} fel; inget publicerades.` };
  }
  if (parsed.value.id !== newest.template.id)
    return { ok: false, sheet, issues: [], message: `Mall-id i bladet (${parsed.value.id}) är inte den valda mallen (${newest.template.id}).` };
  await markTemplateIssues(port, sheet, []);
  if (sameTemplateContent(parsed.value, newest.template))
    return { ok: false, sheet, issues: [], message: `Mallbladet är oförändrat sedan version ${newest.template.version}; ingen ny version publicerades. Ändra bladet först.` };
  const published = await client.publishTemplate(nextVersion(parsed.value, newest.template.version));
  await writeTemplateAdminSheet(port, published.template);
  return { ok: true, published, message: `Version ${published.template.version} av ${published.template.id} är publicerad.` };
}
