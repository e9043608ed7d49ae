// Writes addin/assets/icon-{16,32,64,80}.png with the project's own PNG encoder:
//   npx tsx sync-server/workbook/generate-icons.ts
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { ICON_SIZES, renderIconPng } from "../../shared/charts/icon";

const assets = join(dirname(fileURLToPath(import.meta.url)), "../../addin/assets");
for (const size of ICON_SIZES) writeFileSync(join(assets, `icon-${size}.png`), renderIconPng(size));
