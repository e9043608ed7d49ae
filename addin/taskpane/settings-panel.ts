// The "Inställningar" tab (actor): the settings sheet to choose subscriptions among the organisation's grants.
import { saveSettings, writeSettingsSheet } from "../flows/settings";
import type { Panel, PaneContext } from "./context";
import { wireSheetButtons } from "./sheet-buttons";

export function wireSettingsPanel(ctx: PaneContext): Panel {
  const { ui, port, client } = ctx;
  wireSheetButtons(ctx, {
    issues: "settings-issues",
    write: {
      button: "settings-sheet",
      busy: "Skriver inställningsbladet …",
      run: () => writeSettingsSheet(port, client),
      done: (sheet) => `Prenumerationerna står i bladet ”${sheet}”. Välj Ja/Nej och tryck Spara prenumerationer.`,
    },
    send: {
      button: "settings-save",
      busy: "Sparar prenumerationerna …",
      run: () => saveSettings(port, client),
      refused: (n) => `Inställningsbladet har ${n} fel; inget sparades.`,
      done: (r) => ui.status("ok", `Prenumerationerna är sparade: ${r.subscriptions.length} indikatorer.`),
    },
  });
  return {};
}
