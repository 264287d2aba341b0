-- Step 16 links the change log's rows in a chain of MACs keyed from the
-- data key (changes_chain.go).
--
-- With the folder and sqlite3 but no passphrase, someone inserted a change
-- row of their own; the next export signed it and the hub marked the
-- secretary as expelled. Each row now carries its position in the order it
-- was written (pos) and its link (mac), which covers the link before it:
-- a row planted, removed or put out of order no longer fits, and the
-- export refuses before signing. The rows of a folder from before this
-- step are linked once, when its passphrase first unlocks it.

ALTER TABLE changes ADD COLUMN pos INTEGER;
ALTER TABLE changes ADD COLUMN mac BLOB;
CREATE UNIQUE INDEX changes_pos ON changes(pos);
