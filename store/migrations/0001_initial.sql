-- Step 1: the first release's tables: this site and its keys, the peers it
-- trusts, the change log, the bundles in and out, and the records of
-- organisations, members, meetings, attendance and agenda items.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE keys (
	site_id      TEXT PRIMARY KEY,
	sign_priv    BLOB NOT NULL,
	age_identity TEXT NOT NULL
);
CREATE TABLE peers (
	site_id        TEXT PRIMARY KEY,
	role           TEXT NOT NULL,
	name           TEXT NOT NULL,
	sign_pub       BLOB NOT NULL,
	age_recipient  TEXT NOT NULL,
	fingerprint    TEXT NOT NULL,
	pinned_at      TEXT NOT NULL,
	last_bundle_at TEXT NOT NULL DEFAULT '',
	high_water     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE changes (
	origin    TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	lamport   INTEGER NOT NULL,
	entity    TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	org_id    TEXT NOT NULL,
	op        TEXT NOT NULL,
	fields    TEXT NOT NULL,
	author    TEXT NOT NULL DEFAULT '',
	wall_time TEXT NOT NULL,
	PRIMARY KEY (origin, seq)
);
CREATE TABLE bundles_in (
	bundle_id    TEXT PRIMARY KEY,
	sender       TEXT NOT NULL,
	seq_from     INTEGER NOT NULL,
	seq_to       INTEGER NOT NULL,
	record_count INTEGER NOT NULL,
	manifest_sha TEXT NOT NULL,
	imported_at  TEXT NOT NULL
);
CREATE TABLE bundles_out (
	bundle_id    TEXT PRIMARY KEY,
	seq_from     INTEGER NOT NULL,
	seq_to       INTEGER NOT NULL,
	manifest_sha TEXT NOT NULL,
	created_at   TEXT NOT NULL
);
CREATE TABLE orgs (
	id            TEXT PRIMARY KEY,
	org_id        TEXT NOT NULL,
	name          TEXT NOT NULL DEFAULT '',
	kind          TEXT NOT NULL DEFAULT '',
	parent_name   TEXT NOT NULL DEFAULT '',
	place         TEXT NOT NULL DEFAULT '',
	has_committee INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE members (
	id             TEXT PRIMARY KEY,
	org_id         TEXT NOT NULL,
	full_name      TEXT NOT NULL DEFAULT '',
	name_fold      TEXT NOT NULL DEFAULT '',
	other_name     TEXT NOT NULL DEFAULT '',
	sex            TEXT NOT NULL DEFAULT '',
	birth_date     TEXT NOT NULL DEFAULT '',
	ethnicity      TEXT NOT NULL DEFAULT '',
	religion       TEXT NOT NULL DEFAULT '',
	home_town      TEXT NOT NULL DEFAULT '',
	residence      TEXT NOT NULL DEFAULT '',
	citizen_id     TEXT NOT NULL DEFAULT '',
	card_no        TEXT NOT NULL DEFAULT '',
	background_no  TEXT NOT NULL DEFAULT '',
	admission_date TEXT NOT NULL DEFAULT '',
	full_date      TEXT NOT NULL DEFAULT '',
	status         TEXT NOT NULL DEFAULT '',
	education      TEXT NOT NULL DEFAULT '',
	theory_level   TEXT NOT NULL DEFAULT '',
	occupation     TEXT NOT NULL DEFAULT '',
	position       TEXT NOT NULL DEFAULT '',
	phone          TEXT NOT NULL DEFAULT '',
	notes          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX members_org ON members(org_id, name_fold);
CREATE TABLE meetings (
	id            TEXT PRIMARY KEY,
	org_id        TEXT NOT NULL,
	kind          TEXT NOT NULL DEFAULT '',
	date          TEXT NOT NULL DEFAULT '',
	start_time    TEXT NOT NULL DEFAULT '',
	end_time      TEXT NOT NULL DEFAULT '',
	place         TEXT NOT NULL DEFAULT '',
	topic         TEXT NOT NULL DEFAULT '',
	chair         TEXT NOT NULL DEFAULT '',
	minute_taker  TEXT NOT NULL DEFAULT '',
	guests        TEXT NOT NULL DEFAULT '',
	resolution    TEXT NOT NULL DEFAULT '',
	votes_for     INTEGER NOT NULL DEFAULT 0,
	votes_against INTEGER NOT NULL DEFAULT 0,
	votes_abstain INTEGER NOT NULL DEFAULT 0,
	state         TEXT NOT NULL DEFAULT 'draft',
	number        INTEGER NOT NULL DEFAULT 0,
	revision      INTEGER NOT NULL DEFAULT 1,
	finalized_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meetings_org ON meetings(org_id, date);
CREATE TABLE attendance (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL,
	meeting_id TEXT NOT NULL,
	member_id  TEXT NOT NULL,
	status     TEXT NOT NULL DEFAULT '',
	reason     TEXT NOT NULL DEFAULT '',
	-- The member's name and status on the day, so the roll of an old
	-- meeting prints the same after later promotions or transfers.
	member_name   TEXT NOT NULL DEFAULT '',
	member_status TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attendance_meeting ON attendance(meeting_id);
CREATE TABLE agenda_items (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL,
	meeting_id TEXT NOT NULL,
	ord        INTEGER NOT NULL DEFAULT 0,
	title      TEXT NOT NULL DEFAULT '',
	discussion TEXT NOT NULL DEFAULT '',
	conclusion TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_meeting ON agenda_items(meeting_id, ord);
