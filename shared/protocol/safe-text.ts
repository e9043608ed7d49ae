// Free text that the server stores or logs (comments, names, labels, keys): refused when the shared identifier
// scanner finds a personal identity number, phone number, e-mail or the like in it. One rule for every contract.
import { type z } from "zod";
import { containsIdentifier } from "../deidentify/scan";

export const IDENTIFYING_TEXT_MESSAGE =
  "Texten liknar en personuppgift (till exempel personnummer, telefonnummer eller e-post) och sparas inte. Skriv den utan personuppgifter.";

/** The schema, refusing any value in which the identifier scanner finds something (issue params mark it identifying). */
export function withoutIdentifiers(schema: z.ZodString) {
  return schema.refine((text) => !containsIdentifier(text), { message: IDENTIFYING_TEXT_MESSAGE, params: { identifying: true } });
}

/** Whether a zod issue is the refusal of identifying text. */
export function isIdentifyingIssue(issue: z.ZodIssue): boolean {
  return issue.code === "custom" && (issue.params as { identifying?: boolean } | undefined)?.identifying === true;
}
