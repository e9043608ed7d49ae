// Reads a municipality's registers from a folder in the demo formats (see shared/areas REGISTER_FILES).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildRegisters, REGISTER_FILES, type AreaRegisters, type RegisterTexts } from "../../shared/areas";
import { DEMO_DIR } from "../seed/demo-dir";

export function readRegisterTexts(dir: string): RegisterTexts {
  const read = (name: string) => readFileSync(join(dir, name), "utf8");
  const optional = (name: string) => (existsSync(join(dir, name)) ? read(name) : undefined);
  return {
    nykoCsv: read(REGISTER_FILES.nykoCsv),
    addressCsv: read(REGISTER_FILES.addressCsv),
    polygonsGeojson: read(REGISTER_FILES.polygonsGeojson),
    boundaryGeojson: optional(REGISTER_FILES.boundaryGeojson),
    populationCsv: optional(REGISTER_FILES.populationCsv),
  };
}

/** Loads the registers of a folder; throws with the register's own Swedish messages when they cannot be read. */
export function loadRegistersFromDir(dir: string = DEMO_DIR): AreaRegisters {
  for (const name of [REGISTER_FILES.nykoCsv, REGISTER_FILES.addressCsv, REGISTER_FILES.polygonsGeojson]) {
    if (!existsSync(join(dir, name))) throw new Error(`Registerfilen ${name} saknas i ${dir}.`);
  }
  const built = buildRegisters(readRegisterTexts(dir));
  if (!built.ok) throw new Error(`Registren i ${dir} kunde inte läsas:\n${built.issues.slice(0, 10).map((i) => `  ${i.file}${i.line ? `:${i.line}` : ""} ${i.message}`).join("\n")}`);
  return built.value;
}
