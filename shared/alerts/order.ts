// The order of alarm rows, shared by the server and the pane (kept apart from the statistics, which the pane does not need).

/** Strongest first: the least likely under the area's own history first (a missing p-value last), then the latest. */
export function strongestFirst(a: { pValue?: number | null; week: string }, b: { pValue?: number | null; week: string }): number {
  return (a.pValue ?? 1) - (b.pValue ?? 1) || b.week.localeCompare(a.week);
}
