-- Step 10 keys the attendance lines, reviews and dues months
-- by (org_id, id) instead of id alone.
--
-- Their ids are UUID v5 of what they are about (meeting and member, member
-- and year, member and month), so they are uniformly random: on a hub an
-- index on id alone took every bundle's rows at random places, and each
-- commit rewrote a page of it for almost every row. At 600 cells that one
-- index was 7,000 of the 9,500 pages a bundle's commit wrote, and the
-- import slowed down as the hub grew (docs/scale.md). Keyed under the
-- organisation, a bundle's rows, which all belong to its sender, land side
-- by side. Nothing refers to these records by id from another table, and
-- every write of them knows the record's organisation (entityDef.byOrg).
--
-- The rowids are kept, so lines read without ORDER BY come in the order
-- they were written, as before.

CREATE TABLE attendance_v10 (
	id            TEXT NOT NULL,
	org_id        TEXT NOT NULL,
	meeting_id    TEXT NOT NULL,
	member_id     TEXT NOT NULL,
	status        TEXT NOT NULL DEFAULT '',
	reason        TEXT NOT NULL DEFAULT '',
	member_name   TEXT NOT NULL DEFAULT '',
	member_status TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (org_id, id)
);
INSERT INTO attendance_v10(rowid, id, org_id, meeting_id, member_id, status, reason, member_name, member_status)
	SELECT rowid, id, org_id, meeting_id, member_id, status, reason, member_name, member_status FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_v10 RENAME TO attendance;
CREATE INDEX attendance_meeting ON attendance(meeting_id);

CREATE TABLE reviews_v10 (
	id                TEXT NOT NULL,
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
	imported          INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (org_id, id)
);
INSERT INTO reviews_v10(rowid, id, org_id, member_id, year, self_text, self_level, self_score, committee_comment,
	org_comment, voters, votes_excellent, votes_good, votes_done, votes_failed, cell_level, hub_level,
	hub_decision_no, hub_decision_date, suspended, sick_leave_months, imported)
	SELECT rowid, id, org_id, member_id, year, self_text, self_level, self_score, committee_comment,
	org_comment, voters, votes_excellent, votes_good, votes_done, votes_failed, cell_level, hub_level,
	hub_decision_no, hub_decision_date, suspended, sick_leave_months, imported FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_v10 RENAME TO reviews;
CREATE INDEX reviews_year ON reviews(org_id, year, member_id);

CREATE TABLE dues_v10 (
	id         TEXT NOT NULL,
	org_id     TEXT NOT NULL,
	member_id  TEXT NOT NULL DEFAULT '',
	month      TEXT NOT NULL DEFAULT '', -- yyyy-mm
	amount     INTEGER NOT NULL DEFAULT 0,
	paid_date  TEXT NOT NULL DEFAULT '',
	method     TEXT NOT NULL DEFAULT '',
	exemption  TEXT NOT NULL DEFAULT '',
	reduction  TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (org_id, id)
);
INSERT INTO dues_v10(rowid, id, org_id, member_id, month, amount, paid_date, method, exemption, reduction, note)
	SELECT rowid, id, org_id, member_id, month, amount, paid_date, method, exemption, reduction, note FROM dues;
DROP TABLE dues;
ALTER TABLE dues_v10 RENAME TO dues;
CREATE INDEX dues_member ON dues(org_id, member_id, month);
