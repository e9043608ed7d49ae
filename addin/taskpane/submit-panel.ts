// The actor's "Skicka" tab: Infoga mall, Kontrollera, Förhandsgranska, Skicka, the receipt and the own submissions.
import { stockholmTime } from "../../shared/periods/stockholm";
import type { CheckResult } from "../../shared/pipeline/check";
import type { Template } from "../../shared/templates/schema";
import { writeTemplateSheet } from "../../shared/templates/sheet-writer";
import { parseLinkKey } from "../../shared/dedup/link-tokens";
import { createLocator, type AreaRegisters, type Locator } from "../../shared/areas";
import { usableTemplates } from "../../shared/submission/usable";
import { LOCATE_REASON_TEXT } from "../../shared/pipeline/check";
import { statusText } from "../messages";
import { checkForSubmit, goToSourceRow, submitSheet, writePreview, type SheetCheck } from "../flows/submit";
import type { PublishedTemplate, Submission } from "../sync-client";
import type { Panel, PaneContext } from "./context";
import { el, setEnabled } from "./ui";

export function wireSubmitPanel(ctx: PaneContext): Panel {
  const { ui, port, client } = ctx;
  const doc = ui.doc;
  const select = ui.byId<HTMLSelectElement>("template-select");
  const previewBtn = ui.byId<HTMLButtonElement>("preview");
  const submitBtn = ui.byId<HTMLButtonElement>("submit");
  let templates: Template[] = [];
  let published: PublishedTemplate[] = [];
  let areas: { registers: AreaRegisters; locator: Locator } | null = null;
  let checked: SheetCheck | null = null;
  let lastReceipt: Submission | null = null;

  const invalidate = () => {
    checked = null;
    setEnabled(previewBtn, false);
    setEnabled(submitBtn, false);
  };

  ui.byId("insert-template").addEventListener("click", () => {
    void ui.run("Infogar mall …", async () => {
      const template = templates.find((t) => `${t.id}@${t.version}` === select.value);
      if (!template) throw new Error("Välj en mall först.");
      const { sheet } = await writeTemplateSheet(port, template);
      await port.selectCell(sheet, "A2");
      invalidate();
      ctx.changed();
      ui.status("ok", `Mallbladet ”${sheet}” är infogat. Klistra in eller skriv raderna under rubrikraden.`);
    });
  });

  const keyState = ui.byId("link-key-state");
  const showKeyState = () => (keyState.textContent = ctx.linkKeys?.load() ? "En nyckel är sparad på den här enheten." : "Ingen nyckel sparad: dubbletter kan inte kännas igen.");
  showKeyState();
  ui.byId("save-link-key").addEventListener("click", () => {
    const input = ui.byId<HTMLInputElement>("link-key");
    const text = input.value.trim();
    if (text === "") ctx.linkKeys?.clear();
    else if (!parseLinkKey(text)) {
      ui.status("error", "Länknyckeln ska vara minst 32 byte, skriven som hex (64 tecken) eller base64.");
      return;
    } else ctx.linkKeys?.save(text);
    input.value = "";
    invalidate();
    showKeyState();
    ui.status("ok", text === "" ? "Länknyckeln är borttagen från enheten." : "Länknyckeln är sparad på den här enheten.");
  });

  ui.byId("check").addEventListener("click", () => {
    void ui.run("Kontrollerar bladet …", async () => {
      if (!areas) {
        ui.progress("Hämtar områdesregistret …");
        const registers = await ctx.loadRegisters(client);
        areas = { registers, locator: createLocator(registers) };
      }
      ui.progress("Kontrollerar bladet …");
      const stored = ctx.linkKeys?.load();
      checked = await checkForSubmit(port, { published, org: ctx.session().user.org, ...areas, linkKey: stored ? parseLinkKey(stored) : null, now: new Date() });
      ctx.changed();
      renderCheck(checked);
      setEnabled(previewBtn, checked.result.records.length > 0);
      setEnabled(submitBtn, checked.result.canSubmit && checked.result.records.length > 0);
      const errors = checked.result.issues.filter((i) => i.severity === "error").length;
      ui.status(errors ? "error" : "ok", errors ? `${errors} fel måste rättas innan bladet kan skickas.` : "Bladet kan skickas.");
    });
  });

  previewBtn.addEventListener("click", () => {
    void ui.run("Skriver förhandsgranskningen …", async () => {
      if (!checked) throw new Error("Kontrollera bladet först.");
      const p = await writePreview(port, checked, published.map((t) => t.template));
      ctx.changed();
      const out = ui.byId("preview-result");
      out.replaceChildren(
        el(doc, "p", { text: `Bladet ”${p.sheet}” visar exakt de ${p.count} poster som skickas.` }),
        el(doc, "p", { text: p.stripped.length ? `Stannar kvar i arbetsboken: ${p.stripped.join(", ")}.` : "Inga kolumner stannar kvar." }),
      );
      ui.status("ok", `Förhandsgranskningen är skriven till ”${p.sheet}”.`);
    });
  });

  submitBtn.addEventListener("click", () => {
    void ui.run("Skickar …", async () => {
      if (!checked) throw new Error("Kontrollera bladet först.");
      const source = checked;
      const res = await submitSheet(client, port, source, {
        onProgress: (p) => ui.progress(`Skickar del ${p.part} av ${p.parts} (${p.sent} av ${p.total} poster) …`, p.sent / Math.max(1, p.total)),
      });
      lastReceipt = res.receipt;
      ctx.changed();
      renderReceipt(res.receipt, res.replay);
      invalidate();
      ui.status("ok", `Skickat. Kvitto ${res.receipt.id}.`);
    });
  });

  ui.byId("link-go").addEventListener("click", () => {
    void ui.run("Letar upp raden …", async () => {
      if (!lastReceipt) throw new Error("Inget kvitto ännu.");
      const n = Number(ui.byId<HTMLInputElement>("link-record").value);
      const found = await goToSourceRow(port, lastReceipt.id, n);
      ctx.changed();
      if (!found) throw new Error(`Post ${n} finns inte i kvitto ${lastReceipt.id}.`);
      ui.status("ok", `Post ${n} kommer från rad ${found.row} på bladet ”${found.sheet}”.`);
    });
  });

  ui.byId("my-submissions-load").addEventListener("click", () => {
    void ui.run("Hämtar inskick …", async () => {
      const list = await client.submissions();
      const ul = ui.byId("my-submissions");
      ul.replaceChildren(
        ...list.map((s) =>
          el(doc, "li", { attrs: { "data-id": s.id, "data-status": s.status } }, [
            el(doc, "div", {}, [el(doc, "span", { className: "badge", text: statusText(s.status) }), ` ${s.templateId} v${s.templateVersion}`]),
            el(doc, "div", { className: "meta", text: `${s.counts.rows} poster · ${s.periods.map((p) => p.period).join(", ")} · inkommet ${stockholmTime(s.createdAt)} · ${s.id}` }),
            ...(s.comment ? [el(doc, "div", { className: "comment", text: `Huvudmannens kommentar: ${s.comment}` })] : []),
          ]),
        ),
      );
      if (list.length === 0) ul.replaceChildren(el(doc, "li", { text: "Inga inskick ännu." }));
      ui.status("ok", `${list.length} inskick.`);
    });
  });

  function renderCheck({ sheet, result }: SheetCheck) {
    const summary = ui.byId("check-summary");
    summary.replaceChildren(
      el(doc, "dl", {}, [
        el(doc, "dt", { text: "Blad" }), el(doc, "dd", { text: sheet }),
        el(doc, "dt", { text: "Mall" }), el(doc, "dd", { text: result.template ? `${result.template.id} v${result.template.version}` : "ingen passar" }),
        el(doc, "dt", { text: "Rader" }), el(doc, "dd", { text: String(result.rows) }),
        el(doc, "dt", { text: "Fel" }), el(doc, "dd", { text: String(result.issues.filter((i) => i.severity === "error").length) }),
        el(doc, "dt", { text: "Varningar" }), el(doc, "dd", { text: String(result.issues.filter((i) => i.severity === "warning").length) }),
      ]),
    );
    renderIssues(sheet, result);
    renderLocation(sheet, result);
  }

  function cellButton(sheet: string, cell: string | null, label: string): HTMLButtonElement {
    const b = el(doc, "button", { attrs: { type: "button", ...(cell ? { "data-cell": cell } : {}) } }, [
      ...(cell ? [el(doc, "span", { className: "cell", text: cell })] : []),
      label,
    ]);
    b.addEventListener("click", () => {
      if (!cell) return;
      void ui.run(`Markerar ${cell} …`, async () => {
        await port.selectCell(sheet, cell);
        ctx.changed();
        ui.status("info", `Cell ${cell} är markerad.`);
      });
    });
    return b;
  }

  function renderIssues(sheet: string, result: CheckResult) {
    const list = ui.byId("issue-list");
    const shown = result.issues.filter((i) => !i.code.startsWith("unlocated-")).slice(0, 200);
    list.replaceChildren(...shown.map((i) => el(doc, "li", { className: i.severity, attrs: { "data-code": i.code } }, [cellButton(sheet, i.cell, i.message)])));
  }

  function renderLocation(sheet: string, result: CheckResult) {
    const box = ui.byId("location-result");
    if (!result.template) return box.replaceChildren();
    const rows: HTMLElement[] = [
      el(doc, "p", { text: `${result.located} av ${result.rows} rader placerades i ett område.` }),
    ];
    if (result.unlocated.length) {
      rows.push(el(doc, "p", { text: `${result.unlocated.length} kunde inte placeras och räknas bara i kommunens total:` }));
      const ul = el(doc, "ul", { className: "issue-list", attrs: { "aria-label": "Ej placerade adresser" } });
      for (const u of result.unlocated.slice(0, 200)) {
        ul.append(el(doc, "li", { className: "warning" }, [cellButton(sheet, u.cell, `${u.value || "(tom)"}: ${LOCATE_REASON_TEXT[u.reason]}`)]));
      }
      rows.push(ul);
    }
    box.replaceChildren(...rows);
  }

  function renderReceipt(r: Submission, replay: boolean) {
    const box = ui.byId("receipt");
    const items: [string, string][] = [
      ["Kvitto", r.id],
      ["Status", statusText(r.status)],
      ["Mottagna poster", String(r.counts.rows)],
      ["Placerade", String(r.counts.located)],
      ["Ej placerade", String(r.counts.unlocated)],
      ["Halvmånader", r.periods.map((p) => p.period).join(", ")],
      ["Mottaget", stockholmTime(r.createdAt)],
    ];
    const children: Node[] = [
      el(doc, "h3", { text: replay ? "Kvitto (redan mottaget tidigare, inget lagrades två gånger)" : "Kvitto" }),
      el(doc, "dl", { attrs: { "aria-label": "Kvitto" } }, items.flatMap(([k, v]) => [el(doc, "dt", { text: k }), el(doc, "dd", { text: v })])),
    ];
    for (const w of r.warnings.slice(0, 20)) children.push(el(doc, "p", { className: "meta", text: w.message }));
    box.replaceChildren(...children);
    ui.byId("link-back").hidden = false;
  }

  return {
    async onSignIn(session) {
      if (session.user.role !== "actor") return;
      await ui.run("Hämtar organisationens mallar …", async () => {
        published = await client.templates();
        templates = usableTemplates(published, new Date());
        select.replaceChildren(...templates.map((t) => el(doc, "option", { text: `${t.title} (v${t.version})`, attrs: { value: `${t.id}@${t.version}` } })));
        ui.status("ok", `Inloggad. ${templates.length} mall(ar) tillgängliga.`);
      });
    },
  };
}
