// Periods: the publication tree (half-month ⊂ month ⊂ quarter ⊂ year), school years, internal ISO weeks,
// Stockholm civil time and completeness. See README.md.
export * from "./civil-date";
export * from "./stockholm";
export * from "./period";
export * from "./tree";
export * from "./record-period";
export * from "./complete";
