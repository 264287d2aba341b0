-- Step 18 notes when this database's import log began to be keyed.
--
-- From this build on, every line of import-log.jsonl carries a MAC keyed
-- from the data key, so someone holding the folder without the
-- passphrase cannot rewrite the log end to end with a fresh hash chain.
-- A rewrite into lines without MACs is caught too: every bundle imported
-- since this moment (bundles_in) must have a keyed line. Lines written
-- before it are chained but not keyed.

INSERT INTO meta(key, value) VALUES ('import_log_keyed_since', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
	ON CONFLICT(key) DO NOTHING;
