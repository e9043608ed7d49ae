// The demo partners' real exports, located and measured against truth.json.
import { beforeAll, describe, expect, it } from "vitest";
import { ACTOR_LOCATION_COLUMNS, readActorRows, type ActorRow } from "../../test/fixtures/areas/actors";
import { demoRegisters, demoTruth } from "../../test/fixtures/areas/demo";
import { distanceToOutline } from "./geometry";
import { createLocator, type LocateResult } from "./locate";

const registers = demoRegisters();
const locator = createLocator(registers);
const truth = demoTruth();
const exportCache = new Map<string, Promise<{ row: ActorRow; result: LocateResult }[]>>();

/** Each export is read and located once per test file. */
function locateExport(actor: string): Promise<{ row: ActorRow; result: LocateResult }[]> {
  let rows = exportCache.get(actor);
  if (!rows) {
    rows = readActorRows(actor).then((list) =>
      list.map((row) => ({ row, result: locator.locate({ address: row.address, north: row.north, east: row.east }) })),
    );
    exportCache.set(actor, rows);
  }
  return rows;
}

describe.each(Object.keys(ACTOR_LOCATION_COLUMNS))("locating %s's export", (actor) => {
  let rows: { row: ActorRow; result: LocateResult }[] = [];
  const unmatched = new Set(truth.unmatchedAddresses.filter((u) => u.actor === actor).map((u) => u.id));

  beforeAll(async () => {
    rows = await locateExport(actor);
  });

  it("puts every row located by address in its true area", () => {
    const wrong = rows
      .filter(({ row, result }) => result.ok && result.via === "address" && result.nyko !== truth.locations[row.id])
      .map(({ row, result }) => ({ id: row.id, address: row.address, result, truth: truth.locations[row.id] }));
    expect(wrong).toEqual([]);
  });

  it("locates at least 99 % of the rows whose address is in the register", () => {
    const inRegister = rows.filter(({ row }) => !unmatched.has(row.id));
    const located = inRegister.filter(({ result }) => result.ok).length;
    expect(inRegister.length).toBeGreaterThan(1000);
    expect(located / inRegister.length).toBeGreaterThanOrEqual(0.99);
  });

  it("does not locate the rows planted with addresses outside the register", () => {
    const planted = rows.filter(({ row }) => unmatched.has(row.id));
    expect(planted.length).toBe(unmatched.size);
    expect(planted.filter(({ result }) => result.ok).map(({ row }) => row)).toEqual([]);
    const reasons = new Set(planted.map(({ result }) => (result.ok ? "located" : result.reason)));
    expect(reasons).toEqual(new Set(["unknown-street", "unknown-number"]));
  });
});

describe("locating brandforsvaret's coordinates", () => {
  it("places them in the true area, or within GPS error (100 m) of its edge", async () => {
    const rows = await locateExport("brandforsvaret");
    const byCoordinates = rows.filter(({ row }) => row.north !== null && row.north !== "");
    const shapes = new Map(registers.areas.shapes.map((s) => [s.nyko, s]));
    const right = byCoordinates.filter(({ row, result }) => result.ok && result.nyko === truth.locations[row.id]);
    const farOff = byCoordinates
      .filter(({ row, result }) => !(result.ok && result.nyko === truth.locations[row.id]))
      .map(({ row }) => {
        const shape = shapes.get(truth.locations[row.id]);
        return { id: row.id, metres: shape ? distanceToOutline(shape, Number(row.east), Number(row.north)) : Infinity };
      })
      .filter((x) => x.metres > 100);
    expect(byCoordinates.length).toBeGreaterThan(1000);
    expect(right.length / byCoordinates.length).toBeGreaterThanOrEqual(0.99);
    expect(farOff).toEqual([]);
  });
});
