package ui

// What the screens that carry bundles take from package sync, in the
// window's terms: an export's files, an import's outcome per file. The
// screens call package sync directly otherwise; the tests run it for real
// on folders in t.TempDir(), so nothing here is swapped for a fake.

import (
	"chibo/store"
	bundle "chibo/sync"
)

// exported is what a finished export wrote.
type exported struct {
	Path     string
	BundleID string
	Changes  int
	Bytes    int64
	Parts    []string // every file, in order, when the changes were split over several
}

// Import outcomes, as sync reports them.
const (
	statusAccepted  = string(bundle.Accepted)
	statusDuplicate = string(bundle.Duplicate)
	statusRefused   = string(bundle.Refused)
	statusConfirm   = string(bundle.NeedsConfirmation)
	statusStopped   = string(bundle.Stopped)
)

// imported is one file's import outcome.
type imported struct {
	File     string
	Status   string
	Err      error
	Sender   store.Peer
	BundleID string
	Changes  int
	// NameTaken: enrolled peers that already carry a new sender's name.
	NameTaken []store.Peer
	// Deleted counts, per entity, the deletions an accepted bundle
	// carried (hub_import.go names them).
	Deleted map[string]int
}

// ownFingerprint is this site's own fingerprint, read aloud on the phone.
func ownFingerprint(k store.Keys) string {
	pub, rcpt, err := bundle.PublicKeys(k)
	if err != nil {
		return ""
	}
	return bundle.Fingerprint(pub, rcpt)
}
