import { describe, expect, it } from "vitest";
import { chartSvg, niceStep } from "./chart-svg";

const base = { title: "Bränder", categories: ["2026-01", "2026-02", "2026-03"], series: [{ name: "Hela kommunen", values: [3, null, 5] }] };

describe("chart SVG", () => {
  it("has the title, both axis titles and the category labels", () => {
    const svg = chartSvg({ ...base, kind: "line", categoryTitle: "Period (månad)", valueTitle: "antal" });
    expect(svg).toMatch(/<text class="title"[^>]*>Bränder<\/text>/);
    expect(svg).toMatch(/<text class="axis-title category-axis"[^>]*>Period \(månad\)<\/text>/);
    expect(svg).toMatch(/<text class="axis-title value-axis"[^>]*transform="rotate\(-90[^>]*>antal<\/text>/);
    expect(svg.match(/<text class="category"/g)).toHaveLength(3);
    expect(svg).not.toContain('class="legend"'); // one series: no legend
  });

  it("escapes every text", () => {
    const svg = chartSvg({ kind: "column", title: `A & <B> "c"`, categoryTitle: "x<y", valueTitle: "'v'", categories: ["<k>"], series: [{ name: "s&t", values: [1] }, { name: "u", values: [2] }], footnote: "a & b" });
    expect(svg).toContain(">A &#38; &#60;B&#62; &#34;c&#34;</text>");
    expect(svg).toContain(">x&#60;y</text>");
    expect(svg).toContain(">&#39;v&#39;</text>");
    expect(svg).toContain(">&#60;k&#62;</text>");
    expect(svg).toContain(">s&#38;t</text>"); // the legend, two series
    expect(svg).toContain(">a &#38; b</text>");
    expect(svg).not.toMatch(/>[^<]*[&][^#][^<]*</);
  });

  it("leaves a gap for null (a line broken in two, no bar), never a 0, and writes the footnote", () => {
    const line = chartSvg({ ...base, kind: "line", categories: ["a", "b", "c", "d", "e"], series: [{ name: "s", values: [1, 2, null, 4, 5] }], footnote: "Lucka = skyddat värde (..), inte 0." });
    expect(line.match(/<polyline /g)).toHaveLength(2);
    expect(line.match(/<circle /g)).toHaveLength(4);
    expect(line).toMatch(/<text class="footnote"[^>]*>Lucka = skyddat värde \(\.\.\), inte 0\.<\/text>/);
    const bars = chartSvg({ ...base, kind: "column" });
    expect(bars.match(/<rect class="bar"/g)).toHaveLength(2);
  });

  it("puts round ticks on the value axis", () => {
    expect([niceStep(10), niceStep(23), niceStep(0.7), niceStep(1200), niceStep(0)]).toEqual([2, 5, 0.2, 500, 1]);
    const svg = chartSvg({ ...base, kind: "column", series: [{ name: "s", values: [3, 7, 12] }] });
    expect([...svg.matchAll(/<text class="tick"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(["0", "5", "10", "15"]);
  });

  it("draws a series' 95 % interval as a band along a line (broken at gaps) and as whiskers on columns", () => {
    const series = [{ name: "s", values: [4, 6, null, 5, 9], low: [1.1, 2.2, null, 1.6, 4.1], high: [10.2, 13.1, null, 11.7, 17.1] }];
    const line = chartSvg({ ...base, kind: "line", categories: ["a", "b", "c", "d", "e"], series });
    // Two runs of published values: two bands; the value axis reaches the highest bound.
    expect(line.match(/<polygon class="interval-band"/g)).toHaveLength(2);
    expect(line).not.toContain("interval-whisker");
    expect([...line.matchAll(/<text class="tick"[^>]*>([^<]+)</g)].map((m) => m[1]).at(-1)).toBe("20");
    // A lone point between gaps gets a whisker, since a band needs two.
    const lone = chartSvg({ ...base, kind: "line", categories: ["a", "b", "c"], series: [{ name: "s", values: [null, 6, null], low: [null, 2, null], high: [null, 13, null] }] });
    expect(lone.match(/<g class="interval-whisker"/g)).toHaveLength(1);
    const bars = chartSvg({ ...base, kind: "column", categories: ["a", "b", "c", "d", "e"], series });
    expect(bars.match(/<g class="interval-whisker"/g)).toHaveLength(4);
    expect(bars).not.toContain("interval-band");
    // Whiskers are drawn over the bars.
    expect(bars.lastIndexOf("interval-whisker")).toBeGreaterThan(bars.lastIndexOf('class="bar"'));
  });
});
