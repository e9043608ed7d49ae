// Where the project's own copy of the demo registers lives.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const DEMO_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "demo");
