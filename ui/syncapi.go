package ui

import (
	"context"

	"chibo/store"
	bundle "chibo/sync"
)

// courier is what the screens need from package sync. Screens call it
// through the package variable bundles so a test can swap in a fake for a
// piece that cannot run headless; normally it is the real package.
type courier interface {
	GenerateKeys() (store.Keys, error)
	ReadHubCard(path string) (store.Peer, error)
	ReadCard(path string) (bundle.Card, error)
	WriteHubCard(ctx context.Context, st *store.Store, path string) error
	Fingerprint(k store.Keys) string
	Export(ctx context.Context, st *store.Store, dir string) (exported, error)
	BundleFiles(dir string) ([]string, error)
	// accept lists the fingerprints a person confirmed for new senders.
	ImportFiles(ctx context.Context, st *store.Store, paths []string, accept []string, progress func(done, total int)) []imported
	Import(ctx context.Context, st *store.Store, path string, accept []string) imported
}

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
}

var bundles courier = realCourier{}

// realCourier forwards to package sync.
type realCourier struct{}

func (realCourier) GenerateKeys() (store.Keys, error)           { return bundle.GenerateKeys() }
func (realCourier) ReadHubCard(path string) (store.Peer, error) { return bundle.ReadHubCard(path) }
func (realCourier) ReadCard(path string) (bundle.Card, error)   { return bundle.ReadCard(path) }
func (realCourier) WriteHubCard(ctx context.Context, st *store.Store, path string) error {
	return bundle.WriteHubCard(ctx, st, path)
}

// Fingerprint is this site's own fingerprint, read aloud on the phone.
func (realCourier) Fingerprint(k store.Keys) string {
	pub, rcpt, err := bundle.PublicKeys(k)
	if err != nil {
		return ""
	}
	return bundle.Fingerprint(pub, rcpt)
}
