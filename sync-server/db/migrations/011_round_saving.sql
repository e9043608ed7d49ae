-- A delivery round is saved in stages: its row is first stored with status 'saving' and its deliveries are written
-- a few at a time across event-loop turns, invisible to every reader; one small commit then sets the round's real
-- status. At start the server deletes the staged rows of any round left in 'saving' (a process killed mid-save).
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt. Foreign keys stay on: `defer_foreign_keys`
-- defers the deliveries' references to the end of this migration's transaction, when every round is back.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE delivery_rounds_copy AS SELECT * FROM delivery_rounds;
DROP TABLE delivery_rounds;

CREATE TABLE delivery_rounds (
  id            INTEGER PRIMARY KEY,
  slot          TEXT NOT NULL UNIQUE,
  ran_at        TEXT NOT NULL,
  last_period   TEXT,
  status        TEXT NOT NULL CHECK (status IN ('saving', 'sent', 'audit-failed', 'fail-closed', 'empty')),
  summary       TEXT NOT NULL,
  -- Published values (cell id → value) every reader could see: fixed facts for later rounds.
  facts         TEXT NOT NULL DEFAULT '{}'
);

INSERT INTO delivery_rounds (id, slot, ran_at, last_period, status, summary, facts)
SELECT id, slot, ran_at, last_period, status, summary, facts FROM delivery_rounds_copy;
DROP TABLE delivery_rounds_copy;

-- Deliveries are read by round (the staged rows of a round, a round's count).
CREATE INDEX deliveries_round ON deliveries (round_id);

-- A delivery's JSON is stored in parts (the first in deliveries.json, the rest here, in order), so that saving a
-- large one (the huvudman's unsuppressed view: megabytes) is many small writes across event-loop turns.
ALTER TABLE deliveries ADD COLUMN parts INTEGER NOT NULL DEFAULT 1 CHECK (parts >= 1);
CREATE TABLE delivery_parts (
  org_id  TEXT NOT NULL,
  number  INTEGER NOT NULL,
  seq     INTEGER NOT NULL CHECK (seq >= 1),
  text    TEXT NOT NULL,
  PRIMARY KEY (org_id, number, seq),
  FOREIGN KEY (org_id, number) REFERENCES deliveries (org_id, number)
);
CREATE TRIGGER delivery_parts_immutable BEFORE UPDATE ON delivery_parts
BEGIN SELECT RAISE(ABORT, 'delivery-immutable'); END;
