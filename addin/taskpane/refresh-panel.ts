// The "Uppdatera" tab: fetch the latest delivery and write each indicator into its own sheet.
import { stockholmTime } from "../../shared/periods/stockholm";
import { refreshDeliveries } from "../flows/refresh";
import type { Panel, PaneContext } from "./context";
import { el } from "./ui";

export function wireRefreshPanel(ctx: PaneContext): Panel {
  const { ui, port, client } = ctx;
  ui.byId("refresh").addEventListener("click", () => {
    void ui.run("Hämtar den senaste leveransen …", async () => {
      const { delivery, sheets } = await refreshDeliveries(port, client);
      ctx.changed();
      const box = ui.byId("refresh-result");
      box.replaceChildren(
        el(doc(), "p", { text: `Leverans nr ${delivery.number} (${stockholmTime(delivery.createdAt)}), källa: ${delivery.source}.` }),
        el(doc(), "ul", { className: "plain-list" }, sheets.map((s) => el(doc(), "li", { text: `${delivery.definitions.find((d) => d.id === s.indicator)?.title ?? s.sheet} (bladet ”${s.sheet}”): ${s.tables} tabell(er), ${s.suppressed} undertryckta celler (..)${s.missing > 0 ? `, ${s.missing} saknas (ej inrapporterade)` : ""}` }))),
      );
      ui.status("ok", `${sheets.length} tabellblad uppdaterade.`);
    });
  });
  const doc = () => ui.doc;
  return {};
}
