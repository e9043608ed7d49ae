// A delivery in the format of shared/protocol/delivery.ts, built from the submitted records shown in the preview
// sheet: counts per month for the municipality and each NYKO-3 area, values below 3 suppressed (marked `..`).
// Used only until the server serves deliveries (issue 5).
import type { CellValue } from "../../shared/grid/cell";
import { deliverySchema, type Delivery, type DeliveryCell } from "../../shared/protocol/delivery";

export function deliveryFixture(previewValues: CellValue[][]): Delivery {
  const [header, ...rows] = previewValues;
  const date = header.indexOf("date");
  const nyko = header.indexOf("nyko");
  const counts = new Map<string, number>();
  for (const r of rows) {
    const month = String(r[date] ?? "").slice(0, 7);
    if (!month) continue;
    const area = r[nyko] ? String(r[nyko]) : "";
    counts.set(`|${month}`, (counts.get(`|${month}`) ?? 0) + 1);
    if (area) counts.set(`${area}|${month}`, (counts.get(`${area}|${month}`) ?? 0) + 1);
  }
  const cells: DeliveryCell[] = [...counts].map(([key, value]) => {
    const [area, period] = key.split("|");
    const suppressed = area !== "" && value < 3;
    return { indicator: "anmalda-brott", nyko: area || null, level: area ? 3 : 0, periodType: "month", period, value: suppressed ? null : value, suppressed };
  });
  return deliverySchema.parse({
    org: "polisen", number: 1, createdAt: new Date().toISOString(), source: "Lägesbild, Demokommun (testleverans)", threshold: 3, unsuppressed: false,
    definitions: [{ id: "anmalda-brott", version: 1, title: "Anmälda brott (demo)", unit: "antal", factor: "none", description: "Alla godkända rader" }],
    cells,
    notes: ["Testleverans byggd av de godkända raderna."],
  });
}
