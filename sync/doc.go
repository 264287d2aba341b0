// Package sync builds, signs, encrypts, verifies and applies bundles: the
// files a cell carries to its hub on a USB stick.
//
// # File name
//
// A bundle is named "<bundle-uuid>.chibo". The name says nothing about the
// cell, so a lost stick does not reveal which cell wrote it.
//
// # Format versions
//
// 1.0 carried one origin's changes (seq_from..seq_to). 1.1 adds the
// manifest's "ranges" (one per origin: a copied or restored cell starts a
// new origin, an epoch) and the "ack" kind, whose body is the hub's
// acknowledgement (see ackBody) instead of changes. The clear header's
// version must equal the signed manifest's, so a header cannot be
// downgraded. A reader accepts every minor of its major: changes of a
// newer minor keep fields it does not know in the ledger. Golden bundles
// of every released format live in testdata/golden and are read by a test.
// 1.2 adds "saw" to a change: the version vector of the record its writer
// had seen (other origins only, so it is absent in the usual case).
// 1.3 adds the hub's decisions: an ack body may carry "decisions" (the
// hub's own changes whose org_id is the receiving cell), "origins" (the
// hub's own change origins) and "resolutions" (conflicts those changes
// settle); a cell's changes manifest carries "acked", per hub origin the
// highest hub change it has applied. A 1.2 reader ignores the new fields,
// so an old cell simply keeps receiving the decisions until it updates.
//
// 1.4 adds "recipients" to the manifest: every site the bundle is
// encrypted to besides the sender, the primary "recipient" first (see
// Relay), and the "roster" kind; an ack body carries "onward". A 1.3
// reader checks only "recipient", which is still the cell's own hub.
//
// 1.5 adds "mailboxes" to an ack body: the mailboxes on the network the
// hub uses (url and certificate pin), the whole list every time, as
// "onward"; a cell replaces the list it had from the hub unless the ack
// is older than the one that set it. A 1.4 reader ignores it. The hub
// card (not a bundle) names them too, signed like its onward hubs.
//
// # Carriers
//
// A stick or a mailbox on the network (mailbox/doc.go) carries the very
// same files: the carrier (mailbox/carrier) writes them with Export,
// ExportAcks and Relay into mailbox-out/ beside chibo.db, deposits them,
// takes what waits into mailbox-in/<sender>/ and imports it with
// ImportFiles, so every check above applies unchanged. A mailbox is
// untrusted like a stick. It reads without any key only what this
// package lets it: a bundle's clear header (ReadBundleHeader,
// CheckBundleFile), a hub's card (ParseCard) and the roster a hub signs
// for it in the clear (MailboxRoster, ParseMailboxRoster: cells' site ids
// and signing keys, and revoked keys; no names). What a cell sends is
// decided by ExportDigest (its ranges, the hub changes applied, its
// recipients): the same backlog is not sent twice while the first copy
// waits at the mailbox. An acknowledgement or roster is sent again only
// when its body, less its date, changed (Exported.Digest). A file taken
// from a mailbox is acknowledged there, and so deleted, only once its
// import is final.
//
// # Relay
//
// A commune committee carries its cells' bundles on to the province
// unchanged, so the province checks them with the cells' own signatures.
//
//  1. The commune pins the province's card (chibo onward, or "Chọn thẻ
//     của cấp ủy cấp trên" on its "Nhận dữ liệu" screen) after comparing
//     the fingerprint: a peer with role "onward". Its own card then lists
//     the province under "onward", signed with the commune's key (so the
//     fingerprint a cell confirms covers it), and every acknowledgement
//     it sends carries the list, so cells set up earlier learn it too.
//  2. A cell encrypts each change bundle to its hub, to every onward hub
//     and to itself; the signed manifest's "recipients" lists the hub
//     first, then the onward hubs.
//  3. The commune imports as before and keeps each accepted original in
//     inbox/. Relay (chibo relay, or the "Chuyển tiếp" button) writes to
//     a folder, per onward hub, a roster bundle signed by the commune and
//     encrypted to that hub: its cells' site ids, names, signing keys and
//     age recipients, and the revoked keys of those cells. Beside it go
//     the originals from inbox/ that name the onward hub as a recipient,
//     copied byte for byte and read back. The roster's file name starts
//     with "roster-", so importing the folder reads it first; it names
//     no cell.
//  4. The province imports the folder. A roster is accepted only from a
//     site pinned as a commune (role "relay"); the first one waits for a
//     person to confirm the commune's fingerprint, like a new cell. It
//     pins the cells it lists (store.ApplyRoster, one transaction) and
//     remembers which commune vouched for each; a cell enrolled directly
//     or through another commune with other keys refuses the whole
//     roster (store.ErrRosterConflict). A commune may replace the keys of
//     its own cell (new laptop); the old key is revoked.
//  5. A bundle whose "recipient" is not this site is accepted only when
//     "recipients" names this site, it carries changes, and its sender is
//     a cell that a verified roster of that very "recipient" lists
//     (ErrNotRelayed otherwise; such a cell is never enrolled by
//     confirming a fingerprint at the province). Then it goes through the
//     ordinary checks and ApplyBundle, so duplicates, gaps and forks work
//     as for a direct cell.
//
// Bundles a cell sent before its commune pinned the province are not
// encrypted to the province; Relay skips them (Relayed.Skipped). So the
// first export after a cell learns a new onward hub carries its whole
// history, acknowledged or not (store.OwnHistory), and the commune keeps
// that original even when it brings the commune nothing new. Only if that
// one stick is lost does the province miss the old changes (it lists
// them as a gap); "chibo onward --card" on the cell sends them again.
// The province sends no acknowledgement to a relayed cell: the cell
// trusts its commune, not the province.
//
// # Decisions (hub → cell)
//
// The hub's decisions are ordinary changes of its own origins, written by
// store (hub_decide*.go) in one transaction per decision. They ride in the
// ack bundle of each cell they concern, not in a kind of their own, so one
// file per cell carries the receipt, the revocation list and the
// decisions. They are cumulative: every hub bundle to a cell holds each
// hub change for it above the cell's "acked" mark, so a lost stick costs
// nothing. The cell verifies the pinned hub's signature and applies them
// with the ack in one transaction (store.ApplyHubBundle): only under the
// hub's origins, never its own; only into this cell; only fields the hub
// decides (a review's hub_level, hub_decision_no and hub_decision_date;
// a candidate's hub_decision_no, hub_decision_date and
// full_decision_date; a small cell's minimum meeting length, the org
// record's meeting_min_*) or a field of a listed resolved conflict. Anything
// else refuses the whole bundle. A bundle for one cell is encrypted to
// that cell and addressed to it, so it cannot be replayed to another.
//
// The other way round, a cell's bundle never decides for the hub,
// whatever its format version: at the hub a cell's write to one of those
// fields stands only as paper history from before the cell kept its books
// in the app, and never over the hub's own decision; anything else is the
// cell's proposal, kept and counted apart (store/hub_claims.go).
//
// # Conflicts
//
// store.ApplyBundle compares an incoming change's "saw" with the record's
// changes already here. Nothing unseen: it applies. Otherwise each field
// goes to the change with the greater (Lamport, origin, seq), the same on
// every replica whatever the arrival order, and a field written
// differently by two changes that did not see each other gets a row in
// conflicts (base, ours = kept, theirs = lost) with an id derived from the
// two changes. A delete against an edit it did not see wins, with a
// conflict row. A person's resolution (ui/conflicts.go) is a new local
// change that saw both sides; it wins wherever it arrives and closes the
// same conflict there.
//
// # Keys
//
// Every acknowledgement carries the hub's whole revocation list (signing
// keys). A cell stores it, refuses bundles signed by a listed key, and
// refuses to export when its own key is listed (ErrOwnKeyRevoked): a new
// laptop replaced it (store.ReplaceOwnKeys, then ReplaceKey at the hub
// with the fingerprint a person read out).
//
// # Acknowledgements, gaps and forks
//
// A cell exports every change the hub has not acknowledged. The hub
// applies changes in sequence per origin; a change past a gap is stored
// and applied when the range arrives, and the missing ranges go back in
// the next ack as resend requests. The same origin and sequence with other
// content refuses the bundle (store.ErrFork) and keeps the file under
// quarantine/. Refusals are logged in refused.jsonl beside the database,
// not in it, so a refused import leaves chibo.db unchanged; accepted
// originals are kept under inbox/.
//
// Import first copies the file off the stick into a temporary file in the
// data folder, then reads it twice: a first pass checks the header, the
// signature and the changes' length and hash without decoding anything; a
// second pass, inside the store's transaction, decodes and applies one
// change at a time, so memory does not grow with the bundle.
//
// Every import attempt, whatever its outcome, appends one line to
// import-log.jsonl beside the database: the file's SHA-256, bundle,
// sender, outcome and reason, the SHA-256 of the previous line, so an
// edited or removed line breaks the chain, and a MAC keyed from the data
// key, so the chain cannot be written afresh without the passphrase
// (VerifyImportLog, chibo verify-log; every bundle the database imported
// since the log was keyed must have a keyed line). refused.jsonl stays as
// the short list the next ack reports.
//
// Received bundles are keyed by (sender, bundle id) everywhere: a bundle
// id is its sender's choice, so one cell reusing another's cannot pass
// for a duplicate of it, and kept originals are named by a hash of both
// (keptName).
//
// A cell whose unacknowledged changes pass the size cap (split.go) exports
// several files with contiguous ranges; they may be carried and imported
// in any order.
//
// # File layout (format 1.0)
//
// The file starts with a short clear-text header of ASCII lines:
//
//	CHIBO-BUNDLE
//	format 1.0
//	length <bytes of the age ciphertext that follows>
//	sha256 <hex SHA-256 of that ciphertext>
//	check <hex, first 8 bytes of SHA-256 of all header bytes above this line>
//
// The header is checked before any decryption, so the reader can tell a file
// cut short (ErrTruncated) from one with a changed byte (ErrDamaged) from one
// that is fine but encrypted for another hub (ErrNotForUs). Readers ignore
// header lines they do not know, so a minor version may add some; the check
// line always comes last. A newer major version is refused (ErrNewerFormat).
//
// After the header comes a binary age file (filippo.io/age, X25519)
// encrypted to the hub's recipient and to the sending cell's own recipient,
// so the cell can read its outbox back. Its plaintext, the payload, is:
//
//	"CHIBO-PAYLOAD\n"              14 bytes
//	manifest length                4 bytes, big-endian
//	manifest                       JSON, see manifest in format.go
//	signature                      64 bytes, Ed25519 over the exact manifest bytes
//	changes                        the rest: JSON array of store.Change, gzip-compressed
//
// The manifest names the sender (site id, role, name, public keys and
// fingerprint), the recipient site, the sender's sequence range, the hash
// of the sender's previous manifest (a chain), the schema and app version,
// and the record count, length and SHA-256 of the changes exactly as stored.
//
// # Checks on import, in order
//
// header → decrypt with our age identity → parse manifest → newer major or
// schema → recipient is this site (or, relayed, listed in recipients) →
// signature verifies with the manifest's
// key → that key equals the key pinned for the sender (ErrWrongKey; an
// unknown sender needs a person to confirm the fingerprint) → changes
// length, hash and count → store.ApplyBundle in one transaction, which
// checks each change against entities.go (known fields, types, lengths),
// its Lamport clock against a window the sender can reach
// (store.ErrBadClock) and the organisation of every record it points at.
// Every refusal leaves the database as it was.
//
// An unknown sender is enrolled only when the fingerprint a person
// confirmed for it is among Options.Accept (chibo import --accept-new
// FINGERPRINT); results name an enrolled sender as this site enrolled it.
//
// # One reader, and its limits
//
// stream.go (with stream_decode.go) is the only reader of the format:
// Import, Verify, the golden bundles' test, an export's read-back and
// BundleSender all go through it.
// An enrolled cell is still an insider to distrust, so the reader stops
// one change at store.MaxRecordBytes of JSON and a body at maxInflate
// times its compressed size (ErrTooLarge), reads a manifest within
// maxManifest and an ack or roster within maxSmallBody, and Verify decodes
// nothing of a sender not enrolled yet. Refusals name their reason:
// ErrTruncated and ErrDamaged for what a bad copy does (copy it again),
// ErrInvalidBundle for what the sender signed and the format forbids,
// ErrTooLarge, ErrCopiedLaptop for a fork. docs/threat-model.md lists
// the attackers and the tests.
package sync
