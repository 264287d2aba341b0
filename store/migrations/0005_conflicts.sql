-- Step 5 lets concurrent edits be told apart from sequential ones.
--
--   - changes.saw: the version vector the writer had seen of the record,
--     other origins only (JSON {"origin": seq}); empty when the record had no
--     change from another origin, which is nearly always.
--   - changes_record: finds a record's changes per origin, so an incoming
--     change can ask "has anything touched this record that I did not see?"
--   - conflicts.ours_from: which change the kept value came from; with
--     theirs_from it makes a conflict row the same on every replica.

ALTER TABLE changes ADD COLUMN saw TEXT NOT NULL DEFAULT '';
CREATE INDEX changes_record ON changes(entity_id, entity, origin, seq);
ALTER TABLE conflicts ADD COLUMN ours_from TEXT NOT NULL DEFAULT '';
CREATE INDEX conflicts_open ON conflicts(resolved_at, created_at);
