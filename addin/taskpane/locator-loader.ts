// Loads the area registers in the pane from the sync server (once per session), for the check pipeline.
import { buildRegisters, type AreaRegisters } from "../../shared/areas";
import type { SyncClient } from "../sync-client";

/** The register's areas as the `nyko;niva;namn;overordnad` CSV that buildRegisters reads. */
export function nykoCsv(areas: readonly { code: string; level: number; name: string; parent: string | null }[]): string {
  const clean = (s: string) => s.replace(/[;\r\n]/g, " ");
  return ["nyko;niva;namn;overordnad", ...areas.map((a) => `${a.code};${a.level};${clean(a.name)};${a.parent ?? ""}`)].join("\n");
}

export async function loadRegisters(client: SyncClient): Promise<AreaRegisters> {
  const [areas, addressCsv, polygonsGeojson] = await Promise.all([client.nykoAreas(), client.rawRegister("addresses"), client.rawRegister("polygons")]);
  const built = buildRegisters({ nykoCsv: nykoCsv(areas.areas), addressCsv, polygonsGeojson });
  if (!built.ok) throw new Error(`Områdesregistret kunde inte läsas: ${built.issues.slice(0, 3).map((i) => i.message).join(" ")}`);
  return built.value;
}
