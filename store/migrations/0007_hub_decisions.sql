-- Step 7 lets the hub send its own changes (decisions and
-- conflict resolutions) back down to the cells.
--
--   - hub_acked: on the hub, per cell and per hub origin, the highest hub
--     change the cell reported applied (the "acked" vector of the cell's
--     changes manifest). The next bundle to that cell carries every hub
--     change for it above this mark, so a lost stick costs nothing.
--
-- No index on changes(org_id): the hub's own changes are few and found
-- through the (origin, seq) key, and every cell change imported would pay
-- for one.

CREATE TABLE hub_acked (
	cell_id TEXT NOT NULL,
	origin  TEXT NOT NULL,
	seq     INTEGER NOT NULL,
	at      TEXT NOT NULL,
	PRIMARY KEY (cell_id, origin)
);
