// Exports: CSV for Excel and Power Query (BOM, `;`, decimal comma, no formula injection), GeoJSON in EPSG:3006 and
// WGS 84 (validated, every coordinate inside the municipality), and the area map; each written to the audit trail.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import request from "supertest";
import { check } from "@placemarkio/check-geojson";
import { distanceToOutline, loadOutline, pointInShape, toSweref99Tm } from "../../shared/areas";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { darkPixels, decodePng, PNG_SIGNATURE } from "../helpers/png";
import type { Db } from "../../sync-server/db/database";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import { csvField, toCsv } from "../../sync-server/exports/csv";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer } from "../helpers/server";

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  stream.on("end", () => cb(null, Buffer.concat(chunks)));
};

async function deliveredServer() {
  const s = makeServer();
  await submitApproved(s, vandalism("2026-03-05", { "111": 9, "112": 1, "113": 6, "121": 7, "122": 5, "131": 4 }));
  await grantAndSubscribe(s, "polisen");
  await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({}).expect(201);
  return s;
}

function auditActions(s: { db: Db }): string[] {
  return (s.db.prepare("SELECT action FROM audit_log ORDER BY seq").all() as { action: string }[]).map((r) => r.action);
}

describe("CSV", () => {
  it("fields: numbers with point or comma, text literal and quoted", () => {
    expect(csvField(1.5)).toBe("1.5");
    expect(csvField(1.5, { decimalComma: true })).toBe("1,5");
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField('a;"b"')).toBe('"a;""b"""');
    expect(csvField("=HYPERLINK(\"x\";\"y\")")).toBe('"\'=HYPERLINK(""x"";""y"")"');
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("\uFEFFa;b\r\n1;x\r\n");
  });

  it("a delivery: BOM, `;`, `..` for suppressed cells, decimal comma on request, audited", async () => {
    const s = await deliveredServer();
    const res = await request(s.app).get("/api/exports/delivery.csv").set(await s.as("polisen"));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    const text = res.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("indikator;namn;nyko;niva;periodtyp;period;varde;undertryckt;status;low;high;uncertain;change_previous;change_last_year");
    // A suppressed cell has no interval; a published one has its 95 % interval (Garwood on 32: 21.888–45.1745) and mark.
    expect(lines.find((l) => l.includes(";112;3;halfmonth;2026-03-H1;"))).toMatch(/;\.\.;ja;skyddat;;;;[^;]*;[^;]*$/);
    expect(lines.find((l) => l.includes(";kommun;0;halfmonth;2026-03-H1;"))).toMatch(/;32;nej;varde;21\.888;45\.1745;nej;[^;]*;[^;]*$/);
    expect(auditActions(s)).toContain("export.delivery-csv");
  });

  it("decimal comma for rates, and an indicator title that looks like a formula stays text", async () => {
    const s = makeServer();
    const base = BUILTIN_INDICATORS.find((d) => d.id === "skadegorelse-klotter")!;
    const huvudman = await s.as("huvudman");
    const evil = { ...base, id: "skadegorelse-per-1000", title: "=HYPERLINK(\"http://x\";\"klicka\")", denominator: { kind: "population", band: "totalt" }, factor: "per1000", unit: "per 1 000 invånare" };
    const created = await request(s.app).post("/api/indicators").set(huvudman).send({ definition: evil });
    expect(created.status).toBe(201);
    await submitApproved(s, vandalism("2026-03-05", { "111": 9, "121": 7 }));
    await request(s.app).post("/api/deliveries/run").set(huvudman).send({}).expect(201);
    const res = await request(s.app).get("/api/exports/delivery.csv?decimal=comma").set(huvudman);
    const line = res.text.split("\r\n").find((l) => l.startsWith("skadegorelse-per-1000;") && l.includes(";kommun;0;halfmonth;2026-03-H1;"))!;
    expect(line).toContain(`;"'=HYPERLINK(""http://x"";""klicka"")";`);
    expect(line.split(";")[6]).toMatch(/^0,\d+$/);
    // A rate per 1,000 carries its interval with decimal commas too.
    expect(line.split(";")[9]).toMatch(/^0,\d+$/);
    expect(line.split(";")[10]).toMatch(/^0,\d+$/);
    expect(res.headers["content-disposition"]).toContain("EJ-FOR-SPRIDNING");
  });

  it("the huvudman's export of the approved de-identified records", async () => {
    const s = await deliveredServer();
    const res = await request(s.app).get("/api/exports/records.csv?templateId=polis-anmalningar").set(await s.as("huvudman"));
    expect(res.status).toBe(200);
    const lines = res.text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("organisation;mall;mallversion;datum;timme;period;nyko;brottsbenamning;brottskod");
    expect(lines).toHaveLength(33);
    expect(lines[1]).toBe("polisen;polis-anmalningar;1;2026-03-05;14;;111;Skadegörelse;1201");
    expect(auditActions(s)).toContain("export.records-csv");
  });
});

