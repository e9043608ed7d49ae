// The pane once a workbook is available: sign-in (once per device), role-based tabs, and each panel's wiring.
import type { Session } from "../sync-client";
import type { PaneContext, PaneDeps } from "./context";
import { createUi } from "./ui";
import { wireSubmitPanel } from "./submit-panel";
import { wireRefreshPanel } from "./refresh-panel";
import { wireReviewPanel } from "./review-panel";
import { wireTemplatesPanel } from "./templates-panel";
import { wireAdminPanel } from "./admin-panel";
import { wireSettingsPanel } from "./settings-panel";
import { wireInterventionsPanel } from "./interventions-panel";

const ROLE_TEXT: Record<string, string> = { actor: "aktör", huvudman: "huvudman", admin: "administratör" };

export async function startPane(deps: PaneDeps): Promise<void> {
  const ui = createUi(deps.doc);
  const signIn = ui.byId<HTMLFormElement>("sign-in");
  const app = ui.byId("app");
  const who = ui.byId("who");
  const ctx: PaneContext = {
    ...deps,
    ui,
    session: () => {
      const s = deps.client.session;
      if (!s) throw new Error("Logga in först.");
      return s;
    },
    changed: () => deps.onWorkbookChange?.(),
  };
  const panels = [
    wireSubmitPanel(ctx),
    wireRefreshPanel(ctx),
    wireReviewPanel(ctx),
    wireTemplatesPanel(ctx),
    wireAdminPanel(ctx),
    wireSettingsPanel(ctx),
    wireInterventionsPanel(ctx),
  ];

  const showSignedIn = (session: Session) => {
    signIn.hidden = true;
    app.hidden = false;
    who.hidden = false;
    ui.byId("who-name").textContent = `${session.user.username} (${ROLE_TEXT[session.user.role] ?? session.user.role}, ${session.user.org})`;
    const tabs = [...app.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    for (const tab of tabs) tab.hidden = !(tab.dataset.roles ?? "").split(",").includes(session.user.role);
    const first = tabs.find((t) => !t.hidden);
    if (first) selectTab(first);
    for (const p of panels) void p.onSignIn?.(session);
  };
  const showSignedOut = () => {
    signIn.hidden = false;
    app.hidden = true;
    who.hidden = true;
  };

  const selectTab = (tab: HTMLButtonElement) => {
    for (const t of app.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      ui.byId(t.getAttribute("aria-controls") ?? "").hidden = !on;
    }
  };
  const tablist = app.querySelector<HTMLElement>('[role="tablist"]');
  tablist?.addEventListener("click", (e) => {
    const tab = (e.target as HTMLElement).closest<HTMLButtonElement>('[role="tab"]');
    if (tab) selectTab(tab);
  });
  tablist?.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]:not([hidden])')];
    const i = tabs.indexOf(e.target as HTMLButtonElement);
    const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    if (next) {
      selectTab(next);
      next.focus();
    }
  });

  signIn.addEventListener("submit", (e) => {
    e.preventDefault();
    const username = ui.byId<HTMLInputElement>("username").value.trim();
    const password = ui.byId<HTMLInputElement>("password").value;
    void (async () => {
      const session = await ui.run("Loggar in …", () => deps.client.login(username, password));
      if (!session) return;
      ui.byId<HTMLInputElement>("password").value = "";
      ui.status("ok", `Inloggad som ${session.user.username}.`);
      showSignedIn(session);
    })();
  });
  ui.byId("sign-out").addEventListener("click", () => {
    void ui.run("Loggar ut …", async () => {
      try {
        await deps.client.logout();
      } finally {
        deps.tokens.clear();
        showSignedOut();
      }
      ui.status("ok", "Utloggad. Inloggningen är borttagen från den här enheten.");
    });
  });

  const saved = deps.tokens.load();
  if (saved) {
    const resumed = await ui.run("Återupptar inloggningen …", () => deps.client.resume(saved));
    if (resumed) {
      ui.status("ok", `Inloggad som ${resumed.user.username}.`);
      showSignedIn(resumed);
      return;
    }
    deps.tokens.clear();
  }
  showSignedOut();
}
