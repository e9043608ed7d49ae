// Moved to shared/workbook/own-sheets.ts (the delivery writer there needs it too); re-exported for the flows.
export { OWN_SHEETS_SETTING, isOwnSheet, ownSheetFor, replaceOwnSheet, safeSheetName } from "../../shared/workbook/own-sheets";
