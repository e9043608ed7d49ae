// Entry of the task pane: Office.onReady only checks the host and wires the DOM. Outside Excel (a plain browser, or
// another Office application) the pane says that it needs Excel and starts nothing: there is no fallback workbook.
// The browser tests use their own entry (addin/testing/test-host.ts), built only into the test build.
import { createOfficeWorkbook } from "../excel/office-workbook";
import { bootPane } from "./boot";
import { createUi } from "./ui";

export const NEEDS_EXCEL =
  "Lägesbild behöver Excel. Öppna tillägget i Excel (Infoga → Tillägg), på skrivbordet eller på webben; i en vanlig webbläsare finns ingen arbetsbok att arbeta i.";

function officeReady(): Promise<Office.HostType | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return Office.onReady().then((info) => info.host ?? null);
}

void officeReady().then(async (host) => {
  if (host === null || host !== Office.HostType.Excel) {
    createUi(document).status("error", NEEDS_EXCEL);
    document.body.dataset.host = "none";
    return;
  }
  await bootPane(document, createOfficeWorkbook(), { partitionKey: Office.context.partitionKey ?? null });
});
