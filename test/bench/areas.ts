// Benchmark: address and coordinate lookups per second (shared/areas). Files are read outside the timing.
import { readActorRows } from "../fixtures/areas/actors";
import { demoRegisters } from "../fixtures/areas/demo";
import { createLocator } from "../../shared/areas/locate";

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString("sv-SE")} /s`;
}

export async function run(): Promise<void> {
  const registers = demoRegisters();
  const rows = await readActorRows("polisen");
  const addresses = rows.map((r) => (typeof r.address === "string" ? r.address : ""));
  const distinct = new Set(addresses).size;
  console.log(`polisen.xlsx: ${addresses.length} addresses, ${distinct} distinct texts`);

  // Uncached: every address parsed, normalised and looked up.
  let t = performance.now();
  let found = 0;
  for (const a of addresses) if (registers.addresses.lookup(a).ok) found++;
  let ms = performance.now() - t;
  console.log(`address lookup, no cache:        ${rate(addresses.length, ms)} (${found} located)`);

  // Through a fresh locator: the first sight of each text is parsed, repeats are one Map hit.
  const locator = createLocator(registers);
  t = performance.now();
  for (const a of addresses) locator.locateAddress(a);
  ms = performance.now() - t;
  console.log(`locator, cold cache:             ${rate(addresses.length, ms)}`);

  // A 200,000-row export repeats the same texts: measure the warm path over 4 passes.
  t = performance.now();
  for (let pass = 0; pass < 4; pass++) for (const a of addresses) locator.locateAddress(a);
  ms = performance.now() - t;
  console.log(`locator, warm cache:             ${rate(addresses.length * 4, ms)}`);

  // Coordinates: every register point, in SWEREF 99 TM.
  const points = registers.addressPoints.filter((p) => p.n !== null && p.e !== null);
  t = performance.now();
  let inside = 0;
  for (let pass = 0; pass < 10; pass++) for (const p of points) if (locator.locateCoordinates(p.n, p.e).ok) inside++;
  ms = performance.now() - t;
  console.log(`coordinates (SWEREF 99 TM):      ${rate(points.length * 10, ms)} (${inside / 10} of ${points.length} inside)`);
}
