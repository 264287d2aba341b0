package sync

import (
	"context"

	"chibo/store"
)

// verifyLog runs verify-log on a hub.
func verifyLog(hub *site) (LogReport, error) {
	return VerifyImportLog(context.Background(), hub.st)
}

// acceptAll confirms the fingerprint of every new sender among paths, as
// a person does after comparing each one: the fingerprint is read from
// the bundle itself (BundleSender). Files that do not open are left out.
func acceptAll(st *store.Store, paths ...string) Options {
	var o Options
	for _, p := range paths {
		if s, err := BundleSender(context.Background(), st, p); err == nil {
			o.Accept = append(o.Accept, s.Fingerprint)
		}
	}
	return o
}

// importNew imports one bundle, confirming its sender's fingerprint.
func importNew(ctx context.Context, st *store.Store, path string) Result {
	return Import(ctx, st, path, acceptAll(st, path))
}
