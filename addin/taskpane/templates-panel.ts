// The "Mallar" tab (admin): templates and their versions, the template sheet, "Publicera ny version", retiring.
import { stockholmDate } from "../../shared/periods/stockholm";
import { isUsable } from "../../shared/submission/usable";
import { markTemplateIssues, nextVersion, readTemplateAdminSheet, writeTemplateAdminSheet } from "../flows/template-sheet";
import { ownSheetFor } from "../../shared/workbook/own-sheets";
import type { PublishedTemplate } from "../sync-client";
import type { Panel, PaneContext } from "./context";
import { el } from "./ui";

export function wireTemplatesPanel(ctx: PaneContext): Panel {
  const { ui, port, client } = ctx;
  const doc = ui.doc;
  const select = ui.byId<HTMLSelectElement>("admin-template-select");
  let published: PublishedTemplate[] = [];

  const versionsOf = (id: string) => published.filter((p) => p.template.id === id).sort((a, b) => a.template.version - b.template.version);
  const newest = (id: string) => versionsOf(id).at(-1);

  const renderVersions = () => {
    const ul = ui.byId("version-list");
    const today = stockholmDate(new Date());
    ul.replaceChildren(
      ...versionsOf(select.value).map((p) => {
        const v = p.template.version;
        const dateId = `retire-${p.template.id}-${v}`;
        const li = el(doc, "li", { attrs: { "data-version": String(v) } }, [
          el(doc, "div", {}, [
            el(doc, "strong", { text: `Version ${v}` }),
            ` · publicerad ${p.publishedAt.slice(0, 10)} · `,
            el(doc, "span", { className: "badge", text: p.retiredFrom ? (isUsable(p, new Date()) ? `avvecklas ${p.retiredFrom}` : `avvecklad ${p.retiredFrom}`) : "aktiv" }),
          ]),
          el(doc, "label", { text: `Avveckla version ${v} från`, attrs: { for: dateId } }),
          el(doc, "div", { className: "row" }, [el(doc, "input", { attrs: { id: dateId, type: "date", value: p.retiredFrom ?? today } })]),
        ]);
        const b = el(doc, "button", { text: "Avveckla", attrs: { type: "button" } });
        b.addEventListener("click", () => {
          const from = (doc.getElementById(dateId) as HTMLInputElement).value;
          void ui.run(`Avvecklar version ${v} …`, async () => {
            await client.retireTemplate(p.template.id, v, from);
            await load();
            ui.status("ok", `Version ${v} av ${p.template.id} tas inte emot från ${from}.`);
          });
        });
        li.querySelector(".row")?.append(b);
        return li;
      }),
    );
  };

  const load = async () => {
    published = await client.templates();
    const keep = select.value;
    const ids = [...new Set(published.map((p) => p.template.id))].sort();
    select.replaceChildren(...ids.map((id) => el(doc, "option", { text: `${newest(id)?.template.title ?? id} (${id})`, attrs: { value: id } })));
    if (ids.includes(keep)) select.value = keep;
    renderVersions();
  };
  select.addEventListener("change", renderVersions);

  ui.byId("template-sheet").addEventListener("click", () => {
    void ui.run("Skriver mallbladet …", async () => {
      const p = newest(select.value);
      if (!p) throw new Error("Välj en mall.");
      const sheet = await writeTemplateAdminSheet(port, p.template);
      ctx.changed();
      ui.byId("template-issues").replaceChildren();
      ui.status("ok", `Version ${p.template.version} står i bladet ”${sheet}”. Redigera och tryck Publicera ny version.`);
    });
  });

  ui.byId("template-publish").addEventListener("click", () => {
    void ui.run("Kontrollerar mallbladet …", async () => {
      const p = newest(select.value);
      if (!p) throw new Error("Välj en mall.");
      const sheet = await ownSheetFor(port, `template:${p.template.id}`);
      if (!sheet) throw new Error("Skriv mallbladet först.");
      const parsed = await readTemplateAdminSheet(port, sheet);
      const list = ui.byId("template-issues");
      if (!parsed.ok) {
        await markTemplateIssues(port, sheet, parsed.issues);
        ctx.changed();
        list.replaceChildren(
          ...parsed.issues.map((i) => {
            const b = el(doc, "button", { attrs: { type: "button", "data-cell": i.cell } }, [el(doc, "span", { className: "cell", text: i.cell }), i.message]);
            b.addEventListener("click", () => void ui.run(`Markerar ${i.cell} …`, async () => {
              await port.selectCell(sheet, i.cell);
              ctx.changed();
            }));
            return el(doc, "li", { className: "error" }, [b]);
          }),
        );
        ui.status("error", `Mallbladet har ${parsed.issues.length} fel; inget publicerades.`);
        return;
      }
      if (parsed.value.id !== p.template.id) throw new Error(`Mall-id i bladet (${parsed.value.id}) är inte den valda mallen (${p.template.id}).`);
      await markTemplateIssues(port, sheet, []);
      const result = await client.publishTemplate(nextVersion(parsed.value, p.template.version));
      list.replaceChildren();
      await load();
      await writeTemplateAdminSheet(port, result.template);
      ctx.changed();
      ui.status("ok", `Version ${result.template.version} av ${result.template.id} är publicerad.`);
    });
  });

  return {
    async onSignIn(session) {
      if (session.user.role !== "admin") return;
      await ui.run("Hämtar mallar …", async () => {
        await load();
        ui.status("ok", `Inloggad. ${select.options.length} mallar.`);
      });
    },
  };
}
