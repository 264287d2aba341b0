package ui

import (
	"context"

	"chibo/store"
	bundle "chibo/sync"
)

// exportTo writes this site's bundle (or its parts) into dir.

func exportTo(ctx context.Context, st *store.Store, dir string) (exported, error) {
	e, err := bundle.Export(ctx, st, dir)
	x := exported{Path: e.Path, BundleID: e.BundleID, Changes: e.Changes, Bytes: e.Bytes}
	for _, p := range e.Parts {
		x.Parts = append(x.Parts, p.Path)
	}
	return x, err
}

// importFiles imports paths in order; accept lists the fingerprints a
// person confirmed for new senders. It is a variable for one reason: the
// tests of «Dừng» (task_test.go) wrap it to press the button between two
// bundles, at a moment they choose.
var importFiles = func(ctx context.Context, st *store.Store, paths []string, accept []string, progress func(done, total int)) []imported {
	rs := bundle.ImportFiles(ctx, st, paths, bundle.Options{Accept: accept}, progress)
	out := make([]imported, len(rs))
	for i, r := range rs {
		out[i] = fromResult(r)
	}
	return out
}

// importOne imports one file, as importFiles does.
func importOne(ctx context.Context, st *store.Store, path string, accept []string) imported {
	return fromResult(bundle.Import(ctx, st, path, bundle.Options{Accept: accept}))
}

// fromResult is one outcome in the window's terms.
func fromResult(r bundle.Result) imported {
	return imported{File: r.File, Status: string(r.Status), Err: r.Err, Sender: r.Sender, BundleID: r.BundleID, Changes: r.Changes,
		NameTaken: r.NameTaken, Deleted: r.Deleted}
}
