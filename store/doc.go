// Package store keeps a site's data in one SQLite file: the schema and its
// steps, the domain records, and the change log that bundles carry.
//
// Every write of a record that travels goes through put, which updates the
// materialized row and appends a change with only the changed fields in the
// same transaction, so the log and the records can never disagree.
//
// A folder is locked with a passphrase (lock.go): the sensitive columns,
// every change payload, held changes, conflicts, acknowledgements, cells'
// claims and the private keys are sealed with a data key before they reach
// SQLite (seal.go), so the file, its WAL and its backups hold them only as
// ciphertext. Open returns a locked store; Unlock gives it the key.
//
// # Where things are
//
// The files come in families; the prefix says which. Start from the
// first file named in each.
//
// One definition per fact:
//
//	entities.go        every record kind: table, columns, and per column whether it is an
//	                   integer, sealed, decided only by the hub, local, a reference, its cap
//	schema.go          the schema steps, migrations/NNNN_name.sql, embedded and numbered
//	types.go vocab.go  the records' Go types, codes and their Vietnamese wordings
//	                   (member status and attendance codes are rules', re-exported)
//
// The change log and local writes:
//
//	changes.go         Change, ValidChange (types and caps), put/del, LocalChanges
//	changes_chain.go   the MAC chain over the log's rows, checked before every export
//	store.go           Open, the one-writer transaction, migrate
//
// Sealing and the lock (values at rest):
//
//	seal.go            seal and unseal one value bound to its place; the unseal() SQL function
//	seal_all.go        sealing a whole database: Protect, a restored pre-lock backup, the
//	                   upgrade of a folder sealed before values were bound (sealVersion)
//	tamper.go          ErrTampered: what was written into the folder from outside the app
//	lock.go            the passphrase and keys.json (the wrapping is chibo/internal/keyfile);
//	                   DerivedKey, a key per purpose from the data key (the import log's MAC)
//	passphrase.go      the passphrase policy, one function: CheckPassphrase (zxcvbn,
//	                   passphrase_vi.txt, the site's own names)
//	lock_protect.go    giving a folder from before the lock its passphrase; scrubbing the file
//	lock_recover.go    a forgotten passphrase: the hub's escrow, the paper code
//	lock_escrow.go     the escrow bound to its cell: the hub answers only for that cell
//	backup*.go         encrypted backups, their preview, restore and the integrity check
//
// Sync, the store's half (the bundle format is chibo/sync, see its doc.go):
//
//	sync_incoming.go   Incoming, a verified bundle as the store applies it
//	sync_apply.go      ApplyBundle: one transaction per bundle, marks, references' owners
//	sync_ledger.go     the pipelined apply and Ledger
//	sync_stmts.go      prepared statements and batched ledger rows of an import
//	sync_merge.go      merging a change into its record: version vectors, (Lamport, origin, seq)
//	sync_clock.go      the window a change's Lamport clock must lie in; no clock wraps
//	sync_held.go       changes past a gap, and the ranges still missing
//	sync_conflicts.go  conflict rows; sync_resolve.go a person's resolution
//	sync_epoch.go      a copied or restored laptop starts a new origin
//	sync_acks.go       acknowledgements, both sides; sync_keys.go revoked and replaced keys
//	sync_hub_in.go     a cell applying its hub's decisions; sync_hub_out.go the hub sending them
//	sync_export.go     what this site has exported; sync_relay.go rosters and onward hubs
//	sync_received.go   what it received, keyed by (sender, id), and the peers a name matches
//	mailbox.go         the mailboxes this site sends and fetches through, and what went
//
// The hub:
//
//	hub_claims.go      what a cell writes into a field only the hub decides: the hub's
//	                   decision, paper history, or a proposal kept apart (cell_claims)
//	hub_decide*.go     the hub's decisions on ratings and candidates
//	hub_figures.go     the counts of the roll-up report; hub_stats.go the dashboard's
//	hub_cells.go hub_desk.go  the cells the hub has enrolled and what each has sent
//	meeting_minimum.go a small cell's shorter minimum meeting length, the hub's decision
//
// A cell's records and work: members*.go, meeting*.go, candidate*.go,
// review*.go, dues*.go, delete.go; drafts.go (the forms' unsaved typing: sealed,
// never a change); imports of lists in csv.go, members_xlsx.go,
// review_csv.go, candidate_csv.go; site.go (setup), dates.go and
// date_order.go, fold.go (search), files.go (atomic writes), files_open*.go
// (an input that is a regular file, never a pipe), perms.go (the folder is
// the owner's alone), limits.go (MaxRecordBytes and RecordReader, what one
// record may take in any decoder), check.go (integrity).
package store
