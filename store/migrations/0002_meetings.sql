-- Step 2 adds meetings as the Party prescribes them (speakers, tasks, dues paid at meetings, scores, revisions).
-- Once released, its text never changes; later additions go into a new step.
-- Every table is a child of a meeting, written through the change log and
-- registered in meeting_children.go so it travels in bundles.

CREATE TABLE meeting_speakers (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL,
	meeting_id TEXT NOT NULL DEFAULT '',
	agenda_id  TEXT NOT NULL DEFAULT '',
	ord        INTEGER NOT NULL DEFAULT 0,
	member_id  TEXT NOT NULL DEFAULT '',
	name       TEXT NOT NULL DEFAULT '',
	remarks    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_speakers_meeting ON meeting_speakers(meeting_id, agenda_id, ord);
CREATE TABLE meeting_tasks (
	id            TEXT PRIMARY KEY,
	org_id        TEXT NOT NULL,
	meeting_id    TEXT NOT NULL DEFAULT '',
	ord           INTEGER NOT NULL DEFAULT 0,
	title         TEXT NOT NULL DEFAULT '',
	assignee_id   TEXT NOT NULL DEFAULT '',
	assignee_name TEXT NOT NULL DEFAULT '',
	due_date      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_tasks_meeting ON meeting_tasks(meeting_id, ord);
CREATE INDEX meeting_tasks_due ON meeting_tasks(org_id, due_date);
CREATE TABLE meeting_task_reports (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL,
	meeting_id TEXT NOT NULL DEFAULT '',
	task_id    TEXT NOT NULL DEFAULT '',
	done       INTEGER NOT NULL DEFAULT 0,
	note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_task_reports_meeting ON meeting_task_reports(meeting_id);
CREATE INDEX meeting_task_reports_task ON meeting_task_reports(task_id);
CREATE TABLE meeting_dues (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL,
	meeting_id TEXT NOT NULL DEFAULT '',
	member_id  TEXT NOT NULL DEFAULT '',
	amount     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meeting_dues_meeting ON meeting_dues(meeting_id);
CREATE TABLE meeting_scores (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL,
	meeting_id TEXT NOT NULL DEFAULT '',
	criterion  TEXT NOT NULL DEFAULT '',
	points     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meeting_scores_meeting ON meeting_scores(meeting_id);
CREATE TABLE meeting_votes (
	id            TEXT PRIMARY KEY,
	org_id        TEXT NOT NULL,
	meeting_id    TEXT NOT NULL DEFAULT '',
	ord           INTEGER NOT NULL DEFAULT 0,
	kind          TEXT NOT NULL DEFAULT '',
	subject       TEXT NOT NULL DEFAULT '',
	votes_for     INTEGER NOT NULL DEFAULT 0,
	votes_against INTEGER NOT NULL DEFAULT 0,
	votes_abstain INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meeting_votes_meeting ON meeting_votes(meeting_id, ord);
-- One row per corrected meeting: id is the correcting meeting's id.
CREATE TABLE meeting_revisions (
	id      TEXT PRIMARY KEY,
	org_id  TEXT NOT NULL,
	revises TEXT NOT NULL DEFAULT '',
	note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_revisions_revises ON meeting_revisions(revises);
