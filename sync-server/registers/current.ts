// The registers in force, parsed with the shared loaders.
import { loadNykoRegister, type NykoRegister } from "../../shared/areas";
import { createNykoRegister } from "../../shared/areas";
import type { Db } from "../db/database";
import { registerAt } from "../stores/registers";

/** The NYKO register valid at `date`; an empty one when none is loaded. */
export function nykoRegisterAt(db: Db, date: string): NykoRegister {
  const row = registerAt(db, "nyko-areas", date);
  if (!row) return createNykoRegister([]);
  const loaded = loadNykoRegister(row.payload);
  if (!loaded.ok) throw new Error(`NYKO-registret (version ${row.id}) kan inte läsas: ${loaded.issues[0]?.message ?? ""}`);
  return loaded.value;
}
