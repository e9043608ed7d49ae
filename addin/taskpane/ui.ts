// Small DOM helpers for the pane: the status region (aria-live), the progress indicator, and running one action at a time.
import { SyncError } from "../sync-client";

export type StatusKind = "info" | "ok" | "error";

export interface Ui {
  doc: Document;
  byId<T extends HTMLElement = HTMLElement>(id: string): T;
  status(kind: StatusKind, text: string): void;
  progress(text: string, fraction?: number): void;
  /** Runs an action with the pane marked busy and its buttons disabled; errors end up in the status region. */
  run<T>(label: string, action: () => Promise<T>): Promise<T | undefined>;
}

export function createUi(doc: Document): Ui {
  const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`missing element #${id}`);
    return el as T;
  };
  const statusEl = byId("status");
  const busyEl = byId("busy");
  const busyText = byId("busy-text");
  const progressEl = byId<HTMLProgressElement>("progress");
  const pane = byId("pane");

  const status = (kind: StatusKind, text: string) => {
    statusEl.className = `status ${kind}`;
    statusEl.textContent = text;
  };
  const progress = (text: string, fraction?: number) => {
    busyText.textContent = text;
    if (fraction === undefined) progressEl.removeAttribute("value");
    else {
      progressEl.max = 1;
      progressEl.value = fraction;
    }
  };
  // Actions run one at a time, in order (a sign-in's follow-up loads queue behind it).
  let tail: Promise<unknown> = Promise.resolve();
  const run = <T>(label: string, action: () => Promise<T>): Promise<T | undefined> => {
    const next = tail.then(() => exec(label, action));
    tail = next.catch(() => undefined);
    return next;
  };
  const exec = async <T>(label: string, action: () => Promise<T>): Promise<T | undefined> => {
    const buttons = [...pane.querySelectorAll<HTMLButtonElement>("button:not(:disabled)")];
    buttons.forEach((b) => {
      b.disabled = true;
      b.dataset.busy = "1";
    });
    pane.setAttribute("aria-busy", "true");
    busyEl.hidden = false;
    progress(label);
    status("info", label);
    try {
      return await action();
    } catch (e) {
      status("error", errorMessage(e));
      return undefined;
    } finally {
      busyEl.hidden = true;
      pane.setAttribute("aria-busy", "false");
      buttons.forEach((b) => {
        b.disabled = b.dataset.after === "0";
        delete b.dataset.busy;
        delete b.dataset.after;
      });
    }
  };
  return { doc, byId, status, progress, run };
}

/** Enables or disables a button, also while an action runs (the state then applies when it ends). */
export function setEnabled(button: HTMLButtonElement, on: boolean): void {
  if (button.dataset.busy) button.dataset.after = on ? "1" : "0";
  else button.disabled = !on;
}

export function errorMessage(e: unknown): string {
  if (e instanceof SyncError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Builds an element with text and attributes (never innerHTML: all text is set as text). */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: { text?: string; className?: string; attrs?: Record<string, string> } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}
