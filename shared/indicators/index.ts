// Indicators: versioned definitions, the built-in set, and the cube (indicator × NYKO level × period).
export * from "./schema";
export * from "./check-templates";
export * from "./builtin";
export * from "./hierarchy";
export * from "./match";
export * from "./inner";
export * from "./cube";
export * from "./grain";
export * from "./population";
export * from "./period-layout";
