// Identifiers in contracts: organisation, template and indicator ids, in bodies and in query parameters.
import { z } from "zod";
import { withoutIdentifiers } from "./safe-text";

export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/);

/** An id in a query: the id character set and no identifier, so what a query names (and the audit trail may record)
 * is never free text. */
export const idQuerySchema = withoutIdentifiers(idSchema);
