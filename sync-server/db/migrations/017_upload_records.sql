-- 017: a staged part keeps its checked records as rows, each as the JSON it is stored as with its first half-month
-- (worked out where the part is checked), and a summary (rows, located, unlocated, periods). The last part then
-- commits the upload by copying rows in SQL, without reading any JSON back; and the part's row in upload_parts
-- holds only metadata, so reading the metadata of an upload no longer walks through every staged record.
-- A part's records are found by its `stage`, a number no other part or staged record has.
CREATE TABLE upload_records (
  stage      INTEGER NOT NULL,
  row_index  INTEGER NOT NULL,
  -- NULL for a part staged before this migration: worked out from the record when the upload is committed.
  halfmonth  TEXT,
  record     TEXT NOT NULL,
  PRIMARY KEY (stage, row_index)
) WITHOUT ROWID;

-- summary: JSON { rows, located, unlocated (row indexes within the part, at most 1000), periods ([period, rows]), weekly }.
ALTER TABLE upload_parts ADD COLUMN summary TEXT;
ALTER TABLE upload_parts ADD COLUMN stage INTEGER;

-- Parts staged before keep their records, now as rows.
UPDATE upload_parts SET stage = rowid;
INSERT INTO upload_records (stage, row_index, halfmonth, record)
  SELECT p.stage, j.key, NULL, j.value FROM upload_parts p, json_each(p.records) j;
UPDATE upload_parts SET records = '';
