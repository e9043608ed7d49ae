// The "Granska" tab (huvudman): the review sheet with "Synka granskning", and a list to decide from the pane.
import { statusText } from "../messages";
import { decide, replacesText, syncReview, writeReviewSheet, APPROVE, RETURN } from "../flows/review";
import type { Submission } from "../sync-client";
import type { Panel, PaneContext } from "./context";
import { el } from "./ui";

export function wireReviewPanel(ctx: PaneContext): Panel {
  const { ui, port, client } = ctx;
  const doc = ui.doc;

  const renderList = (list: readonly Submission[]) => {
    const ul = ui.byId("review-list");
    if (list.length === 0) return ul.replaceChildren(el(doc, "li", { text: "Inga inskick väntar på granskning." }));
    ul.replaceChildren(
      ...list.map((s) => {
        const commentId = `review-comment-${s.id}`;
        const confirmId = `review-confirm-${s.id}`;
        const replaces = replacesText(s);
        const li = el(doc, "li", { attrs: { "data-id": s.id } }, [
          el(doc, "div", {}, [el(doc, "span", { className: "badge", text: statusText(s.status) }), ` ${s.org}: ${s.templateId} v${s.templateVersion}`]),
          el(doc, "div", { className: "meta", text: `${s.counts.rows} rader, ${s.counts.unlocated} ej placerade, ${s.warnings.length} varningar · ${s.periods.map((p) => p.period).join(", ")}` }),
          // An approval that replaces approved half-months names them and needs the box ticked.
          ...(replaces
            ? [
                el(doc, "div", { className: "comment", text: `Ersätter godkänt: ${replaces}` }),
                el(doc, "label", {}, [el(doc, "input", { attrs: { id: confirmId, type: "checkbox" } }), " Jag bekräftar att de godkända uppgifterna ersätts"]),
              ]
            : []),
          el(doc, "label", { text: "Kommentar", attrs: { for: commentId } }),
          el(doc, "textarea", { attrs: { id: commentId } }),
        ]);
        for (const decision of [APPROVE, RETURN]) {
          const b = el(doc, "button", { text: decision, className: decision === APPROVE ? "primary" : "", attrs: { type: "button" } });
          b.addEventListener("click", () => {
            const comment = (doc.getElementById(commentId) as HTMLTextAreaElement).value.trim();
            const confirmReplace = (doc.getElementById(confirmId) as HTMLInputElement | null)?.checked === true;
            void ui.run(`${decision} …`, async () => {
              const outcome = await decide(client, { id: s.id, statusShown: "", decision, comment, confirmReplace });
              await load();
              ui.status(outcome.ok ? "ok" : "error", `${s.org} ${s.id.slice(0, 8)}: ${outcome.message}`);
            });
          });
          li.append(b);
        }
        return li;
      }),
    );
  };

  const load = async () => {
    const list = await client.reviewQueue({ status: "pending" });
    renderList(list);
    return list;
  };

  ui.byId("review-sheet").addEventListener("click", () => {
    void ui.run("Skriver granskningsbladet …", async () => {
      const list = await client.reviewQueue();
      const sheet = await writeReviewSheet(port, list);
      ctx.changed();
      ui.status("ok", `Granskningsbladet ”${sheet}” listar ${list.length} inskick.`);
    });
  });

  ui.byId("review-sync").addEventListener("click", () => {
    void ui.run("Synkar granskningen …", async () => {
      const { outcomes, sheet } = await syncReview(port, client);
      ctx.changed();
      await load();
      const box = ui.byId("review-result");
      box.replaceChildren(el(doc, "ul", { className: "plain-list" }, outcomes.map((o) => el(doc, "li", { className: o.ok ? "" : "comment", text: `${o.id.slice(0, 8)} ${o.decision}: ${o.message}` }))));
      const failed = outcomes.filter((o) => !o.ok).length;
      ui.status(failed ? "error" : "ok", outcomes.length === 0 ? `Inga beslut i ”${sheet}”.` : `${outcomes.length - failed} beslut skickade${failed ? `, ${failed} ej skickade (se kolumnen Resultat)` : ""}.`);
    });
  });

  return {
    async onSignIn(session) {
      if (session.user.role !== "huvudman") return;
      await ui.run("Hämtar inskick att granska …", async () => {
        const list = await load();
        ui.status("ok", `Inloggad. ${list.length} inskick väntar på granskning.`);
      });
    },
  };
}
