-- 018: a staged part's records are found by its `stage`, a number no other part or staged record has (a smaller key
-- than organisation, upload and part index: staging and committing an upload copy rows faster).
ALTER TABLE upload_parts ADD COLUMN stage INTEGER;
UPDATE upload_parts SET stage = rowid;

CREATE TABLE upload_records_by_stage (
  stage      INTEGER NOT NULL,
  row_index  INTEGER NOT NULL,
  -- NULL for a part staged before migration 017: worked out from the record when the upload is committed.
  halfmonth  TEXT,
  record     TEXT NOT NULL,
  PRIMARY KEY (stage, row_index)
) WITHOUT ROWID;
INSERT INTO upload_records_by_stage (stage, row_index, halfmonth, record)
  SELECT p.stage, r.row_index, r.halfmonth, r.record
  FROM upload_records r JOIN upload_parts p ON p.org_id = r.org_id AND p.upload_id = r.upload_id AND p.part_index = r.part_index;
DROP TABLE upload_records;
ALTER TABLE upload_records_by_stage RENAME TO upload_records;
