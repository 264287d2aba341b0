-- Step 17 keys the bundles, rosters and acknowledgements a site has
-- received by (sender, id) instead of id alone.
--
-- A bundle id is chosen by its sender. Keyed by id alone, a cell that
-- reused another cell's bundle id (a rogue cell, or a cloned laptop's
-- generator) made the other cell's real bundle look like a duplicate
-- and be passed over. Keyed under the sender, one sender's ids cannot
-- reach another's. The rowids are kept, so the order of arrival is too.

CREATE TABLE bundles_in_v11 (
	bundle_id    TEXT NOT NULL,
	sender       TEXT NOT NULL,
	seq_from     INTEGER NOT NULL,
	seq_to       INTEGER NOT NULL,
	record_count INTEGER NOT NULL,
	manifest_sha TEXT NOT NULL,
	imported_at  TEXT NOT NULL,
	PRIMARY KEY (sender, bundle_id)
);
INSERT INTO bundles_in_v11(rowid, bundle_id, sender, seq_from, seq_to, record_count, manifest_sha, imported_at)
	SELECT rowid, bundle_id, sender, seq_from, seq_to, record_count, manifest_sha, imported_at FROM bundles_in;
DROP TABLE bundles_in;
ALTER TABLE bundles_in_v11 RENAME TO bundles_in;

CREATE TABLE rosters_in_v11 (
	roster_id    TEXT NOT NULL,
	sender       TEXT NOT NULL,
	manifest_sha TEXT NOT NULL,
	cell_count   INTEGER NOT NULL,
	imported_at  TEXT NOT NULL,
	PRIMARY KEY (sender, roster_id)
);
INSERT INTO rosters_in_v11(rowid, roster_id, sender, manifest_sha, cell_count, imported_at)
	SELECT rowid, roster_id, sender, manifest_sha, cell_count, imported_at FROM rosters_in;
DROP TABLE rosters_in;
ALTER TABLE rosters_in_v11 RENAME TO rosters_in;

CREATE TABLE acks_in_v11 (
	bundle_id   TEXT NOT NULL,
	hub_id      TEXT NOT NULL,
	as_of       TEXT NOT NULL,
	body        TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	PRIMARY KEY (hub_id, bundle_id)
);
INSERT INTO acks_in_v11(rowid, bundle_id, hub_id, as_of, body, imported_at)
	SELECT rowid, bundle_id, hub_id, as_of, body, imported_at FROM acks_in;
DROP TABLE acks_in;
ALTER TABLE acks_in_v11 RENAME TO acks_in;
