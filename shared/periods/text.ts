// Swedish names of the period types, as readers see them.
import type { PeriodType } from "../protocol/delivery";

export const PERIOD_TYPE_TEXT: Record<PeriodType, string> = { halfmonth: "halvmånad", month: "månad", quarter: "kvartal", year: "år", schoolyear: "läsår", week: "vecka" };

/** The period type a Swedish name stands for (any case, surrounding spaces ignored), or undefined. */
export function periodTypeOfText(text: string): PeriodType | undefined {
  const name = text.trim().toLowerCase();
  return (Object.keys(PERIOD_TYPE_TEXT) as PeriodType[]).find((t) => PERIOD_TYPE_TEXT[t] === name);
}

/** The Swedish name of a period type as it came over the wire (the text itself when it is no known type). */
export function periodTypeName(type: string): string {
  return (PERIOD_TYPE_TEXT as Record<string, string | undefined>)[type] ?? type;
}
