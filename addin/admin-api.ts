// Types of the admin API answers the add-in reads (indicators, grants, subscriptions, completeness, duplicates,
// alerts), taken from the shared contracts so the client and the server cannot drift apart.
import type { z } from "zod";
import type { accessListSchema, completenessRowSchema, completenessSchema } from "../shared/protocol/api";
import type { AlertQuery, AlertRow, Duplicate, DuplicateStatus } from "../shared/protocol/duplicates-api";
import type { alertListSchema } from "../shared/protocol/duplicates-api";
import type { Grain, IndicatorDefinition } from "../shared/indicators/schema";

/** A grant or a subscription as the server lists it: an access entry together with the organisation it belongs to. */
export type OrgAccessEntry = z.infer<typeof accessListSchema>["entries"][number];
export type CompletenessRow = z.infer<typeof completenessRowSchema>;
export type Completeness = z.infer<typeof completenessSchema>;
export type AlertList = z.infer<typeof alertListSchema>;
export type { AlertRow, Duplicate, DuplicateStatus };
/** Query of GET /api/alerts as the wire carries it (strings). */
export type AlertFilter = Partial<Record<keyof AlertQuery, string>>;

export interface DuplicateList {
  duplicates: Duplicate[];
  total: number;
}

export interface DecidedDuplicate {
  id: number;
  status: DuplicateStatus;
  decidedBy: string;
  decidedAt: string;
  comment: string | null;
}

/** An indicator definition as GET /api/indicators lists it. */
export type StoredIndicator = IndicatorDefinition & { createdAt?: string };

export interface GrainSuggestionResponse {
  indicator: string;
  current: Grain;
  threshold: number;
  grain: Grain;
  smallShare: number;
  smallShareOfNonZero: number;
}

/** What POST /api/deliveries/run answers once the round has ended. */
export interface RoundRun {
  job: { id: string; joined: boolean; startedAt: string };
  roundId: number;
  status: "sent" | "audit-failed" | "fail-closed" | "empty";
  lastPeriod: string;
  deliveries: { org: string; number: number }[];
  withheld: string[];
}
