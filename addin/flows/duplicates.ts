// "Dubbletter" (huvudman): the probable duplicates (pairs of records from different partners describing one
// incident) and whether they are merged (counted once) or overruled. Only the records' de-identified fields are
// shown, never linkage tokens. A dropdown column (Underkänn / Återställ) and "Synka dubbletter" send the decisions
// to /api/duplicates/{id}/overrule|restore and rewrite the sheet with the outcome per row.
import type { CellValue } from "../../shared/grid/cell";
import type { CellMark, WorkbookPort } from "../../shared/protocol/workbook";
import type { Duplicate } from "../admin-api";
import type { SyncClient } from "../sync-client";
import { refusalText } from "../messages";
import { columnRange, ERROR_FILL, readTable } from "./admin-sheet";
import { stockholmTime } from "../../shared/periods/stockholm";
import { ownSheetFor, replaceOwnSheet } from "../../shared/workbook/own-sheets";

export const DUPLICATES_SHEET = "Dubbletter";
export const OVERRULE = "Underkänn";
export const RESTORE = "Återställ";
const KEY = "admin:duplicates";
const STATUS_TEXT: Record<Duplicate["status"], string> = { merged: "Sammanslagen", overruled: "Underkänd" };
const side = (p: "A" | "B") => [`${p} organisation`, `${p} mall`, `${p} datum`, `${p} timme`, `${p} område`, `${p} kategorier`];
export const DUPLICATE_COLUMNS = ["Id", "Status", "Hittad", ...side("A"), ...side("B"), "Beslutad av", "Tidigare kommentar", "Beslut", "Kommentar", "Resultat"];
const HEADER_ROW = 3; // 0-based: three header lines above

export interface DuplicateOutcome {
  id: number;
  decision: string;
  ok: boolean;
  message: string;
}

function sideCells(s: Duplicate["a"]): CellValue[] {
  const categories = Object.entries(s.categories).map(([k, v]) => `${k}=${v}`).join("; ");
  return [s.org, s.templateId, s.date ?? "", s.hour ?? "", s.nyko ?? "okänt", categories];
}

export async function writeDuplicatesSheet(port: WorkbookPort, duplicates: readonly Duplicate[], results: ReadonlyMap<number, string> = new Map()): Promise<string> {
  const sheet = await replaceOwnSheet(port, KEY, DUPLICATES_SHEET);
  const merged = duplicates.filter((d) => d.status === "merged").length;
  await port.writeTable({
    sheet, at: `A${HEADER_ROW + 1}`, name: "LagesbildDubbletter",
    headerLines: [
      `Troliga dubbletter: ${duplicates.length} par, ${merged} sammanslagna (räknas en gång), ${duplicates.length - merged} underkända (räknas var för sig)`,
      `Paren är samma händelse rapporterad av två aktörer. Välj ${OVERRULE} om paret inte är samma händelse (kommentar krävs), eller ${RESTORE} för att slå ihop igen.`,
      "Bladet visar bara avidentifierade uppgifter; matchningsnycklarna lämnar aldrig servern. Tryck Synka dubbletter.",
    ],
    columns: DUPLICATE_COLUMNS.map((header) => ({ header, numberFormat: header === "Id" || header.endsWith("timme") ? "0" : "@" })),
    rows: duplicates.map((d) => [
      d.id, STATUS_TEXT[d.status], stockholmTime(d.foundAt), ...sideCells(d.a), ...sideCells(d.b), d.decidedBy, d.comment ?? "", "", "", results.get(d.id) ?? "",
    ]),
  });
  const first = HEADER_ROW + 1;
  if (duplicates.length > 0) {
    await port.addDropdown({ sheet, range: columnRange(first, DUPLICATE_COLUMNS.indexOf("Beslut"), duplicates.length), values: [OVERRULE, RESTORE] });
    const resultCol = DUPLICATE_COLUMNS.indexOf("Resultat");
    const marks: CellMark[] = duplicates
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => results.get(d.id)?.startsWith("Ej skickat"))
      .map(({ d, i }) => ({ cell: columnRange(first + i, resultCol, 1).split(":")[0], fill: ERROR_FILL, note: results.get(d.id) }));
    if (marks.length) await port.markCells(sheet, marks);
  }
  await port.selectCell(sheet, columnRange(first, DUPLICATE_COLUMNS.indexOf("Beslut"), 1).split(":")[0]);
  return sheet;
}

interface Decision {
  id: number;
  decision: string;
  comment: string;
}

async function readDecisions(port: WorkbookPort): Promise<Decision[]> {
  const sheet = await ownSheetFor(port, KEY);
  if (!sheet) throw new Error("Skriv dubblettbladet först.");
  const table = await readTable(port, sheet, ["Id", "Status", "Hittad"]);
  if (!table) return [];
  return table.rows
    .map((r) => ({ id: Number(r.get("Id")), decision: r.get("Beslut"), comment: r.get("Kommentar") }))
    .filter((d) => Number.isInteger(d.id) && d.id > 0 && d.decision !== "");
}

async function decide(client: SyncClient, d: Decision): Promise<DuplicateOutcome> {
  const base = { id: d.id, decision: d.decision };
  const choice = d.decision.toLowerCase();
  try {
    if (choice === OVERRULE.toLowerCase()) {
      if (!d.comment) return { ...base, ok: false, message: "Ej skickat: skriv varför paret inte är samma händelse." };
      await client.overruleDuplicate(d.id, d.comment);
      return { ...base, ok: true, message: `Underkänd ${stockholmTime(new Date())}` };
    }
    if (choice === RESTORE.toLowerCase()) {
      await client.restoreDuplicate(d.id, d.comment || undefined);
      return { ...base, ok: true, message: `Återställd ${stockholmTime(new Date())}` };
    }
    return { ...base, ok: false, message: `Ej skickat: okänt beslut ”${d.decision}”. Välj ${OVERRULE} eller ${RESTORE}.` };
  } catch (e) {
    const text = refusalText(e) ?? (e as Error).message;
    return { ...base, ok: false, message: `Ej skickat: ${text}` };
  }
}

/** "Synka dubbletter": sends each decision, then rewrites the sheet with the fresh list and the outcomes. */
export async function syncDuplicates(port: WorkbookPort, client: SyncClient): Promise<{ sheet: string; outcomes: DuplicateOutcome[] }> {
  const decisions = await readDecisions(port);
  const outcomes: DuplicateOutcome[] = [];
  for (const d of decisions) outcomes.push(await decide(client, d));
  const { duplicates } = await client.duplicates();
  const sheet = await writeDuplicatesSheet(port, duplicates, new Map(outcomes.map((o) => [o.id, o.message])));
  return { sheet, outcomes };
}
