package sync

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stickCase is one odd entry on a stick and what the import must say of it.
type stickCase struct {
	name   string
	make   func(t *testing.T, dir string) string // creates the entry, returns its name
	status Status
	reason error // errors.Is target, nil for none
	text   string
}

// TestFolderBadInput puts every kind of bad entry issue 6 names in one
// folder beside two good bundles: each is listed with its reason, and the
// good bundles are applied whatever sorts before or after them.
func TestFolderBadInput(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	known := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, known, 4, 2)
	enroll := export(t, known) // enrolls the cell before the stick is read
	if r := Import(ctx, hub.st, enroll.Path, acceptAll(hub.st, enroll.Path)); r.Status != Accepted {
		t.Fatalf("enrolling: %s %v", r.Status, r.Err)
	}
	fillCell(t, known, 2, 1)
	good := export(t, known)
	stranger := newCell(t, hub, "Chi bộ thôn Sa Pả") // never enrolled
	fillCell(t, stranger, 3, 1)
	unknown := export(t, stranger)
	other := newHub(t, "Đảng ủy xã khác")
	elsewhere := newCell(t, other, "Chi bộ của xã khác")
	fillCell(t, elsewhere, 2, 1)
	notOurs := export(t, elsewhere)

	copyIn := func(src, name string) func(*testing.T, string) string {
		return func(t *testing.T, dir string) string {
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			return put(t, dir, name, b)
		}
	}
	cases := []stickCase{
		{name: "good bundle", make: copyIn(good.Path, "m-good.chibo"), status: Accepted},
		{name: "bundle from an unknown cell", make: copyIn(unknown.Path, "a-unknown.chibo"), status: NeedsConfirmation},
		{name: "bundle for another hub", make: copyIn(notOurs.Path, "b-other.chibo"), status: Refused, reason: ErrNotForUs},
		{name: "non-bundle file named like a bundle", make: func(t *testing.T, dir string) string {
			return put(t, dir, "c-photo.chibo", []byte("\xff\xd8\xff\xe0 a photo renamed"))
		}, status: Refused, reason: ErrNotBundle},
		{name: "empty file", make: func(t *testing.T, dir string) string { return put(t, dir, "d-empty.chibo", nil) },
			status: Refused, reason: ErrTruncated, text: "empty"},
		{name: "non-bundle file", make: func(t *testing.T, dir string) string {
			return put(t, dir, "bao-cao.docx", []byte("PK\x03\x04"))
		}, status: Refused, reason: ErrNotBundleName},
		{name: "folder named like a bundle", make: func(t *testing.T, dir string) string {
			if err := os.Mkdir(filepath.Join(dir, "e-folder.chibo"), 0o700); err != nil {
				t.Fatal(err)
			}
			return "e-folder.chibo"
		}, status: Refused, reason: ErrNotAFile, text: "a folder"},
		{name: "dangling link", make: func(t *testing.T, dir string) string {
			if err := os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "f-link.chibo")); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			return "f-link.chibo"
		}, status: Refused, reason: ErrNotAFile, text: "a link"},
		{name: "pipe that would block a read", make: makeFIFO, status: Refused, reason: ErrNotAFile, text: "a pipe"},
		{name: "file gone before it is read", make: func(t *testing.T, dir string) string {
			return put(t, dir, "h-pulled.chibo", []byte("removed once listed"))
		}, status: Refused, reason: os.ErrNotExist},
	}
	dir := t.TempDir()
	names := map[string]string{}
	for _, c := range cases {
		names[c.name] = c.make(t, dir)
	}
	files, skipped, err := ScanFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, names["file gone before it is read"])); err != nil {
		t.Fatal(err)
	}
	results := append(ImportFiles(ctx, hub.st, files, Options{}, nil), skipped...)
	byName := map[string]Result{}
	for _, r := range results {
		byName[filepath.Base(r.File)] = r
	}
	if len(results) != len(cases) {
		t.Errorf("%d results for %d entries: %v", len(results), len(cases), byName)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, ok := byName[names[c.name]]
			switch {
			case !ok:
				t.Fatalf("%s is not listed", names[c.name])
			case r.Status != c.status:
				t.Errorf("status %s (%v), want %s", r.Status, r.Err, c.status)
			case c.reason != nil && !errors.Is(r.Err, c.reason):
				t.Errorf("reason %v, want %v", r.Err, c.reason)
			case c.status == Refused && (r.Err == nil || !strings.Contains(r.Err.Error(), c.text)):
				t.Errorf("reason %v, want one naming %q", r.Err, c.text)
			}
		})
	}
	if n, err := hub.st.Missing(ctx, known.id); err != nil || len(n) != 0 {
		t.Errorf("the good bundle left gaps %v (%v)", n, err)
	}
}

// TestFolderOfTenThousandFiles: a stick with 10,000 entries, a good
// bundle among them, is read through; every entry is accounted for.
func TestFolderOfTenThousandFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 files")
	}
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 4, 2)
	good := export(t, cell)
	dir := t.TempDir()
	b, err := os.ReadFile(good.Path)
	if err != nil {
		t.Fatal(err)
	}
	put(t, dir, "m-good.chibo", b)
	const total, junk = 10000, 200 // junk: files named like bundles that are not
	for i := range total - 1 {
		name, body := fmt.Sprintf("anh-%05d.jpg", i), []byte("\xff\xd8\xff\xe0")
		if i < junk {
			name = fmt.Sprintf("z-%05d.chibo", i)
		}
		put(t, dir, name, body)
	}
	start := time.Now()
	files, skipped, err := ScanFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	rs := ImportFiles(ctx, hub.st, files, acceptAll(hub.st, files...), nil)
	took := time.Since(start)
	count := map[Status]int{}
	for _, r := range append(rs, skipped...) {
		count[r.Status]++
	}
	if len(rs)+len(skipped) != total || count[Accepted] != 1 || count[Refused] != total-1 {
		t.Errorf("%d results, by status %v; want %d, one accepted", len(rs)+len(skipped), count, total)
	}
	t.Logf("10,000 entries (%d named like bundles) read in %s", len(files), took.Round(time.Millisecond))
}

func put(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}
