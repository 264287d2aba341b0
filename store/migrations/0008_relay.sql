-- Step 8 lets a commune carry its cells' bundles on to the
-- province unchanged (sync/relay.go).
--
--   - relay_cells: on the province, each cell known through a commune's
--     signed roster and the commune (via) that vouched for it. A relayed
--     bundle is accepted only from a cell listed here, and only when the
--     bundle's primary recipient is that commune.
--   - rosters_in: the rosters imported, so importing one again is a no-op.
--
-- The onward hub a commune or cell encrypts to is a peer with role
-- "onward"; the commune pinned at the province is a peer with role
-- "relay": peers.role needs no change.

CREATE TABLE relay_cells (
	site_id    TEXT PRIMARY KEY,
	via        TEXT NOT NULL,
	roster_id  TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE TABLE rosters_in (
	roster_id    TEXT PRIMARY KEY,
	sender       TEXT NOT NULL,
	manifest_sha TEXT NOT NULL,
	cell_count   INTEGER NOT NULL,
	imported_at  TEXT NOT NULL
);
