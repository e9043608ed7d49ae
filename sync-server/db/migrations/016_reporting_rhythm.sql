-- 016: a partner may report weekly (ISO weeks, Monday–Sunday, Stockholm time) instead of per half-month, a setting
-- the huvudman changes (audited `reporting.rhythm`). Its dated rows then belong to their week: the submission's
-- periods are weeks, an approval supersedes per week, and a half-month counts as reported for it once every week
-- overlapping it is approved. No row means per half-month.
CREATE TABLE reporting_rhythms (
  org_id TEXT PRIMARY KEY REFERENCES organisations (id),
  rhythm TEXT NOT NULL CHECK (rhythm IN ('week')),
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL
);
