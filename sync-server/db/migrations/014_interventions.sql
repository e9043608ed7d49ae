-- 014: interventions (insatser) registered by the huvudman and the partners. Every edit is a new version; a version
-- never changes. `content` is the JSON of the registered fields (name, kind, organisations, areas, dates,
-- description, indicators, comparison areas), every text scanned for identifiers before it is stored.
CREATE TABLE interventions (
  id INTEGER PRIMARY KEY,
  owner_org TEXT NOT NULL REFERENCES organisations (id),
  created_at TEXT NOT NULL
);

CREATE TABLE intervention_versions (
  intervention_id INTEGER NOT NULL REFERENCES interventions (id),
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  content TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  PRIMARY KEY (intervention_id, version)
);

CREATE TRIGGER intervention_versions_final BEFORE UPDATE ON intervention_versions
BEGIN
  SELECT RAISE(ABORT, 'an intervention version never changes');
END;
CREATE TRIGGER intervention_versions_kept BEFORE DELETE ON intervention_versions
BEGIN
  SELECT RAISE(ABORT, 'an intervention version is never deleted');
END;
