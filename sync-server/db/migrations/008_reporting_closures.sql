-- 008: the huvudman closes a half-month for a partner that has nothing to report ("stängd utan inrapportering"):
-- the half-month then counts as reported (its cells may be published as numbers, zero where nobody reported a row).
-- Reopening deletes the row; both are in the audit trail.
CREATE TABLE reporting_closures (
  org_id    TEXT NOT NULL REFERENCES organisations (id),
  period    TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  PRIMARY KEY (org_id, period)
);
