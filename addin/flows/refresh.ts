// The actor's refresh: the latest delivery is written by the shared delivery writer (shared/workbook/
// delivery-sheets.ts, the same one `lagesbild fetch` uses): each indicator in a sheet of its own, named after the
// indicator and replaced on the next refresh (never a sheet the user made), with area names from the server.
import type { Delivery } from "../../shared/protocol/delivery";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { writeDeliverySheets, type WrittenIndicatorSheet } from "../../shared/workbook/delivery-sheets";
import type { SyncClient } from "../sync-client";

export type RefreshedSheet = WrittenIndicatorSheet & { map?: boolean };

export async function refreshDeliveries(port: WorkbookPort, client: SyncClient): Promise<{ delivery: Delivery; sheets: RefreshedSheet[] }> {
  const [delivery, register] = await Promise.all([
    client.latestDelivery(),
    // Area names only make the table easier to read: without them the codes still say everything.
    client.nykoAreas().catch(() => ({ validFrom: "", areas: [] })),
  ]);
  const areaNames = new Map(register.areas.map((a) => [a.code, a.name]));
  const sheets: RefreshedSheet[] = await writeDeliverySheets(port, delivery, { areaNames });
  // The area map of each indicator published at NYKO-3, from the server (disclosure-controlled: suppressed areas
  // are hatched and marked `..`), below the chart where the writer left room for it (`mapAt`, at the top of a printed
  // page when the rest of the chart's page is too short). A map that cannot be had leaves the table as it is.
  for (const written of sheets) {
    if (!delivery.cells.some((c) => c.indicator === written.indicator && c.level === 3)) continue;
    try {
      const map = await client.areaMap(written.indicator);
      const widthPx = 480;
      await port.insertPicture({ sheet: written.sheet, at: written.mapAt, pngBase64: map.pngBase64, widthPx, heightPx: Math.round((map.heightPx / map.widthPx) * widthPx) });
      written.map = true;
    } catch {
      written.map = false;
    }
  }
  return { delivery, sheets };
}
