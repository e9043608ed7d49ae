// `lagesbild fetch --server URL --key API_KEY --out FILE.xlsx [--ca FILE] [--json]`
// Writes the organisation's latest delivery into an .xlsx workbook: one sheet per indicator it subscribes to,
// written by the same shared writer as the add-in's refresh (charts inserted as pictures rendered from the chart SVG,
// since ExcelJS writes no native charts), with the indicator's area map from the server's map.svg where it has one.
// Exit codes: 0 written, 2 bad usage, 3 the server refused (or sent something that is not a delivery),
// 4 the server could not be reached after retries.
import { stockholmTime } from "../../shared/periods/stockholm";
import { existsSync } from "node:fs";
import { deliverySchema, type Delivery } from "../../shared/protocol/delivery";
import { insertAreaMaps } from "../../shared/workbook/area-maps";
import { writeDeliverySheets, type WrittenIndicatorSheet } from "../../shared/workbook/delivery-sheets";
import { ExcelJsWorkbook } from "../workbook/exceljs-workbook";
import { flag, parseArgs } from "./args";
import { ServerRefusedError, type HttpClient } from "./http-client";
import { clientFor, connectionArgs, EXIT, fetchNykoAreas, processIo, type CliIo } from "./server-session";
import { reportFailure } from "./submit";

const USAGE = "Användning: lagesbild fetch --server URL --key API-NYCKEL --out FIL.xlsx [--ca CERT.pem] [--json]";

export const LATEST_DELIVERY_PATH = "/api/deliveries/latest";

/** The latest delivery of the key's organisation, checked against the delivery contract. */
export async function fetchLatestDelivery(client: HttpClient): Promise<Delivery> {
  const raw = await client.getJson<unknown>(LATEST_DELIVERY_PATH);
  const parsed = deliverySchema.safeParse(raw);
  if (!parsed.success) throw new ServerRefusedError(200, "not-a-delivery", parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

export const areaMapPath = (indicator: string): string => `/api/exports/map.svg?indicator=${encodeURIComponent(indicator)}`;

export type FetchedSheet = WrittenIndicatorSheet & { map?: boolean };

/**
 * Writes the delivery into a new workbook at `out` and returns what each sheet holds; `loadMapSvg` (the server's
 * map.svg of an indicator) puts the area map into each indicator sheet published at NYKO-3.
 */
export async function writeDeliveryFile(
  delivery: Delivery,
  out: string,
  areaNames: ReadonlyMap<string, string>,
  loadMapSvg?: (indicator: string) => Promise<string>,
): Promise<FetchedSheet[]> {
  const workbook = new ExcelJsWorkbook();
  const written: FetchedSheet[] = await writeDeliverySheets(workbook, delivery, { areaNames });
  if (loadMapSvg) {
    const maps = await insertAreaMaps(workbook, delivery, written, loadMapSvg);
    for (const w of written) if (maps.has(w.indicator)) w.map = maps.get(w.indicator);
  }
  await workbook.save(out);
  return written;
}

export async function fetchCommand(argv: string[], io: CliIo = processIo()): Promise<number> {
  const args = parseArgs(argv);
  const out = flag(args, "out");
  const json = args.flags.has("json");
  if (!out || args.flags.has("help")) {
    io.stderr.write(`${USAGE}\n`);
    return EXIT.usage;
  }
  if (!/\.xlsx$/i.test(out)) {
    io.stderr.write(`Utfilen måste sluta på .xlsx.\n${USAGE}\n`);
    return EXIT.usage;
  }
  const conn = connectionArgs(args, io.env);
  if (typeof conn === "string") {
    io.stderr.write(`${conn}\n${USAGE}\n`);
    return EXIT.usage;
  }
  const client = clientFor(conn, io);
  try {
    const [delivery, areas] = await Promise.all([fetchLatestDelivery(client), fetchNykoAreas(client)]);
    const existed = existsSync(out);
    const written = await writeDeliveryFile(delivery, out, new Map(areas.map((a) => [a.code, a.name])), (indicator) => client.getText(areaMapPath(indicator)));
    if (json) io.stdout.write(JSON.stringify({ ok: true, out, number: delivery.number, createdAt: delivery.createdAt, org: delivery.org, sheets: written }) + "\n");
    else {
      const lines = [`Leverans nr ${delivery.number} (${stockholmTime(delivery.createdAt)}) till ${delivery.org} skrevs till ${out}${existed ? " (filen ersattes)" : ""}.`];
      for (const w of written) lines.push(`  ${w.sheet}: ${w.rows} celler, ${w.suppressed} skyddade${w.alarms ? `, ${w.alarms} larm` : ""}${w.chart ? ", diagram" : ""}${w.map ? ", karta" : ""}`);
      io.stdout.write(lines.join("\n") + "\n");
    }
    return EXIT.ok;
  } catch (e) {
    return reportFailure(e, io, json);
  }
}
