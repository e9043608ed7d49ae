// "Osäkra värden" (huvudman): the base under which a published value is marked osäker whatever its interval
// (GET/PUT /api/deliveries/uncertainty). The intervals themselves are always 95 %; the setting applies from the next
// delivery round on.
import { uncertaintySettingsSchema } from "../../shared/protocol/uncertainty-api";
import type { SyncClient } from "../sync-client";

export type MinBaseInput = { ok: true; value: number } | { ok: false; message: string };

/** The field's text as a base: a whole number 0–10 000, or a Swedish explanation. */
export function parseMinBase(text: string): MinBaseInput {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) return { ok: false, message: `Minsta bas ska vara ett heltal mellan 0 och 10 000 (fick ”${t}”).` };
  const parsed = uncertaintySettingsSchema.safeParse({ minBase: Number(t) });
  return parsed.success ? { ok: true, value: parsed.data.minBase } : { ok: false, message: `Minsta bas ska vara ett heltal mellan 0 och 10 000 (fick ”${t}”).` };
}

export function minBaseText(minBase: number): string {
  return `Ett värde vars bas (antal, eller nämnaren i en andel) är under ${minBase} markeras som osäkert, liksom ett värde vars 95 %-intervall är bredare än värdet. Gäller från nästa leveransomgång.`;
}

/** Saves the base from the field's text; refuses bad input before anything is sent. */
export async function saveMinBase(client: SyncClient, text: string): Promise<string> {
  const input = parseMinBase(text);
  if (!input.ok) throw new Error(input.message);
  const saved = await client.setUncertaintySettings({ minBase: input.value });
  return `Sparat. ${minBaseText(saved.minBase)}`;
}
