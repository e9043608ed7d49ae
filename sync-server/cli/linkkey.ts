// `lagesbild linkkey generate`: prints a new random 32-byte linkage key (hex) for the huvudman to hand to the
// partners outside the system (docs/double-reporting.md). Nothing is stored and nothing is sent anywhere.
// `linkKeyFromEnv` / `readLinkKey` give the file pipeline (submit) the key from LAGESBILD_LINK_KEY or a key file.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseLinkKey } from "../../shared/dedup/link-tokens";

export const LINK_KEY_ENV = "LAGESBILD_LINK_KEY";

export type LinkKeyResult = { ok: true; value: Uint8Array | null } | { ok: false; issues: string[] };

export function generateLinkKey(): string {
  return randomBytes(32).toString("hex");
}

const BAD_KEY = "Länknyckeln ska vara minst 32 byte, skriven som hex (64 tecken) eller base64.";

/** The key from LAGESBILD_LINK_KEY; `value: null` when the variable is unset (then no tokens are made). */
export function linkKeyFromEnv(env: Record<string, string | undefined> = process.env): LinkKeyResult {
  const text = env[LINK_KEY_ENV];
  if (text === undefined || text.trim() === "") return { ok: true, value: null };
  const key = parseLinkKey(text);
  return key ? { ok: true, value: key } : { ok: false, issues: [`${LINK_KEY_ENV}: ${BAD_KEY}`] };
}

/** The key from `--link-key-file FILE` when given, else from the environment. */
export function readLinkKey(file: string | undefined, env: Record<string, string | undefined> = process.env): LinkKeyResult {
  if (file === undefined) return linkKeyFromEnv(env);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { ok: false, issues: [`Nyckelfilen ${file} kunde inte läsas.`] };
  }
  const key = parseLinkKey(text);
  return key ? { ok: true, value: key } : { ok: false, issues: [`${file}: ${BAD_KEY}`] };
}

export function linkkeyCommand(argv: string[], out: (line: string) => void = (l) => console.log(l)): number {
  if (argv[0] !== "generate") {
    console.error("Användning: lagesbild linkkey generate");
    return 2;
  }
  out(generateLinkKey());
  out(
    [
      "",
      "Detta är en ny länknyckel för dubbelrapportering. Den har inte sparats någonstans.",
      "Lämna den till varje partner utanför systemet (personligen eller på papper), aldrig via Lägesbild, e-post eller chatt.",
      `Partnern anger den i tillägget eller i miljövariabeln ${LINK_KEY_ENV}. Servern får aldrig nyckeln.`,
      "Byt nyckel varje kvartal: gamla och nya nycklar ger aldrig samma länkvärden.",
    ].join("\n"),
  );
  return 0;
}
