// Swedish names of the period types, as readers see them.
import type { PeriodType } from "../protocol/delivery";

export const PERIOD_TYPE_TEXT: Record<PeriodType, string> = { halfmonth: "halvmånad", month: "månad", quarter: "kvartal", year: "år", schoolyear: "läsår" };
