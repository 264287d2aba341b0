-- Step 13 makes the dues one book (issue 15): a tick at the meeting is
-- the month's entry in the ledger, not a row of its own that the ledger
-- never saw. The ledger gains the meeting that recorded a payment, the
-- state of a month (paid, exempt, recorded as not paid, not paid with a
-- good reason; '' = nothing recorded yet, or a row from before this step
-- whose state follows from its paid date and exemption) and the
-- reduction granted (Quy định 01-QĐ/TW, Điều 5: 30, 50 or 70 %).
--
-- Every tick already made moves into the ledger under the id a new one
-- gets (chibo_dues_id, store/dues.go), the latest revision of a meeting
-- first; a month the ledger already settled keeps its entry. The old
-- table stays, empty, so a bundle from an older version still applies.

ALTER TABLE dues ADD COLUMN meeting_id TEXT NOT NULL DEFAULT '';
ALTER TABLE dues ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE dues ADD COLUMN reduction_pct INTEGER NOT NULL DEFAULT 0;

INSERT INTO dues(id, org_id, member_id, month, amount, paid_date, method, meeting_id, state)
	SELECT chibo_dues_id(d.org_id, d.member_id, substr(m.date, 1, 7)), d.org_id, d.member_id,
		substr(m.date, 1, 7), d.amount, m.date, 'meeting', m.id, 'paid'
	FROM meeting_dues d JOIN meetings m ON m.id = d.meeting_id
	WHERE length(m.date) = 10 AND d.member_id <> ''
	ORDER BY m.revision DESC, m.date DESC
	ON CONFLICT(org_id, id) DO UPDATE SET amount = excluded.amount, paid_date = excluded.paid_date,
		method = excluded.method, meeting_id = excluded.meeting_id, state = excluded.state
	WHERE dues.paid_date = '' AND dues.exemption = '' AND dues.state = '';

DELETE FROM meeting_dues;

CREATE INDEX dues_meeting ON dues(org_id, meeting_id);
