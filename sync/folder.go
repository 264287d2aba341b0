package sync

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"chibo/store"
)

// What a stick's folder holds besides bundles. BundleFiles picks the
// bundles; ScanFolder also says why every other entry was passed over, so
// the summary after an import accounts for each name a person sees in
// the folder, and no odd entry (a folder named like a bundle, a broken
// link, a pipe that would block a read forever) stops the rest.

// Reasons an entry of a folder is not imported.
var (
	ErrNotBundleName = errors.New("not a chibo bundle: the name does not end in " + bundleExt)
	ErrNotAFile      = store.ErrNotAFile
)

// ScanFolder lists a folder like BundleFiles and returns, beside the bundle
// files, a Refused result for every other entry with its reason. Hidden
// entries (our own temp files, macOS "._" shadows on FAT sticks) are
// passed over silently: a person does not see them in the folder either.
func ScanFolder(dir string) (files []string, skipped []Result, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("sync: list bundles in %s: %w", dir, err)
	}
	for _, e := range ents {
		n := e.Name()
		path := filepath.Join(dir, n)
		switch {
		case strings.HasPrefix(n, "."):
		case !e.Type().IsRegular() && strings.EqualFold(filepath.Ext(n), bundleExt):
			skipped = append(skipped, refuse(Result{}, path, fmt.Errorf("%w: %s", ErrNotAFile, kindOf(e.Type()))))
		case !e.Type().IsRegular() && e.IsDir():
			// A sub-folder is a person's own filing; it is not looked into.
		case !strings.EqualFold(filepath.Ext(n), bundleExt):
			skipped = append(skipped, refuse(Result{}, path, ErrNotBundleName))
		default:
			files = append(files, path)
		}
	}
	sort.Strings(files)
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].File < skipped[j].File })
	return files, skipped, nil
}

// kindOf names what a non-regular entry is, for the reason.
func kindOf(m fs.FileMode) string { return store.KindOf(m) }
