// The "Insatser" card (on the Uppdatera tab, for the huvudman and the partners): the register of interventions, the
// form of one (new, or read in by its number) with "Spara insats", and "Utvärdera insats" (the evaluation sheet from
// published, disclosure-controlled cells).
import { evaluateInterventionSheet, formInterventionId, saveInterventionForm, writeInterventionForm, writeInterventionsSheet } from "../flows/interventions";
import type { Panel, PaneContext } from "./context";
import { wireSheetButtons } from "./sheet-buttons";
import { el } from "./ui";

export function wireInterventionsPanel(ctx: PaneContext): Panel {
  const { ui, port, client } = ctx;
  const numberInput = () => ui.byId<HTMLInputElement>("intervention-number");
  const typedNumber = () => {
    const n = Number(numberInput().value);
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  const result = (lines: string[]) =>
    ui.byId("intervention-result").replaceChildren(el(ui.doc, "ul", { className: "plain-list" }, lines.map((t) => el(ui.doc, "li", { text: t }))));

  ui.byId("interventions-sheet").addEventListener("click", () => {
    void ui.run("Hämtar insatserna …", async () => {
      const r = await writeInterventionsSheet(port, client);
      ctx.changed();
      ui.status("ok", `Insatserna står i bladet ”${r.sheet}”: ${r.count} st.`);
    });
  });
  wireSheetButtons(ctx, {
    issues: "intervention-issues",
    write: {
      button: "intervention-sheet",
      busy: "Skriver insatsbladet …",
      run: async () => {
        const n = typedNumber();
        return writeInterventionForm(port, n ? await client.intervention(n) : null, { org: ctx.session().user.role === "actor" ? ctx.session().user.org : undefined });
      },
      done: (sheet) => `Insatsen står i bladet ”${sheet}”. Fyll i och tryck Spara insats.`,
    },
    send: {
      button: "intervention-save",
      busy: "Sparar insatsen …",
      run: () => saveInterventionForm(port, client),
      refused: (n) => `Insatsbladet har ${n} fel; inget sparades.`,
      done: (r) => {
        numberInput().value = String(r.intervention.id);
        result([`Insats ${r.intervention.id}, version ${r.intervention.version}: ${r.intervention.name}.`]);
        ui.status("ok", `Insats ${r.intervention.id} är sparad (version ${r.intervention.version}).`);
      },
    },
  });
  ui.byId("intervention-evaluate").addEventListener("click", () => {
    void ui.run("Utvärderar insatsen …", async () => {
      const id = typedNumber() ?? (await formInterventionId(port));
      if (!id) throw new Error("Ange insatsens nummer, eller spara insatsen först.");
      const { sheet, evaluation } = await evaluateInterventionSheet(port, client, id);
      ctx.changed();
      result(evaluation.results.map((r) => r.sentence));
      ui.status("ok", `Utvärderingen står i bladet ”${sheet}”.`);
    });
  });
  return {};
}
