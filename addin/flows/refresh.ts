// The actor's refresh: the latest delivery is written by the shared delivery writer (shared/workbook/
// delivery-sheets.ts, the same one `lagesbild fetch` uses): each indicator in a sheet of its own, named after the
// indicator and replaced on the next refresh (never a sheet the user made), with area names from the server, its
// chart native (Office.js) and the area map as a picture rendered from the server's map SVG.
import type { Delivery } from "../../shared/protocol/delivery";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { insertAreaMaps } from "../../shared/workbook/area-maps";
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
  const maps = await insertAreaMaps(port, delivery, sheets, (indicator) => client.areaMapSvg(indicator));
  for (const written of sheets) if (maps.has(written.indicator)) written.map = maps.get(written.indicator);
  return { delivery, sheets };
}
