// The "Inställningar" tab (actor): the settings sheet to choose subscriptions among the organisation's grants.
import { markIssues } from "../flows/admin-sheet";
import { saveSettings, writeSettingsSheet } from "../flows/settings";
import type { Panel, PaneContext } from "./app";
import { renderIssues } from "./issue-list";

export function wireSettingsPanel(ctx: PaneContext): Panel {
  const { ui, port, client } = ctx;
  ui.byId("settings-sheet").addEventListener("click", () => {
    void ui.run("Skriver inställningsbladet …", async () => {
      const sheet = await writeSettingsSheet(port, client);
      ctx.changed();
      ui.byId("settings-issues").replaceChildren();
      ui.status("ok", `Prenumerationerna står i bladet ”${sheet}”. Välj Ja/Nej och tryck Spara prenumerationer.`);
    });
  });
  ui.byId("settings-save").addEventListener("click", () => {
    void ui.run("Sparar prenumerationerna …", async () => {
      const r = await saveSettings(port, client);
      if (!r.ok) {
        await markIssues(port, r.sheet, r.issues);
        ctx.changed();
        renderIssues(ctx, "settings-issues", r.sheet, r.issues);
        ui.status("error", `Inställningsbladet har ${r.issues.length} fel; inget sparades.`);
        return;
      }
      ctx.changed();
      ui.byId("settings-issues").replaceChildren();
      ui.status("ok", `Prenumerationerna är sparade: ${r.subscriptions.length} indikatorer.`);
    });
  });
  return {};
}
