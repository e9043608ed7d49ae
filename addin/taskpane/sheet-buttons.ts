// The two buttons of an admin sheet: one writes the sheet, the other reads it back and sends it. Errors in the
// sheet are marked at their cells and listed in the pane, and nothing is sent.
import { markIssues, type SheetIssue } from "../flows/admin-sheet";
import type { PaneContext } from "./context";
import { renderIssues } from "./issue-list";

export interface SheetButtons<R> {
  /** Element id of the pane's issue list for this sheet. */
  issues: string;
  write: { button: string; busy: string; run: () => Promise<string>; done: (sheet: string) => string };
  send: {
    button: string;
    busy: string;
    run: () => Promise<{ ok: false; sheet: string; issues: SheetIssue[] } | ({ ok: true } & R)>;
    /** The status line when the sheet has errors (nothing was sent). */
    refused: (errors: number) => string;
    /** Shows the outcome of a sent sheet. */
    done: (result: R) => void;
  };
}

export function wireSheetButtons<R>(ctx: PaneContext, spec: SheetButtons<R>): void {
  const { ui, port } = ctx;
  ui.byId(spec.write.button).addEventListener("click", () => {
    void ui.run(spec.write.busy, async () => {
      const sheet = await spec.write.run();
      ctx.changed();
      ui.byId(spec.issues).replaceChildren();
      ui.status("ok", spec.write.done(sheet));
    });
  });
  ui.byId(spec.send.button).addEventListener("click", () => {
    void ui.run(spec.send.busy, async () => {
      const r = await spec.send.run();
      if (!r.ok) {
        await markIssues(port, r.sheet, r.issues);
        ctx.changed();
        renderIssues(ctx, spec.issues, r.sheet, r.issues);
        ui.status("error", spec.send.refused(r.issues.length));
        return;
      }
      ctx.changed();
      ui.byId(spec.issues).replaceChildren();
      spec.send.done(r);
    });
  });
}
