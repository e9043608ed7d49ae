-- 009: which half-months double reports could be matched in (issue 13 §5). Per submission, half-month and link class
-- (brand, skadegorelse): how many rows carried linkage keys when the submission was approved and matched, how many
-- had them deleted unused because the window passed before approval, when it was matched and until when its keys
-- were kept (received + 45 days). Counts and times only: never a key, never a row's content.
CREATE TABLE link_coverage (
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  halfmonth     TEXT NOT NULL,
  link_class    TEXT NOT NULL,
  org_id        TEXT NOT NULL,
  linked_rows   INTEGER NOT NULL DEFAULT 0,
  expired_rows  INTEGER NOT NULL DEFAULT 0,
  kept_until    TEXT NOT NULL,
  matched_at    TEXT,
  PRIMARY KEY (submission_id, halfmonth, link_class)
) WITHOUT ROWID;
CREATE INDEX link_coverage_halfmonth ON link_coverage (halfmonth, link_class);
