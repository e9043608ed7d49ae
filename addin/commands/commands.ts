// The ribbon's function file: commands that run without opening the pane. Office.onReady only registers them.
import { createOfficeWorkbook } from "../excel/office-workbook";

/** "Rensa markeringar": removes the fills and notes Lägesbild put on the active sheet (and nothing else). */
async function clearLagesbildMarks(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const port = createOfficeWorkbook();
    await port.clearMarks(await port.activeSheet());
  } finally {
    event.completed();
  }
}

if (typeof Office !== "undefined") {
  void Office.onReady(() => {
    Office.actions.associate("clearLagesbildMarks", clearLagesbildMarks);
  });
}
