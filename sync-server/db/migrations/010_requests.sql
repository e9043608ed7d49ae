-- 010: requests for public documents (allmän handling): the register, each disclosure review with its release files,
-- and the decision. The requester's text lives in this table only (never in the audit trail or any statistics).
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  received_date TEXT NOT NULL,
  requester TEXT NOT NULL,
  subject TEXT NOT NULL,
  deadline TEXT NOT NULL,
  created_at TEXT NOT NULL,
  composition TEXT,
  decision TEXT CHECK (decision IN ('bifall', 'delvis-bifall', 'avslag')),
  reasons TEXT,
  decided_at TEXT,
  decided_review_id INTEGER
);

-- One review of a composition: the protected cells, the audit result, the release files and their SHA-256.
-- `facts` (cell id → value) are the values the release makes public; they count as published once the request is
-- decided with this review (bifall or delvis bifall). `basis` names the published facts the review took as known.
CREATE TABLE request_reviews (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests (id),
  reviewed_at TEXT NOT NULL,
  basis TEXT NOT NULL,
  result TEXT NOT NULL,
  facts TEXT NOT NULL,
  xlsx BLOB NOT NULL,
  xlsx_sha256 TEXT NOT NULL,
  csv BLOB NOT NULL,
  csv_sha256 TEXT NOT NULL
);
CREATE INDEX request_reviews_request ON request_reviews (request_id);

-- A decided request and its review never change.
CREATE TRIGGER requests_decided_final BEFORE UPDATE ON requests
WHEN OLD.decision IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a decided request is final');
END;
CREATE TRIGGER request_reviews_final BEFORE UPDATE ON request_reviews
BEGIN
  SELECT RAISE(ABORT, 'a request review never changes');
END;
