-- Step 11 (issue 13): the dates and facts the rules need that the records
-- could not hold.
--
-- A member's admission ceremony date: probation runs twelve months from
-- the ceremony (Điều lệ Đảng, Điều 5.1) while party age runs from the
-- decision (Điều 5.4, admission_date), so both dates are kept. Members
-- imported already on probation get their reminders from it.
--
-- A review's discipline during the year and whether an absence was
-- maternity leave: a disciplined member is rated "Không hoàn thành nhiệm
-- vụ", and an absence of six months or more is not rated unless it was
-- maternity leave. Both are sensitive and stored sealed.
--
-- A cell's shorter minimum meeting length, which only the hub decides for
-- a small cell (Hướng dẫn 42-HD/BTCTW), with the decision's number and
-- date; 0 means the rules' own minimum.

ALTER TABLE members ADD COLUMN ceremony_date TEXT NOT NULL DEFAULT '';

ALTER TABLE reviews ADD COLUMN disciplined INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN maternity INTEGER NOT NULL DEFAULT 0;

ALTER TABLE orgs ADD COLUMN meeting_min_regular INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN meeting_min_combined INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN meeting_min_no TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN meeting_min_date TEXT NOT NULL DEFAULT '';
