// Contract of /api/deliveries/uncertainty: the huvudman's threshold under which a published value is "osäker"
// whatever its interval (issue 15 §1; the interval itself is always 95 %).
import { z } from "zod";

export const uncertaintySettingsSchema = z
  .object({
    /** A value whose base (its count, or a share's denominator) is under this is marked "osäker". */
    minBase: z.number().int().min(0).max(10000),
  })
  .strict();
export type UncertaintySettings = z.infer<typeof uncertaintySettingsSchema>;
