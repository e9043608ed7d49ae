-- 003: double reporting (docs/double-reporting.md). Linkage tokens live apart from the records so they can be purged
-- 45 days after the event date; the pairs (record ↔ record, no tokens) remain with the huvudman's decisions.

-- A record's tokens while it is inside the matching window. A record is (submission_id, row_index).
CREATE TABLE link_tokens (
  token         TEXT NOT NULL,
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  row_index     INTEGER NOT NULL,
  org_id        TEXT NOT NULL,
  event_date    TEXT NOT NULL,
  PRIMARY KEY (token, submission_id, row_index)
) WITHOUT ROWID;
CREATE INDEX link_tokens_record ON link_tokens (submission_id, row_index);
CREATE INDEX link_tokens_event_date ON link_tokens (event_date);

-- Probable duplicates: two records of different organisations. 'merged' counts once in cross-partner indicators;
-- 'overruled' (by the huvudman) counts both. decided_by is 'system' for the automatic merge.
CREATE TABLE duplicates (
  id            INTEGER PRIMARY KEY,
  a_submission  TEXT NOT NULL REFERENCES submissions (id),
  a_row         INTEGER NOT NULL,
  b_submission  TEXT NOT NULL REFERENCES submissions (id),
  b_row         INTEGER NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('merged', 'overruled')),
  found_at      TEXT NOT NULL,
  decided_by    TEXT NOT NULL,
  decided_at    TEXT NOT NULL,
  comment       TEXT,
  UNIQUE (a_submission, a_row, b_submission, b_row)
);
CREATE INDEX duplicates_b ON duplicates (b_submission, b_row);

-- The rows that count downstream (same rule as effectiveRecords in stores/submissions.ts).
CREATE VIEW effective_records AS
  SELECT r.submission_id, r.row_index, s.org_id, r.record
  FROM submission_records r
  JOIN submissions s ON s.id = r.submission_id
  JOIN submission_periods p ON p.submission_id = r.submission_id AND p.period = r.halfmonth
  WHERE s.status IN ('approved', 'superseded') AND p.superseded_by IS NULL;
