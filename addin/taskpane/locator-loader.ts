// Builds the pipeline's locator in the pane from the registers the sync server holds (fetched once per session).
import { buildRegisters, createLocator, type AreaRegisters } from "../../shared/areas";
import type { Locator } from "../../shared/pipeline/locator";
import type { SyncClient } from "../sync-client";

/** The register's areas as the `nyko;niva;namn;overordnad` CSV that buildRegisters reads. */
export function nykoCsv(areas: readonly { code: string; level: number; name: string; parent: string | null }[]): string {
  const clean = (s: string) => s.replace(/[;\r\n]/g, " ");
  return ["nyko;niva;namn;overordnad", ...areas.map((a) => `${a.code};${a.level};${clean(a.name)};${a.parent ?? ""}`)].join("\n");
}

export function pipelineLocator(registers: AreaRegisters): Locator {
  const areas = createLocator(registers);
  return {
    byAddress: (raw) => areas.locateAddress(raw),
    byPoint: (n, e, crs) => areas.locateCoordinates(n, e, crs),
    byCode: (code) => (registers.nyko.has(code) ? registers.nyko.cutToLevel(code, 3) : null),
    levelOf: (code) => registers.nyko.levelOf(code),
  };
}

export async function loadLocator(client: SyncClient): Promise<Locator> {
  const [areas, addressCsv, polygonsGeojson] = await Promise.all([client.nykoAreas(), client.rawRegister("addresses"), client.rawRegister("polygons")]);
  const built = buildRegisters({ nykoCsv: nykoCsv(areas.areas), addressCsv, polygonsGeojson });
  if (!built.ok) throw new Error(`Områdesregistret kunde inte läsas: ${built.issues.slice(0, 3).map((i) => i.message).join(" ")}`);
  return pipelineLocator(built.value);
}
