// The huvudman's "osäker" threshold, one JSON value under its own key in delivery_settings.
import { DEFAULT_UNCERTAIN_BASE } from "../../shared/stats/intervals";
import type { UncertaintySettings } from "../../shared/protocol/uncertainty-api";
import type { Db } from "../db/database";

export const DEFAULT_UNCERTAINTY_SETTINGS: UncertaintySettings = { minBase: DEFAULT_UNCERTAIN_BASE };

export function getUncertaintySettings(db: Db): UncertaintySettings {
  const row = db.prepare("SELECT value FROM delivery_settings WHERE key = 'uncertainty'").get() as { value: string } | undefined;
  return { ...DEFAULT_UNCERTAINTY_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<UncertaintySettings>) : {}) };
}

export function setUncertaintySettings(db: Db, s: UncertaintySettings, by: string, at: string): void {
  db.prepare(
    "INSERT INTO delivery_settings (key, value, updated_at, updated_by) VALUES ('uncertainty', ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
  ).run(JSON.stringify(s), at, by);
}
