-- 017: a staged part keeps its checked records as rows, each as the JSON it is stored as with its first half-month
-- (worked out where the part is checked), and a summary (rows, located, unlocated, periods). The last part then
-- commits the upload by copying rows in SQL, without reading any JSON back; and the part's row in upload_parts
-- holds only metadata, so reading the metadata of an upload no longer walks through every staged record.
CREATE TABLE upload_records (
  org_id     TEXT NOT NULL,
  upload_id  TEXT NOT NULL,
  part_index INTEGER NOT NULL,
  row_index  INTEGER NOT NULL,
  -- NULL for a part staged before this migration: worked out from the record when the upload is committed.
  halfmonth  TEXT,
  record     TEXT NOT NULL,
  PRIMARY KEY (org_id, upload_id, part_index, row_index)
) WITHOUT ROWID;

-- JSON: { rows, located, unlocated (row indexes within the part, at most 1000), periods ([period, rows]), weekly }.
ALTER TABLE upload_parts ADD COLUMN summary TEXT;

-- Parts staged before keep their records, now as rows.
INSERT INTO upload_records (org_id, upload_id, part_index, row_index, halfmonth, record)
  SELECT p.org_id, p.upload_id, p.part_index, j.key, NULL, j.value FROM upload_parts p, json_each(p.records) j;
UPDATE upload_parts SET records = '';
