-- 001: organisations, users, credentials, templates, registers, submissions, uploads and the audit trail.

CREATE TABLE organisations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  is_huvudman INTEGER NOT NULL DEFAULT 0 CHECK (is_huvudman IN (0, 1)),
  created_at  TEXT NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('actor', 'huvudman', 'admin')),
  org_id        TEXT NOT NULL REFERENCES organisations (id),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL
);

CREATE TABLE refresh_tokens (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  family      TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  device      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  last_used   TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);

CREATE TABLE api_keys (
  id          INTEGER PRIMARY KEY,
  key_hash    TEXT NOT NULL UNIQUE,
  prefix      TEXT NOT NULL UNIQUE,
  org_id      TEXT NOT NULL REFERENCES organisations (id),
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  last_used   TEXT,
  revoked_at  TEXT
);

CREATE TABLE templates (
  id            TEXT NOT NULL,
  version       INTEGER NOT NULL CHECK (version >= 1),
  json          TEXT NOT NULL,
  published_at  TEXT NOT NULL,
  published_by  TEXT NOT NULL,
  retired_from  TEXT,
  PRIMARY KEY (id, version)
);
-- A published version is immutable: only its retirement date may change, and nothing is deleted.
CREATE TRIGGER templates_immutable BEFORE UPDATE OF id, version, json, published_at, published_by ON templates
BEGIN SELECT RAISE(ABORT, 'template-immutable'); END;
CREATE TRIGGER templates_no_delete BEFORE DELETE ON templates
BEGIN SELECT RAISE(ABORT, 'template-immutable'); END;

CREATE TABLE template_assignments (
  template_id TEXT NOT NULL,
  org_id      TEXT NOT NULL REFERENCES organisations (id),
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (template_id, org_id)
);

-- Dated register versions: nyko-areas, addresses, polygons, boundary (valid_from), population (year).
CREATE TABLE registers (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('nyko-areas', 'addresses', 'polygons', 'boundary', 'population')),
  valid_from  TEXT NOT NULL,
  year        INTEGER,
  format      TEXT NOT NULL CHECK (format IN ('json', 'csv', 'geojson')),
  payload     TEXT NOT NULL,
  loaded_at   TEXT NOT NULL,
  loaded_by   TEXT NOT NULL
);
CREATE INDEX registers_kind ON registers (kind, valid_from);

CREATE TABLE submissions (
  id               TEXT PRIMARY KEY,
  org_id           TEXT NOT NULL REFERENCES organisations (id),
  template_id      TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  idempotency_key  TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'returned', 'superseded')),
  row_count        INTEGER NOT NULL,
  located_count    INTEGER NOT NULL,
  unlocated_count  INTEGER NOT NULL,
  warnings         TEXT NOT NULL DEFAULT '[]',
  comment          TEXT,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  reviewed_at      TEXT,
  reviewed_by      TEXT,
  FOREIGN KEY (template_id, template_version) REFERENCES templates (id, version),
  UNIQUE (org_id, idempotency_key)
);
CREATE INDEX submissions_org_template ON submissions (org_id, template_id, status);

-- The half-months a submission covers (an aggregate row's month or school year covers all its half-months).
-- superseded_by: the later approved submission of the same organisation and template that replaced this half-month.
CREATE TABLE submission_periods (
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  period        TEXT NOT NULL,
  row_count     INTEGER NOT NULL,
  superseded_by TEXT REFERENCES submissions (id),
  PRIMARY KEY (submission_id, period)
);
CREATE INDEX submission_periods_period ON submission_periods (period);

CREATE TABLE submission_records (
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  row_index     INTEGER NOT NULL,
  -- The first half-month of the row's period: its event date's half-month, or the first of its month / school year.
  halfmonth     TEXT NOT NULL,
  record        TEXT NOT NULL,
  PRIMARY KEY (submission_id, row_index)
) WITHOUT ROWID;

-- Chunked uploads: parts wait here until the last one arrives; then everything is committed in one transaction.
CREATE TABLE upload_parts (
  upload_id        TEXT NOT NULL,
  org_id           TEXT NOT NULL REFERENCES organisations (id),
  idempotency_key  TEXT NOT NULL,
  template_id      TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  part_index       INTEGER NOT NULL,
  part_count       INTEGER NOT NULL,
  records          TEXT NOT NULL,
  received_at      TEXT NOT NULL,
  PRIMARY KEY (org_id, upload_id, part_index)
);

-- Append-only, hash-chained audit trail.
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit-log-append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit-log-append-only'); END;
