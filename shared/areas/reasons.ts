// Why a row could not be located, in Swedish for the receipt and the sheet. A row without a NYKO code is a
// warning, not an error: it is sent without a code and counts only in the municipality total.
import type { UnlocatedReason } from "./address-index";

export const UNLOCATED_REASONS: readonly UnlocatedReason[] = [
  "unknown-street",
  "unknown-number",
  "outside-municipality",
  "ambiguous",
  "missing",
];

const MESSAGES: Record<UnlocatedReason, string> = {
  "unknown-street": "Gatan finns inte i adressregistret.",
  "unknown-number": "Gatan finns, men inte med det numret.",
  "outside-municipality": "Platsen ligger utanför kommunens områden.",
  ambiguous: "Adressen kan höra till flera områden; ange nummer och bokstav.",
  missing: "Plats saknas.",
};

/** The Swedish explanation of a reason; the row is counted only in the municipality total. */
export function unlocatedMessage(reason: UnlocatedReason): string {
  return `${MESSAGES[reason]} Raden räknas bara i kommunens total.`;
}
