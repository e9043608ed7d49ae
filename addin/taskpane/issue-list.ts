// A list of sheet issues in the pane: each issue is a button that selects its cell (templates and admin sheets).
import type { SheetIssue } from "../flows/admin-sheet";
import type { PaneContext } from "./context";
import { el } from "./ui";

export function renderIssues(ctx: PaneContext, listId: string, sheet: string, issues: readonly SheetIssue[]): void {
  const { ui, port } = ctx;
  ui.byId(listId).replaceChildren(
    ...issues.map((i) => {
      const b = el(ui.doc, "button", { attrs: { type: "button", "data-cell": i.cell } }, [el(ui.doc, "span", { className: "cell", text: i.cell }), i.message]);
      b.addEventListener("click", () =>
        void ui.run(`Markerar ${i.cell} …`, async () => {
          await port.selectCell(sheet, i.cell);
          ctx.changed();
        }),
      );
      return el(ui.doc, "li", { className: "error" }, [b]);
    }),
  );
}
