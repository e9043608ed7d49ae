// Validates manifest.xml offline against Microsoft's add-in manifest schemas (../shared/schemas/office-manifest/)
// with xmllint compiled to WebAssembly, and checks what the schema cannot: host, URLs, requirement set, icons.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const schemaDir = resolve(repo, "../shared/schemas/office-manifest");
const manifest = readFileSync(join(repo, "manifest.xml"), "utf8");
const MAIN_SCHEMA = "OfficeAppManifestV1_1.xsd";

async function validate(xml: string) {
  const files = readdirSync(schemaDir).filter((f) => f.endsWith(".xsd"));
  const read = (f: string) => ({ fileName: f, contents: readFileSync(join(schemaDir, f), "utf8") });
  return validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [read(MAIN_SCHEMA)],
    preload: files.filter((f) => f !== MAIN_SCHEMA).map(read),
  });
}

function pngSize(bytes: Uint8Array): [number, number] {
  const u32 = (o: number) => ((bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]) >>> 0;
  return [u32(16), u32(20)];
}

describe("manifest.xml", () => {
  it("is valid against the Office add-in manifest schemas", async () => {
    const result = await validate(manifest);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("fails validation when broken (the validator really checks)", async () => {
    const result = await validate(manifest.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>"));
    expect(result.valid).toBe(false);
  });

  it("is an Excel task pane with a Home-tab button that shows the task pane", () => {
    expect(manifest).toMatch(/xsi:type="TaskPaneApp"/);
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });

  it("asks for ExcelApi 1.10, the highest set the Office.js workbook uses", () => {
    const sets = [...manifest.matchAll(/Set Name="ExcelApi" MinVersion="([\d.]+)"/g)].map((m) => m[1]);
    expect(sets).toEqual(["1.10", "1.10"]);
    const code = readFileSync(join(repo, "addin/excel/office-workbook.ts"), "utf8");
    expect(code).toMatch(/comments/); // 1.10 is needed for comments; drop the requirement with them
  });

  it("serves everything from https://localhost:3000 (replaced at build time) and every icon exists at its size", () => {
    const urls = [...manifest.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith("https://localhost:3000/")).toBe(true);
    for (const url of urls.filter((u) => u.endsWith(".png"))) {
      const file = url.replace("https://localhost:3000/assets/", "addin/assets/");
      const size = Number(/icon-(\d+)\.png$/.exec(file)![1]);
      expect(pngSize(new Uint8Array(readFileSync(join(repo, file))))).toEqual([size, size]);
    }
  });
});
