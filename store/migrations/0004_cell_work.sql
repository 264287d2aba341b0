-- Step 4 adds year-end reviews, the admission pipeline and the
-- dues ledger. Every table travels in bundles (registered in review.go,
-- candidate.go and dues.go); a review and a month of dues have ids derived
-- from what they are about, so the same review typed on two laptops is one
-- record, not two.

CREATE TABLE reviews (
	id                TEXT PRIMARY KEY,
	org_id            TEXT NOT NULL,
	member_id         TEXT NOT NULL DEFAULT '', -- '' = the cell rates itself
	year              INTEGER NOT NULL DEFAULT 0,
	self_text         TEXT NOT NULL DEFAULT '',
	self_level        TEXT NOT NULL DEFAULT '',
	self_score        INTEGER NOT NULL DEFAULT 0,
	committee_comment TEXT NOT NULL DEFAULT '',
	org_comment       TEXT NOT NULL DEFAULT '',
	voters            INTEGER NOT NULL DEFAULT 0,
	votes_excellent   INTEGER NOT NULL DEFAULT 0,
	votes_good        INTEGER NOT NULL DEFAULT 0,
	votes_done        INTEGER NOT NULL DEFAULT 0,
	votes_failed      INTEGER NOT NULL DEFAULT 0,
	cell_level        TEXT NOT NULL DEFAULT '',
	hub_level         TEXT NOT NULL DEFAULT '',
	hub_decision_no   TEXT NOT NULL DEFAULT '',
	hub_decision_date TEXT NOT NULL DEFAULT '',
	suspended         INTEGER NOT NULL DEFAULT 0,
	sick_leave_months INTEGER NOT NULL DEFAULT 0,
	imported          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reviews_year ON reviews(org_id, year, member_id);
CREATE TABLE candidates (
	id                TEXT PRIMARY KEY,
	org_id            TEXT NOT NULL,
	full_name         TEXT NOT NULL DEFAULT '',
	sex               TEXT NOT NULL DEFAULT '',
	birth_date        TEXT NOT NULL DEFAULT '',
	ethnicity         TEXT NOT NULL DEFAULT '',
	religion          TEXT NOT NULL DEFAULT '',
	home_town         TEXT NOT NULL DEFAULT '',
	residence         TEXT NOT NULL DEFAULT '',
	citizen_id        TEXT NOT NULL DEFAULT '',
	education         TEXT NOT NULL DEFAULT '',
	occupation        TEXT NOT NULL DEFAULT '',
	phone             TEXT NOT NULL DEFAULT '',
	notes             TEXT NOT NULL DEFAULT '',
	highland          INTEGER NOT NULL DEFAULT 0,
	helper_id         TEXT NOT NULL DEFAULT '',
	listed_date       TEXT NOT NULL DEFAULT '',
	class_date        TEXT NOT NULL DEFAULT '',
	certificate_no    TEXT NOT NULL DEFAULT '',
	dossier           TEXT NOT NULL DEFAULT '', -- JSON: KNĐ form → date received
	background_date   TEXT NOT NULL DEFAULT '',
	introducer1_id    TEXT NOT NULL DEFAULT '',
	introducer2_id    TEXT NOT NULL DEFAULT '',
	youth_union_date  TEXT NOT NULL DEFAULT '',
	cell_vote_date    TEXT NOT NULL DEFAULT '',
	votes_for         INTEGER NOT NULL DEFAULT 0,
	voters            INTEGER NOT NULL DEFAULT 0,
	hub_decision_no   TEXT NOT NULL DEFAULT '',
	hub_decision_date TEXT NOT NULL DEFAULT '',
	decision_received TEXT NOT NULL DEFAULT '',
	ceremony_date     TEXT NOT NULL DEFAULT '',
	member_id         TEXT NOT NULL DEFAULT '',
	full_vote_date    TEXT NOT NULL DEFAULT '',
	full_votes_for    INTEGER NOT NULL DEFAULT 0,
	full_voters       INTEGER NOT NULL DEFAULT 0,
	full_decision_date TEXT NOT NULL DEFAULT ''
);
CREATE INDEX candidates_org ON candidates(org_id);
CREATE TABLE dues (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL,
	member_id  TEXT NOT NULL DEFAULT '',
	month      TEXT NOT NULL DEFAULT '', -- yyyy-mm
	amount     INTEGER NOT NULL DEFAULT 0,
	paid_date  TEXT NOT NULL DEFAULT '',
	method     TEXT NOT NULL DEFAULT '',
	exemption  TEXT NOT NULL DEFAULT '',
	reduction  TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dues_member ON dues(org_id, member_id, month);
