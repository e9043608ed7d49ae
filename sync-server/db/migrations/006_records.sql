-- 006: an idempotency key binds the content it was first used with; staged uploads expire and are capped.

-- SHA-256 of the submitted content (hex): of the whole record list, and per part of a chunked upload (JSON array).
-- Rows stored before this migration have none; a replay of those is answered as before.
ALTER TABLE submissions ADD COLUMN content_hash TEXT;
ALTER TABLE submissions ADD COLUMN part_hashes TEXT;

-- Each staged part's content hash and size, for the per-organisation caps.
ALTER TABLE upload_parts ADD COLUMN content_hash TEXT;
ALTER TABLE upload_parts ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
CREATE INDEX upload_parts_received ON upload_parts (received_at);
