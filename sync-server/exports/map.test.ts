import { describe, expect, it } from "vitest";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import type { MapFeature } from "./geojson";
import { areaState, mapSvg } from "./map";

// Two areas side by side (SWEREF 99 TM metres): a wide one with room for its label, and a sliver without.
const square = (e: number, w: number): MapFeature["polygons"] => [[[[e, 0], [e + w, 0], [e + w, 4000], [e, 4000], [e, 0]]]];
const features: MapFeature[] = [
  { nyko: "111", name: "Centrum <norr> & \"sö\"", polygons: square(0, 6000) },
  { nyko: "112", name: "Smala remsan", polygons: square(6000, 40) },
  { nyko: "113", name: "Tomma", polygons: square(6040, 3000) },
];
const cell = (nyko: string, value: number | null, suppressed = false): DeliveryCell => ({ indicator: "x", nyko, level: 3, periodType: "month", period: "2026-03", value, suppressed });

describe("area map SVG", () => {
  it("gives each area its state, and the legend a line per state", () => {
    const svg = mapSvg({ features, cells: [cell("111", 12), cell("112", null, true)], indicator: "x", title: "Bränder", period: "2026-03", unit: "antal" });
    expect(svg).toMatch(/<path class="area state-value" data-state="value" data-nyko="111"/);
    expect(svg).toMatch(/<path class="area state-suppressed" data-state="suppressed" data-nyko="112"[^>]*fill="url\(#hatch\)"/);
    expect(svg).toMatch(/<path class="area state-no-value" data-state="no-value" data-nyko="113"[^>]*fill="#FFFFFF"/);
    expect(svg).toMatch(/<g class="legend state-suppressed"/);
    expect(svg).toMatch(/<g class="legend state-no-value"/);
    expect([areaState(undefined), areaState(cell("1", null)), areaState(cell("1", 3)), areaState(cell("1", null, true))]).toEqual(["no-value", "no-value", "value", "suppressed"]);
  });

  it("labels an area with its name and value where they fit, escaped; a sliver gets its mark only", () => {
    const svg = mapSvg({ features, cells: [cell("111", 12), cell("112", null, true)], indicator: "x", title: "A & <B>", period: "2026-03", unit: "antal" });
    expect(svg).toContain(">A &#38; &#60;B&#62;, 2026-03</text>");
    expect(svg).toMatch(/<text class="label state-value"[^>]*><tspan[^>]*>Centrum &#60;norr&#62; &#38; &#34;sö&#34;<\/tspan><tspan[^>]*font-weight="bold">12<\/tspan><\/text>/);
    expect(svg).not.toContain("Smala remsan</tspan>");
    expect(svg).toMatch(/<text class="mark state-suppressed"[^>]*>\.\.<\/text>/);
    expect(svg).not.toMatch(/<[^>]*&[^#]/); // no raw ampersand anywhere
  });
});
