-- Step 14 keeps the forms' drafts (issue 15): what a secretary typed and
-- has not saved yet, written every few seconds and when the window locks,
-- so a crash, a power cut or a wrong click never loses an evening's
-- minutes. A draft stays on this laptop (it is never a change, never
-- travels) and its title and body are sealed with the data key like the
-- sensitive columns (store/drafts.go).

CREATE TABLE drafts (
	key      TEXT PRIMARY KEY, -- the form: "member:<id>", "meeting:new", …
	title    BLOB NOT NULL,
	body     BLOB NOT NULL,
	saved_at TEXT NOT NULL DEFAULT '' -- RFC 3339, UTC
);
