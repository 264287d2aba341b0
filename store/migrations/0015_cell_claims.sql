-- Step 15 keeps apart what a cell wrote into a field only the hub decides
-- (a review's hub level and decision, a candidate's decisions).
--
-- A cell's bundle carries whatever its laptop holds, and a cell that
-- imported this year's ratings as "decided" made the hub count them as
-- decisions. The hub now writes such a field only from its own decisions,
-- or from a cell's history from before it kept its books in the app
-- (hub_claims.go). Everything else a cell wrote there is its proposal,
-- kept here, newest by (Lamport, origin, seq), and shown apart from the
-- decisions. The value is sealed like the field it claims.

CREATE TABLE cell_claims (
	org_id    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	field     TEXT NOT NULL,
	value     TEXT NOT NULL,
	origin    TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	PRIMARY KEY (org_id, entity, entity_id, field)
);
