// Loads the area registers in the pane from the sync server (once per session), for the check pipeline.
import { buildRegisters, nykoRegisterCsv, type AreaRegisters } from "../../shared/areas";
import type { SyncClient } from "../sync-client";

export async function loadRegisters(client: SyncClient): Promise<AreaRegisters> {
  const [areas, addressCsv, polygonsGeojson] = await Promise.all([client.nykoAreas(), client.rawRegister("addresses"), client.rawRegister("polygons")]);
  const built = buildRegisters({ nykoCsv: nykoRegisterCsv(areas.areas), addressCsv, polygonsGeojson });
  if (!built.ok) throw new Error(`Områdesregistret kunde inte läsas: ${built.issues.slice(0, 3).map((i) => i.message).join(" ")}`);
  return built.value;
}