describe("GeoJSON and map", () => {
  const outlineText = readFileSync(join(DEMO_DIR, "kommungrans.geojson"), "utf8");
  const outline = loadOutline(outlineText);
  if (!outline.ok) throw new Error("outline");
  const inside = (e: number, n: number) => pointInShape(outline.value, e, n) || distanceToOutline(outline.value, e, n) < 1;

  function positions(geometry: { type: string; coordinates: unknown }): [number, number][] {
    const polys = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as [number, number][][][];
    return polys.flat(2);
  }

  for (const crs of ["3006", "4326"] as const) {
    it(`EPSG:${crs}: valid GeoJSON, NYKO-3 polygons with values, every coordinate inside the municipality`, async () => {
      const s = await deliveredServer();
      const res = await request(s.app).get(`/api/exports/delivery.geojson?indicator=skadegorelse-klotter&period=2026-03-H1&crs=${crs}`).set(await s.as("polisen"));
      expect(res.status).toBe(200);
      const text = res.text;
      const parsed = check(text) as unknown as { features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[] };
      const fc = JSON.parse(text) as { crs?: { properties: { name: string } } };
      if (crs === "3006") expect(fc.crs?.properties.name).toBe("urn:ogc:def:crs:EPSG::3006");
      else expect(fc.crs).toBeUndefined();
      expect(parsed.features.length).toBe(38);
      const f112 = parsed.features.find((f) => f.properties.nyko === "112")!;
      expect(f112.properties).toMatchObject({ varde: null, undertryckt: true, visas: "..", low: null, high: null, uncertain: null });
      // Every published area carries its 95 % interval around its value, and whether it is osäker.
      for (const f of parsed.features.filter((x) => x.properties.status === "value")) {
        const { varde, low, high, uncertain } = f.properties as { varde: number; low: number; high: number; uncertain: boolean };
        expect(low).toBeLessThanOrEqual(varde);
        expect(high).toBeGreaterThan(varde);
        expect(typeof uncertain).toBe("boolean");
      }
      expect(parsed.features.find((f) => f.properties.nyko === "111")!.properties.undertryckt === true || parsed.features.find((f) => f.properties.nyko === "111")!.properties.varde === 9).toBe(true);
      let count = 0;
      for (const f of parsed.features) {
        for (const [x, y] of positions(f.geometry)) {
          const [e, n] = crs === "3006" ? [x, y] : toSweref99Tm("EPSG:4326", [x, y]);
          if (crs === "4326") expect(x > 10 && x < 25 && y > 55 && y < 70).toBe(true);
          expect(inside(e, n)).toBe(true);
          count++;
        }
      }
      expect(count).toBeGreaterThan(38 * 4);
      expect(auditActions(s)).toContain("export.delivery-geojson");
    });
  }

  it("the area map marks suppressed areas with hatching and `..`, with a title, a legend of value ranges and area labels", async () => {
    const s = await deliveredServer();
    const police = await s.as("polisen");
    const svg = await request(s.app).get("/api/exports/map.svg?indicator=skadegorelse-klotter&period=2026-03-H1").set(police);
    expect(svg.status).toBe(200);
    const text = svg.text ?? svg.body.toString();
    expect(text).toContain('<pattern id="hatch"');
    expect((text.match(/<path /g) ?? []).length).toBe(38);
    // Every area carries its state; 112 (value 1) is suppressed: hatched, and marked `..`.
    expect(text).toMatch(/<path class="area state-suppressed" data-state="suppressed" data-nyko="112"[^>]*fill="url\(#hatch\)"[^>]*><title>112 /);
    expect(text).toMatch(/<path class="area state-value" data-state="value" data-nyko="111"/);
    expect(text).toMatch(/class="(label|mark) state-suppressed"[^>]*>.*\.\.<\/t(span|ext)>/);
    expect(text).toContain("undertryckt (röjandekontroll)");
    expect(text).toMatch(/<text class="title"[^>]*>Skadegörelse[^<]*, 2026-03-H1<\/text>/);
    // The legend shows value ranges (class breaks), and some areas are large enough for their name and value.
    expect(text).toMatch(/>≤ \d+<\/text>/);
    expect(text).toMatch(/>\d+ – \d+<\/text>/);
    expect((text.match(/<text class="label /g) ?? []).length).toBeGreaterThan(5);
  });

  it("map.png is map.svg rendered: a PNG of the SVG's size whose title and legend carry text", async () => {
    const s = await deliveredServer();
    const police = await s.as("polisen");
    const q = "indicator=skadegorelse-klotter&period=2026-03-H1";
    const svg = ((await request(s.app).get(`/api/exports/map.svg?${q}`).set(police).buffer(true).parse(binary)).body as Buffer).toString("utf8");
    const res = await request(s.app).get(`/api/exports/map.png?${q}`).set(police).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const img = decodePng(bytes);
    const [, w, h] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    expect([img.width, img.height]).toEqual([w, h]);
    // The title's text (y 8–28 from x 20) is drawn; the same band at the far right, past the title, is blank.
    const titleInk = darkPixels(img, { x: 20, y: 6, width: 300, height: 22 });
    expect(titleInk).toBeGreaterThan(200);
    expect(darkPixels(img, { x: w - 60, y: 6, width: 50, height: 22 })).toBe(0);
    // The legend's labels (right of the swatches, from the unit's line down) are text too.
    const [, ly] = /<text class="legend-title" x="20" y="(\d+)"/.exec(svg)!.map(Number);
    expect(darkPixels(img, { x: 52, y: ly + 8, width: 250, height: h - ly - 8 })).toBeGreaterThan(300);
    expect(auditActions(s).filter((a) => a.startsWith("export.map"))).toEqual(["export.map-svg", "export.map-png"]);
  });

  it("the add-in's PNG-in-JSON map is gone: the pane renders map.svg itself", async () => {
    const s = await deliveredServer();
    const res = await request(s.app).get("/api/exports/map.json?indicator=skadegorelse-klotter").set(await s.as("polisen"));
    expect(res.status).toBe(404);
  });
});
