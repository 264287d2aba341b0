-- Step 6 ties a candidate's two cell votes (admission and
-- full membership) to the meeting they were held at, so the denominator
-- comes from that meeting's roll instead of a typed number, and keeps the
-- against and abstain counts so the whole tally can be checked against it.
-- An empty meeting id means a vote from the paper records, made before the
-- cell kept its book in the app: then "voters" stays the typed denominator.

ALTER TABLE candidates ADD COLUMN cell_vote_meeting TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN votes_against INTEGER NOT NULL DEFAULT 0;
ALTER TABLE candidates ADD COLUMN votes_abstain INTEGER NOT NULL DEFAULT 0;
ALTER TABLE candidates ADD COLUMN full_vote_meeting TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN full_votes_against INTEGER NOT NULL DEFAULT 0;
ALTER TABLE candidates ADD COLUMN full_votes_abstain INTEGER NOT NULL DEFAULT 0;
