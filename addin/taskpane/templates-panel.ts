// The "Mallar" tab (admin): templates and their versions, the template sheet, "Publicera ny version", retiring.
import { stockholmDate, stockholmTime } from "../../shared/periods/stockholm";
import { writeTemplateAdminSheet } from "../flows/template-sheet";
import { proposedRetireDate, publishTemplateSheet, retireQuestion, retirementState, retireVersion, undoRetirement } from "../flows/templates";
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
    const now = new Date();
    ul.replaceChildren(
      ...versionsOf(select.value).map((p) => {
        const v = p.template.version;
        const dateId = `retire-${p.template.id}-${v}`;
        const state = retirementState(p, now);
        const badge = state === "active" ? "aktiv" : state === "scheduled" ? `avvecklas ${p.retiredFrom}` : `avvecklad ${p.retiredFrom}`;
        const li = el(doc, "li", { attrs: { "data-version": String(v), "data-state": state } }, [
          el(doc, "div", {}, [el(doc, "strong", { text: `Version ${v}` }), ` · publicerad ${stockholmTime(p.publishedAt).slice(0, 10)} · `, el(doc, "span", { className: "badge", text: badge })]),
        ]);
        if (state === "retired") return li;
        const confirmRow = el(doc, "div", { className: "row confirm", attrs: { hidden: "" } });
        const retire = el(doc, "button", { text: state === "scheduled" ? "Flytta avvecklingen" : "Avveckla", attrs: { type: "button", "data-action": "retire" } });
        retire.addEventListener("click", () => {
          const from = (doc.getElementById(dateId) as HTMLInputElement).value;
          const yes = el(doc, "button", { text: "Ja, avveckla", attrs: { type: "button", "data-action": "confirm-retire" } });
          const no = el(doc, "button", { text: "Avbryt", attrs: { type: "button", "data-action": "cancel-retire" } });
          no.addEventListener("click", () => void (confirmRow.hidden = true));
          yes.addEventListener("click", () => {
            void ui.run(`Avvecklar version ${v} …`, async () => {
              const result = await retireVersion(client, p, from, new Date());
              if (result.ok) await load();
              ui.status(result.ok ? "ok" : "error", result.message);
            });
          });
          confirmRow.replaceChildren(el(doc, "p", { text: retireQuestion(p, from) }), yes, no);
          confirmRow.hidden = false;
        });
        const row = el(doc, "div", { className: "row" }, [el(doc, "input", { attrs: { id: dateId, type: "date", value: proposedRetireDate(p, now), min: stockholmDate(now) } }), retire]);
        li.append(el(doc, "label", { text: `Avveckla version ${v} från`, attrs: { for: dateId } }), row, confirmRow);
        if (state === "scheduled") {
          const undo = el(doc, "button", { text: "Ångra avvecklingen", attrs: { type: "button", "data-action": "undo-retire" } });
          undo.addEventListener("click", () => {
            void ui.run(`Ångrar avvecklingen av version ${v} …`, async () => {
              const result = await undoRetirement(client, p);
              await load();
              ui.status("ok", result.message);
            });
          });
          row.append(undo);
        }
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
      const result = await publishTemplateSheet(port, client, p);
      const list = ui.byId("template-issues");
      ctx.changed();
      if (result.ok) {
        list.replaceChildren();
        await load();
        ui.status("ok", result.message);
        return;
      }
      const sheet = result.sheet;
      list.replaceChildren(
        ...result.issues.map((i) => {
          const b = el(doc, "button", { attrs: { type: "button", "data-cell": i.cell } }, [el(doc, "span", { className: "cell", text: i.cell }), i.message]);
          if (sheet)
            b.addEventListener("click", () => void ui.run(`Markerar ${i.cell} …`, async () => {
              await port.selectCell(sheet, i.cell);
              ctx.changed();
            }));
          return el(doc, "li", { className: "error" }, [b]);
        }),
      );
      ui.status("error", result.message);
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
