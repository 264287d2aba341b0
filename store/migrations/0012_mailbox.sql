-- Step 12 lets bundles travel through a mailbox on the network as well as
-- on a stick (mailbox/, sync/doc.go "# Carriers"). Nothing here is a
-- record that travels in a bundle; it is this laptop's own setting and
-- bookkeeping.
--
--   - mailboxes: the mailboxes this site uses, in the order it tries
--     them. source 'own' was set on this laptop (chibo mailbox-use, or
--     the settings screen); 'hub' came from the hub's card or its newest
--     acknowledgement and is replaced by the next one.
--   - mailbox_sent: what was deposited complete at a mailbox, per
--     addressee and file name, so a hub does not upload the same relayed
--     original twice and a cell knows what is still waiting; digest is
--     what the bundle said (its ranges, or an ack's body without its
--     date), so an unchanged acknowledgement is not sent again.

CREATE TABLE mailboxes (
	url      TEXT PRIMARY KEY,
	pin      TEXT NOT NULL,
	source   TEXT NOT NULL,
	position INTEGER NOT NULL,
	added_at TEXT NOT NULL
);
CREATE TABLE mailbox_sent (
	to_site TEXT NOT NULL,
	name    TEXT NOT NULL,
	sha256  TEXT NOT NULL,
	bytes   INTEGER NOT NULL,
	digest  TEXT NOT NULL,
	mailbox TEXT NOT NULL,
	sent_at TEXT NOT NULL,
	PRIMARY KEY (to_site, name)
);
CREATE INDEX mailbox_sent_digest ON mailbox_sent(to_site, sent_at);
