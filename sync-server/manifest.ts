// The add-in manifest as this server serves it: the repository's manifest.xml, written for https://localhost:3000,
// with every URL pointing at the address the server really answers on (PUBLIC_URL, or its host and port).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Router } from "express";

/** The address written in the repository's manifest.xml. */
export const MANIFEST_DEV_URL = "https://localhost:3000";
export const MANIFEST_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "manifest.xml");

/** The manifest with every URL moved from https://localhost:3000 to `publicUrl`. */
export function manifestFor(publicUrl: string, template: string = readFileSync(MANIFEST_FILE, "utf8")): string {
  return template.split(MANIFEST_DEV_URL).join(publicUrl.replace(/\/+$/, ""));
}

/** GET /manifest.xml, templated once for this server's address; nothing when the repository has no manifest. */
export function manifestRouter(publicUrl: string, file: string = MANIFEST_FILE): Router {
  const r = Router();
  if (!existsSync(file)) return r;
  const xml = manifestFor(publicUrl, readFileSync(file, "utf8"));
  r.get("/manifest.xml", (_req, res) => {
    res.type("application/xml").set("Cache-Control", "no-cache").send(xml);
  });
  return r;
}
