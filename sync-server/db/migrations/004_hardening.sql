-- 004: revocation that takes effect at once, and a keyed audit chain.

-- Every access token carries the user's session version; logout, family revocation, a password change and
-- disabling the user raise it, so tokens issued before stop working on the next request.
ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;

-- Each audit entry's hash is sealed with an HMAC whose key lives outside the database (data directory or
-- AUDIT_KEY_FILE). Entries written before this migration have no MAC; the first keyed entry covers them
-- through the hash chain.
ALTER TABLE audit_log ADD COLUMN mac TEXT;
