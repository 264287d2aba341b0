-- Step 3 adds bundle acknowledgements, gaps, forks, conflicts and key revocation.
--
--   - origin_marks: per change origin (a site's epoch), who owns it and the
--     contiguous high-water mark applied here. peers.high_water stays the
--     mark of the origin equal to the site id, for older readers.
--   - held_changes: changes that arrived past a gap, kept until the range
--     before them arrives.
--   - epochs: this site's own change origins; a copied or restored
--     database starts a new one instead of reusing sequence numbers.
--   - ack_marks, acks_in: on a cell, what the hub has acknowledged.
--   - conflicts: same field edited on two sides, waiting for a person.
--   - revoked_keys: signing keys that must no longer be accepted.

CREATE TABLE origin_marks (
	origin     TEXT PRIMARY KEY,
	site_id    TEXT NOT NULL,
	high_water INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE held_changes (
	origin    TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	bundle_id TEXT NOT NULL,
	site_id   TEXT NOT NULL,
	body      TEXT NOT NULL,
	PRIMARY KEY (origin, seq)
);
CREATE TABLE epochs (
	origin     TEXT PRIMARY KEY,
	started_at TEXT NOT NULL,
	reason     TEXT NOT NULL
);
CREATE TABLE ack_marks (
	origin   TEXT PRIMARY KEY,
	seq      INTEGER NOT NULL,
	acked_at TEXT NOT NULL
);
CREATE TABLE acks_in (
	bundle_id   TEXT PRIMARY KEY,
	hub_id      TEXT NOT NULL,
	as_of       TEXT NOT NULL,
	body        TEXT NOT NULL,
	imported_at TEXT NOT NULL
);
CREATE TABLE conflicts (
	id          TEXT PRIMARY KEY,
	entity      TEXT NOT NULL,
	entity_id   TEXT NOT NULL,
	org_id      TEXT NOT NULL,
	field       TEXT NOT NULL,
	base        TEXT NOT NULL,
	ours        TEXT NOT NULL,
	theirs      TEXT NOT NULL,
	theirs_from TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	resolved    TEXT NOT NULL DEFAULT '',
	resolved_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE revoked_keys (
	sign_pub   BLOB PRIMARY KEY,
	site_id    TEXT NOT NULL,
	revoked_at TEXT NOT NULL,
	reason     TEXT NOT NULL
);
