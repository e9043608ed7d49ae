// Areas: NYKO register, address normalisation and lookup, point in polygon, projections, population.
export type { LoadIssue, LoadResult } from "./load-result";
export { loadNykoRegister, createNykoRegister, nykoRegisterCsv, type NykoArea, type NykoRegister } from "./nyko-register";
export { loadAddressRegister, type AddressPoint } from "./address-register";
export { parseAddress, normaliseAddressKey, foldStreet, type ParsedAddress } from "./address-normalise";
export { streetVariants } from "./street-variants";
export { createAddressIndex, type AddressIndex, type AddressLookup, type AddressMatch, type UnlocatedReason } from "./address-index";
export { loadAreaShapes, loadOutline } from "./geojson";
export { pointInPolygon, pointInShape, distanceToOutline, type AreaShape, type Outline, type PolygonRings, type BBox } from "./geometry";
export { createAreaIndex, type AreaIndex } from "./area-index";
export { canonicalCrs, toSweref99Tm, sweref99TmToWgs84, isSupportedCrs } from "./projection";
export { loadPopulation, type PopulationTable, type PopulationValue } from "./population";
export { buildRegisters, REGISTER_FILES, type AreaRegisters, type RegisterTexts } from "./registers";
export { createLocator, coordinateValue, type Locator, type LocateInput, type LocateResult } from "./locate";
export { UNLOCATED_REASONS, unlocatedMessage } from "./reasons";
