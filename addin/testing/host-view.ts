// Test host only: draws the in-memory workbook beside the pane (sheet tabs, the active sheet with fills and notes),
// so a person watching an end-to-end run, and its screenshots, see what Excel would show.
import { columnLetter, parseA1 } from "../../shared/grid/a1";
import type { MemoryWorkbook } from "./memory-workbook";
import { rangeContains } from "../../shared/workbook/layout";
import { el } from "../taskpane/ui";

const MAX_ROWS = 60;
const MAX_COLS = 14;

export async function renderHostView(doc: Document, view: HTMLElement, workbook: MemoryWorkbook): Promise<void> {
  const snap = workbook.snapshot();
  const tabs = el(doc, "div", { className: "sheet-tabs" });
  for (const s of snap.sheets) {
    if (s.hidden) continue;
    tabs.append(el(doc, "span", { text: s.name, className: s.name === snap.activeSheet ? "active" : "", attrs: { "data-sheet": s.name } }));
  }
  const active = snap.sheets.find((s) => s.name === snap.activeSheet);
  const table = el(doc, "table");
  if (active) {
    const origin = parseA1(active.topLeft || "A1");
    const selected = snap.selection?.sheet === active.name ? snap.selection.cell : null;
    const selRow = selected ? parseA1(selected).row : -1;
    // Keep the selected row in view: start the window a little above it.
    const startRow = Math.max(origin.row, selRow >= origin.row + MAX_ROWS ? selRow - 5 : origin.row);
    const conditionals = workbook.conditionalFormatsOf(active.name);
    const head = el(doc, "tr", {}, [el(doc, "th")]);
    const width = Math.min(MAX_COLS, (active.values[0]?.length ?? 0) + 0);
    for (let c = 0; c < width; c++) head.append(el(doc, "th", { text: columnLetter(origin.col + c) }));
    table.append(head);
    for (let r = startRow; r < Math.min(origin.row + active.values.length, startRow + MAX_ROWS); r++) {
      const tr = el(doc, "tr", {}, [el(doc, "th", { text: String(r + 1) })]);
      const line = active.values[r - origin.row] ?? [];
      for (let c = 0; c < width; c++) {
        const addr = `${columnLetter(origin.col + c)}${r + 1}`;
        const v = line[c];
        const td = el(doc, "td", { text: v === null || v === undefined ? "" : String(v), attrs: { "data-cell": addr } });
        const conditional = conditionals.find((c) => v !== null && v !== undefined && String(v) === c.textEquals && rangeContains(c.range, addr));
        const fill = active.fills[addr] ?? conditional?.fill;
        if (fill) td.style.background = fill;
        const note = active.notes[addr];
        if (note) td.title = note;
        if (addr === selected) td.style.outline = "2px solid #0f6cbd";
        tr.append(td);
      }
      table.append(tr);
    }
  }
  view.replaceChildren(el(doc, "h2", { text: "Arbetsbok (testvärd i minnet)" }), tabs, table);
}
