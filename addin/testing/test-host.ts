// Test host only: the entry of the test build (`webpack --env test-host`, into dist/addin-test), never of the
// production add-in. It starts the real pane on the in-memory workbook, draws that workbook beside the pane and
// exposes it on window for the browser end-to-end tests.
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { svgToPngBase64WithCanvas } from "../excel/svg-canvas";
import { bootPane } from "../taskpane/boot";
import { renderHostView } from "./host-view";
import { createMemoryWorkbook, type MemoryWorkbook } from "./memory-workbook";

declare global {
  interface Window {
    lagesbild?: { workbook: WorkbookPort; memory: MemoryWorkbook; redraw: () => void; renderSvg: typeof svgToPngBase64WithCanvas };
  }
}

const memory = createMemoryWorkbook();
const view = document.createElement("aside");
view.id = "host-view";
view.setAttribute("aria-label", "Testvärd: arbetsbok i minnet");
(document.getElementById("layout") ?? document.body).append(view);
const redraw = () => void renderHostView(document, view, memory);
// renderSvg: the pane's canvas renderer, which the Office.js host uses for pictures given as SVG.
window.lagesbild = { workbook: memory, memory, redraw, renderSvg: svgToPngBase64WithCanvas };
redraw();
void bootPane(document, memory, { partitionKey: null, onWorkbookChange: redraw });
