// The actor's refresh: the latest delivery is written by the shared delivery writer (shared/workbook/
// delivery-sheets.ts, the same one `lagesbild fetch` uses): each indicator in a sheet of its own, named after the
// indicator and replaced on the next refresh (never a sheet the user made), with area names from the server.
import type { Delivery } from "../../shared/protocol/delivery";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { writeDeliverySheets, type WrittenIndicatorSheet } from "../../shared/workbook/delivery-sheets";
import type { SyncClient } from "../sync-client";

export type RefreshedSheet = WrittenIndicatorSheet;

export async function refreshDeliveries(port: WorkbookPort, client: SyncClient): Promise<{ delivery: Delivery; sheets: RefreshedSheet[] }> {
  const [delivery, register] = await Promise.all([
    client.latestDelivery(),
    // Area names only make the table easier to read: without them the codes still say everything.
    client.nykoAreas().catch(() => ({ validFrom: "", areas: [] })),
  ]);
  const areaNames = new Map(register.areas.map((a) => [a.code, a.name]));
  const sheets = await writeDeliverySheets(port, delivery, { areaNames });
  return { delivery, sheets };
}
