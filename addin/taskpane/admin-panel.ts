// The "Administrera" tab (huvudman): the set-up checklist, "Kör leveransomgång nu" with its progress and figures,
// and the admin sheets Behörigheter, Indikatorer, Inlämning, Dubbletter (with Dubblettmatchning), Larm and Begäran
// (requests for public documents), and the yearly analysis (Årsrapport).
import { writeAlertsSheet } from "../flows/alerts";
import { defaultReportYear, writeYearReportSheets, yearReportDoneText } from "../flows/year-report";
import { coverageSummaryText, writeCoverageSheet } from "../flows/duplicate-coverage";
import { roundFiguresLines, runRoundWithProgress } from "../flows/delivery-round";
import { setupLines, STATE_TEXT, type SetupLine } from "../flows/setup";
import type { Setup } from "../../shared/protocol/setup-api";
import { writeCompletenessSheet } from "../flows/completeness";
import { writeReportingSheet } from "../flows/reporting";
import { minBaseText, saveMinBase } from "../flows/uncertainty";
import { syncDuplicates, writeDuplicatesSheet } from "../flows/duplicates";
import { syncGrants, writeGrantsSheet } from "../flows/grants";
import { DECISION_TEXT, decideRequestSheet, reviewRequestSheet, writeRegisterSheet, writeRequestSheet } from "../flows/requests";
import { saveIndicators, writeIndicatorsSheet } from "../flows/indicators";
import { addDays } from "../../shared/periods/civil-date";
import { periodOfDate } from "../../shared/periods/period";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { Panel, PaneContext } from "./context";
import { wireSheetButtons } from "./sheet-buttons";
import { el } from "./ui";

/** The ISO week `weeks` weeks before `now` in Sweden, e.g. "2026-W02". */
export function isoWeekBefore(now: Date, weeks: number): string {
  return periodOfDate("week", addDays(stockholmDate(now), -7 * weeks));
}

/** The pane element a checklist point's own section starts with, on the Administrera tab. */
const SECTION_TARGET: Record<string, string> = { Behörigheter: "grants-sheet", Leveransomgång: "run-round" };

