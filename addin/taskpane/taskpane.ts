// Entry of the task pane: Office.onReady only checks the host and wires the DOM. Without an Excel host (a plain
// browser, as in the end-to-end tests) the in-memory workbook is injected and exposed on window for the tests.
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { createSyncClient } from "../sync-client";
import { startPane } from "./app";
import { createTokenStore, LINK_KEY } from "./token-store";
import { loadServerRegisters as loadRegisters } from "../../shared/submission/checker";
import { createOfficeWorkbook } from "../excel/office-workbook";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { renderHostView } from "./host-view";

declare global {
  interface Window {
    lagesbild?: { workbook: WorkbookPort; memory: ReturnType<typeof createMemoryWorkbook>; redraw: () => void };
  }
}

type Ready = { host: Office.HostType | null } | null;

function officeReady(): Promise<Ready> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return Office.onReady().then((info) => ({ host: info.host ?? null }));
}

void officeReady().then(async (info) => {
  let port: WorkbookPort;
  let onWorkbookChange: (() => void) | undefined;
  let partitionKey: string | null = null;
  if (info !== null && info.host === Office.HostType.Excel) {
    port = createOfficeWorkbook();
    partitionKey = Office.context.partitionKey ?? null;
  } else {
    const memory = createMemoryWorkbook();
    port = memory;
    const view = document.getElementById("host-view");
    const redraw = () => {
      if (view) void renderHostView(document, view, memory);
    };
    if (view) view.hidden = false;
    window.lagesbild = { workbook: port, memory, redraw };
    onWorkbookChange = redraw;
    redraw();
  }
  const tokens = createTokenStore(window.localStorage, partitionKey);
  const client = createSyncClient({
    baseUrl: "",
    onSession: (s) => (s ? tokens.save(s.refreshToken) : tokens.clear()),
  });
  const linkKeys = createTokenStore(window.localStorage, partitionKey, LINK_KEY);
  await startPane({ doc: document, port, client, tokens, linkKeys, loadRegisters, onWorkbookChange });
  document.body.dataset.ready = "true";
});
