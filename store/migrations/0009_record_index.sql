-- Step 9 puts a record's changes under its organisation in
-- the index that finds them (step 5's changes_record).
--
-- Record ids are random (UUID v5 for attendance, v7 spread over years),
-- so an index led by entity_id received every bundle's changes at random
-- places: a district hub's import of 160 bundles dirtied, and wrote to
-- the WAL at each commit, a fresh page of that index for almost every
-- change, about 3 s of a 12 s import (docs/scale.md). Led by org_id, a
-- bundle's changes, which all belong to its sender, land side by side.
-- Every change of a record carries the record's organisation (an import
-- refuses a change for another's record), so the lookups in
-- sync_merge.go give org_id and lose nothing.

DROP INDEX IF EXISTS changes_record;
CREATE INDEX changes_org_record ON changes(org_id, entity_id, entity, origin, seq);