export function wireAdminPanel(ctx: PaneContext): Panel {
  const { ui, port, client } = ctx;
  const doc = ui.doc;
  const result = (id: string, lines: string[]) => ui.byId(id).replaceChildren(el(doc, "ul", { className: "plain-list" }, lines.map((t) => el(doc, "li", { text: t }))));

  const setupItem = (line: SetupLine) => {
    const target = line.place.tab === "admin" && line.place.section ? SECTION_TARGET[line.place.section] : undefined;
    const children: (Node | string)[] = [
      el(doc, "span", { className: "state", text: STATE_TEXT[line.state] }),
      el(doc, "strong", { text: line.title }),
      ` ${line.text}`,
      el(doc, "span", { className: "where", text: `Ändras: ${line.where}` }),
    ];
    if (target && line.state !== "done") {
      const go = el(doc, "button", { className: "subtle", text: `Gå till ${line.place.section}`, attrs: { type: "button" } });
      go.addEventListener("click", () => ui.byId(target).focus());
      children.push(go);
    }
    return el(doc, "li", { attrs: { "data-point": line.point, "data-state": line.state } }, children);
  };
  const showSetup = (setup: Setup) => ui.byId("setup-list").replaceChildren(...setupLines(setup).map(setupItem));
  const loadSetup = async () => showSetup(await client.setup());
  ui.byId("setup-refresh").addEventListener("click", () => {
    void ui.run("Hämtar checklistan …", async () => {
      await loadSetup();
      ui.status("ok", "Checklistan är uppdaterad.");
    });
  });

  ui.byId("run-round").addEventListener("click", () => {
    void ui.run("Startar leveransomgången …", async () => {
      const { run, figures } = await runRoundWithProgress(client, (text) => ui.progress(text));
      result("round-result", figures ? roundFiguresLines(figures) : [`Omgång ${run.roundId}: ${run.deliveries.length} leveranser.`]);
      ui.status(run.status === "sent" || run.status === "empty" ? "ok" : "error", `Leveransomgång ${run.roundId} är klar${run.job.joined ? " (den pågående omgången)" : ""}: ${run.deliveries.length} leveranser.`);
      await loadSetup().catch(() => undefined);
    });
  });

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

  ui.byId("uncertainty-show").addEventListener("click", () => {
    void ui.run("Hämtar …", async () => {
      const { minBase } = await client.uncertaintySettings();
      ui.byId<HTMLInputElement>("uncertainty-min-base").value = String(minBase);
      ui.status("ok", minBaseText(minBase));
    });
  });
  ui.byId("uncertainty-save").addEventListener("click", () => {
    void ui.run("Sparar …", async () => {
      ui.status("ok", await saveMinBase(client, ui.byId<HTMLInputElement>("uncertainty-min-base").value));
    });
  });

  for (const [id, rhythm] of [["reporting-weekly", "week"], ["reporting-halfmonthly", "halfmonth"]] as const)
    ui.byId(id).addEventListener("click", () => {
      void ui.run("Sparar …", async () => {
        const org = ui.byId<HTMLInputElement>("reporting-org").value.trim();
        const r = await client.setReportingRhythm({ org, rhythm });
        const text = rhythm === "week" ? "per vecka (måndag–söndag)" : "per halvmånad";
        ui.status("ok", r.changed ? `${org} rapporterar nu ${text}.` : `${org} rapporterade redan ${text}.`);
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

  ui.byId("duplicates-coverage").addEventListener("click", () => {
    void ui.run("Hämtar matchningen av dubbletter …", async () => {
      const coverage = await client.duplicateCoverage();
      const sheet = await writeCoverageSheet(port, coverage);
      ctx.changed();
      result("coverage-result", [coverageSummaryText(coverage.summary)]);
      ui.status("ok", `Matchningen står i bladet ”${sheet}”: ${coverage.groups.length} halvmånader och slag.`);
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

  const yearInput = ui.byId<HTMLInputElement>("year-report-year");
  if (!yearInput.value) yearInput.value = String(defaultReportYear(new Date()));
  ui.byId("year-report").addEventListener("click", () => {
    const year = Number(yearInput.value);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      ui.status("error", "Skriv året med fyra siffror, till exempel 2026.");
      return;
    }
    void ui.run(`Skriver årsrapporten för ${year} …`, async () => {
      const written = await writeYearReportSheets(port, client, year);
      ctx.changed();
      ui.status("ok", yearReportDoneText(year, written));
    });
  });

  wireSheetButtons(ctx, {
    issues: "request-issues",
    write: {
      button: "request-sheet",
      busy: "Skriver begäransbladet …",
      run: async () => {
        const n = Number(ui.byId<HTMLInputElement>("request-number").value);
        return writeRequestSheet(port, Number.isInteger(n) && n > 0 ? await client.request(n) : null);
      },
      done: (sheet) => `Begäran står i bladet ”${sheet}”. Fyll i delarna och tryck Granska begäran.`,
    },
    send: {
      button: "request-review",
      busy: "Röjandekontrollerar utlämnandet …",
      run: () => reviewRequestSheet(port, client),
      refused: (n) => `Begäransbladet har ${n} fel; inget skickades.`,
      done: (r) => {
        const review = r.view.review!;
        ui.byId<HTMLInputElement>("request-number").value = String(r.view.id);
        result("request-result", [`Begäran ${r.view.id}: ${review.released} celler lämnas ut, ${review.suppressed} skyddas.`, `Möjliga beslut: ${review.allowed.map((d) => DECISION_TEXT[d]).join(", ")}.`]);
        ui.status(review.mode === "protected" ? "ok" : "error", `Granskad. Utlämnandet står i bladet ”Utlämnande”; sista dag ${r.view.deadline}.`);
      },
    },
  });
  ui.byId("request-decide").addEventListener("click", () => {
    const decision = ui.byId<HTMLSelectElement>("request-decision").value as "bifall" | "delvis-bifall" | "avslag";
    const reasons = ui.byId<HTMLTextAreaElement>("request-reasons").value.trim();
    void ui.run("Beslutar …", async () => {
      if (!reasons) throw new Error("Skriv skälen för beslutet.");
      const view = await decideRequestSheet(port, client, decision, reasons);
      ctx.changed();
      result("request-result", [`Begäran ${view.id}: ${DECISION_TEXT[decision]}.`, ...(view.files ? [`Utlämnad fil (SHA-256): ${view.files.xlsxSha256}`] : [])]);
      ui.status("ok", `Beslutet är registrerat för begäran ${view.id}.`);
    });
  });
  ui.byId("request-register").addEventListener("click", () => {
    void ui.run("Hämtar begärandena …", async () => {
      const r = await writeRegisterSheet(port, client);
      ctx.changed();
      ui.status(r.overdue ? "error" : "ok", `Begärandena står i bladet ”${r.sheet}”: ${r.open} öppna, ${r.overdue} försenade.`);
    });
  });

  return {
    onSignIn: async (session) => {
      // The checklist is there when the huvudman opens the tab; a failure leaves it empty (the button retries).
      if (session.user.role === "huvudman") await loadSetup().catch(() => undefined);
    },
  };
}
