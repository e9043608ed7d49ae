// The "Administrera" tab (huvudman): the admin sheets Behörigheter, Indikatorer, Inlämning, Dubbletter and Larm.
import { writeAlertsSheet } from "../flows/alerts";
import { writeCompletenessSheet } from "../flows/completeness";
import { writeReportingSheet } from "../flows/reporting";
import { syncDuplicates, writeDuplicatesSheet } from "../flows/duplicates";
import { syncGrants, writeGrantsSheet } from "../flows/grants";
import { saveIndicators, writeIndicatorsSheet } from "../flows/indicators";
import { addDays } from "../../shared/periods/civil-date";
import { periodOfDate } from "../../shared/periods/period";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { Panel, PaneContext } from "./context";
import { wireSheetButtons } from "./sheet-buttons";
import { el } from "./ui";

/** The ISO week `weeks` weeks before `now` in Sweden, e.g. "2026-W02". */
export function isoWeekBefore(now: Date, weeks: number): string {
  return periodOfDate("isoweek", addDays(stockholmDate(now), -7 * weeks));
}

export function wireAdminPanel(ctx: PaneContext): Panel {
  const { ui, port, client } = ctx;
  const doc = ui.doc;
  const result = (id: string, lines: string[]) => ui.byId(id).replaceChildren(el(doc, "ul", { className: "plain-list" }, lines.map((t) => el(doc, "li", { text: t }))));

  wireSheetButtons(ctx, {
    issues: "grants-issues",
    write: {
      button: "grants-sheet",
      busy: "Skriver behörighetsbladet …",
      run: () => writeGrantsSheet(port, client),
      done: (sheet) => `Behörigheterna står i bladet ”${sheet}”. Välj Ja/Nej och tryck Synka behörigheter.`,
    },
    send: {
      button: "grants-sync",
      busy: "Synkar behörigheterna …",
      run: () => syncGrants(port, client),
      refused: (n) => `Behörighetsbladet har ${n} fel; inget skickades.`,
      done: (r) => {
        result("grants-result", r.outcomes.map((o) => `${o.org}: ${o.message}`));
        const failed = r.outcomes.filter((o) => !o.ok).length;
        ui.status(failed ? "error" : "ok", r.outcomes.length === 0 ? "Inga ändringar att spara." : `Behörigheter sparade för ${r.outcomes.length - failed} organisationer${failed ? `, ${failed} ej sparade` : ""}.`);
      },
    },
  });

  wireSheetButtons(ctx, {
    issues: "indicators-issues",
    write: {
      button: "indicators-sheet",
      busy: "Skriver indikatorbladet …",
      run: () => writeIndicatorsSheet(port, client),
      done: (sheet) => `Indikatorerna står i bladet ”${sheet}”. Ändra eller lägg till en rad, välj Spara = Ja och tryck Spara indikatorer.`,
    },
    send: {
      button: "indicators-save",
      busy: "Kontrollerar indikatorbladet …",
      run: () => saveIndicators(port, client),
      refused: (n) => `Indikatorbladet har ${n} fel; inget sparades.`,
      done: (r) => {
        result("indicators-result", [...r.saved.map((s) => `${s.id}: version ${s.version}`), ...r.refused.map((x) => `${x.id}: ${x.message}`)]);
        ui.status(r.refused.length ? "error" : "ok", r.saved.length + r.refused.length === 0 ? "Inga rader med Spara = Ja." : `${r.saved.length} indikatorer sparade${r.refused.length ? `, ${r.refused.length} ej sparade` : ""}.`);
      },
    },
  });

  ui.byId("completeness-sheet").addEventListener("click", () => {
    const from = ui.byId<HTMLInputElement>("completeness-from").value || undefined;
    const to = ui.byId<HTMLInputElement>("completeness-to").value || undefined;
    void ui.run("Hämtar inlämningen …", async () => {
      const r = await writeCompletenessSheet(port, client, { from, to });
      ctx.changed();
      ui.status("ok", `Inlämningen står i bladet ”${r.sheet}”: ${r.rows} perioder, ${r.late} sena eller saknade.`);
    });
  });

  ui.byId("reporting-sheet").addEventListener("click", () => {
    void ui.run("Hämtar inrapporteringen …", async () => {
      const r = await writeReportingSheet(port, client);
      ctx.changed();
      ui.status("ok", `Inrapporteringen står i bladet ”${r.sheet}”: ${r.partners} parter, ${r.missing} saknade halvmånader.`);
    });
  });
  const reportingBody = () => {
    const org = ui.byId<HTMLInputElement>("reporting-org").value.trim();
    const from = ui.byId<HTMLInputElement>("reporting-from").value.trim();
    const to = ui.byId<HTMLInputElement>("reporting-to").value.trim();
    return { org, from, ...(to ? { to } : {}) };
  };
  ui.byId("reporting-close").addEventListener("click", () => {
    void ui.run("Stänger …", async () => {
      const body = reportingBody();
      const r = await client.closeReporting(body);
      ui.status("ok", r.closed.length ? `Stängt utan inrapportering för ${body.org}: ${r.closed.join(", ")}.` : "Inget att stänga: halvmånaderna var redan stängda.");
    });
  });
  ui.byId("reporting-reopen").addEventListener("click", () => {
    void ui.run("Öppnar …", async () => {
      const body = reportingBody();
      const r = await client.reopenReporting(body);
      ui.status("ok", r.reopened.length ? `Öppnat igen för ${body.org}: ${r.reopened.join(", ")}. De saknas tills ett inskick godkänts.` : "Inget att öppna: halvmånaderna var inte stängda.");
    });
  });

  ui.byId("duplicates-sheet").addEventListener("click", () => {
    void ui.run("Hämtar dubbletterna …", async () => {
      const { duplicates, total } = await client.duplicates();
      const sheet = await writeDuplicatesSheet(port, duplicates);
      ctx.changed();
      ui.status("ok", `Dubbletterna står i bladet ”${sheet}”: ${total} par.`);
    });
  });
  ui.byId("duplicates-sync").addEventListener("click", () => {
    void ui.run("Synkar dubbletterna …", async () => {
      const { outcomes, sheet } = await syncDuplicates(port, client);
      ctx.changed();
      result("duplicates-result", outcomes.map((o) => `${o.id} ${o.decision}: ${o.message}`));
      const failed = outcomes.filter((o) => !o.ok).length;
      ui.status(failed ? "error" : "ok", outcomes.length === 0 ? `Inga beslut i ”${sheet}”.` : `${outcomes.length - failed} beslut skickade${failed ? `, ${failed} ej skickade (se kolumnen Resultat)` : ""}.`);
    });
  });

  ui.byId("alerts-sheet").addEventListener("click", () => {
    const all = ui.byId<HTMLInputElement>("alerts-all").checked;
    const weeks = Number(ui.byId<HTMLSelectElement>("alerts-weeks").value) || undefined;
    void ui.run("Hämtar larmen …", async () => {
      const r = await writeAlertsSheet(port, client, { weeks, all });
      ctx.changed();
      ui.status("ok", `Larmtabellen står i bladet ”${r.sheet}”: ${r.alarms} larm${all ? ` bland ${r.rows} veckor` : ""}.`);
    });
  });

  return {};
}
