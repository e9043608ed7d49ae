// Text normalisation for matching headers and closed-list values: case-, accent- and whitespace-insensitive.

/** Lower case, trimmed, inner whitespace collapsed. */
export function foldSpaces(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Lower case, diacritics removed, everything but letters and digits removed. */
export function foldLoose(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
