// Entry of the task pane: Office.onReady only checks the host and wires the DOM. Outside Excel (a plain browser, or
// another Office application) the pane says that it needs Excel and starts nothing: there is no fallback workbook.
// The browser tests use their own entry (addin/testing/test-host.ts), built only into the test build.
import { createOfficeWorkbook } from "../excel/office-workbook";
import { errorText } from "../messages";
import { bootPane } from "./boot";
import { createUi } from "./ui";

function officeReady(): Promise<Office.HostType | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return Office.onReady().then((info) => info.host ?? null);
}

void officeReady().then(async (host) => {
  if (host === null || host !== Office.HostType.Excel) {
    createUi(document).status("error", errorText("no-host"));
    document.body.dataset.host = "none";
    return;
  }
  await bootPane(document, createOfficeWorkbook(), { partitionKey: Office.context.partitionKey ?? null });
});
