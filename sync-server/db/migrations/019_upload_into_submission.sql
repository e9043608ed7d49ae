-- 019: a chunked upload's parts are written straight into submission_records, under a submission row that waits in
-- status 'uploading' from the first part on. No reader ever sees such a row (every list, review, count, cube and
-- export reads only the visible statuses); the last part commits the upload by one update of its row (status,
-- key, counts, receipt time) and its periods, without copying any record. An upload that is never completed is
-- removed with its rows when it expires (and at start, any such row no staged part refers to).
-- SQLite cannot alter a CHECK constraint, so `submissions` is rebuilt (each row keeping its rowid, the order of
-- submissions received in the same instant); foreign keys are deferred to the end of this migration's transaction.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE submissions_copy AS SELECT rowid AS row_id, * FROM submissions;
DROP TABLE submissions;

CREATE TABLE submissions (
  id               TEXT PRIMARY KEY,
  org_id           TEXT NOT NULL REFERENCES organisations (id),
  template_id      TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  -- A submission still uploading: 'upload/' and the upload id (a real key never holds a '/').
  idempotency_key  TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('uploading', 'pending', 'approved', 'returned', 'superseded')),
  row_count        INTEGER NOT NULL,
  located_count    INTEGER NOT NULL,
  unlocated_count  INTEGER NOT NULL,
  warnings         TEXT NOT NULL DEFAULT '[]',
  comment          TEXT,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  reviewed_at      TEXT,
  reviewed_by      TEXT,
  content_hash     TEXT,
  part_hashes      TEXT,
  FOREIGN KEY (template_id, template_version) REFERENCES templates (id, version),
  UNIQUE (org_id, idempotency_key)
);
INSERT INTO submissions (rowid, id, org_id, template_id, template_version, idempotency_key, status, row_count, located_count, unlocated_count, warnings, comment, created_at, created_by, reviewed_at, reviewed_by, content_hash, part_hashes)
  SELECT row_id, id, org_id, template_id, template_version, idempotency_key, status, row_count, located_count, unlocated_count, warnings, comment, created_at, created_by, reviewed_at, reviewed_by, content_hash, part_hashes
  FROM submissions_copy;
DROP TABLE submissions_copy;
CREATE INDEX submissions_org_template ON submissions (org_id, template_id, status);

-- A staged part is now metadata only: the submission its rows are in, and where they are (first row, how many).
-- Parts staged when the server is upgraded are dropped: their upload's last part is then answered without a
-- receipt, and the client sends the file again (the same content is stored once).
DROP TABLE upload_records;
DELETE FROM upload_parts;
ALTER TABLE upload_parts DROP COLUMN records;
ALTER TABLE upload_parts DROP COLUMN stage;
ALTER TABLE upload_parts ADD COLUMN submission_id TEXT REFERENCES submissions (id);
ALTER TABLE upload_parts ADD COLUMN first_row INTEGER;
ALTER TABLE upload_parts ADD COLUMN row_count INTEGER;
