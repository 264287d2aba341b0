package store_test

import (
	"context"

	"chibo/store"
	bundle "chibo/sync"
)

// importNew imports a cell's bundle at the hub, confirming the sender's
// fingerprint as a clerk does after comparing it with the cell's laptop.
func importNew(ctx context.Context, hub *store.Store, path string) bundle.Result {
	sender, err := bundle.BundleSender(ctx, hub, path)
	if err != nil {
		return bundle.Result{File: path, Status: bundle.Refused, Err: err}
	}
	return bundle.Import(ctx, hub, path, bundle.Options{Accept: []string{sender.Fingerprint}})
}
