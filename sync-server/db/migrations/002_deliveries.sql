-- 002: indicator definitions (versioned), delivery settings, grants, subscriptions, delivery rounds and snapshots.

-- One row per version of an indicator definition; a version is immutable, a change is a new version.
CREATE TABLE indicator_definitions (
  id          TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  json        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE TRIGGER indicator_definitions_immutable BEFORE UPDATE ON indicator_definitions
BEGIN SELECT RAISE(ABORT, 'indicator-immutable'); END;
CREATE TRIGGER indicator_definitions_no_delete BEFORE DELETE ON indicator_definitions
BEGIN SELECT RAISE(ABORT, 'indicator-immutable'); END;

-- The huvudman's delivery settings (schedule, deadline, threshold), one JSON value per key.
CREATE TABLE delivery_settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);

-- What the huvudman lets an organisation see: per indicator, area levels and period types (JSON arrays).
CREATE TABLE indicator_grants (
  org_id        TEXT NOT NULL REFERENCES organisations (id),
  indicator_id  TEXT NOT NULL,
  levels        TEXT NOT NULL,
  period_types  TEXT NOT NULL,
  granted_at    TEXT NOT NULL,
  granted_by    TEXT NOT NULL,
  PRIMARY KEY (org_id, indicator_id)
);

-- What an organisation has chosen among its grants.
CREATE TABLE indicator_subscriptions (
  org_id        TEXT NOT NULL REFERENCES organisations (id),
  indicator_id  TEXT NOT NULL,
  levels        TEXT NOT NULL,
  period_types  TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL,
  PRIMARY KEY (org_id, indicator_id)
);

-- One scheduled run (or a manual one): its slot, when it ran, and whether the disclosure audit passed.
CREATE TABLE delivery_rounds (
  id            INTEGER PRIMARY KEY,
  slot          TEXT NOT NULL UNIQUE,
  ran_at        TEXT NOT NULL,
  last_period   TEXT,
  status        TEXT NOT NULL CHECK (status IN ('sent', 'audit-failed', 'fail-closed', 'empty')),
  summary       TEXT NOT NULL,
  -- Published values (cell id → value) every reader could see: fixed facts for later rounds.
  facts         TEXT NOT NULL DEFAULT '{}'
);

-- One numbered snapshot per organisation and round; never changed.
CREATE TABLE deliveries (
  org_id      TEXT NOT NULL REFERENCES organisations (id),
  number      INTEGER NOT NULL CHECK (number >= 1),
  round_id    INTEGER NOT NULL REFERENCES delivery_rounds (id),
  created_at  TEXT NOT NULL,
  json        TEXT NOT NULL,
  PRIMARY KEY (org_id, number)
);
CREATE TRIGGER deliveries_immutable BEFORE UPDATE ON deliveries
BEGIN SELECT RAISE(ABORT, 'delivery-immutable'); END;
