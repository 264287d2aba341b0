package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

// writeWork is the shape of the long writes a hub starts from the
// window: relaying and writing decisions to a folder.
type writeWork[T any] func(context.Context, *store.Store, string, func(int, int)) (T, error)

// pressAt wraps real so that press runs once k items are done, as a
// person pressing «Dừng» at that moment would.
func pressAt[T any](real writeWork[T], k int, press func()) writeWork[T] {
	return func(ctx context.Context, st *store.Store, dir string, progress func(done, total int)) (T, error) {
		return real(ctx, st, dir, func(done, total int) {
			progress(done, total)
			if done == k {
				press()
			}
		})
	}
}

// tapStop presses the enabled «Dừng» among objects.
func tapStop(t *testing.T, o fyne.CanvasObject) {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == stopText && !b.Disabled() {
			test.Tap(b)
			return
		}
	}
	t.Error("no «Dừng» to press while the work runs")
}

// communeWithCells is a commune that relays to a province, holding one
// original from each of n cells in its inbox.
func communeWithCells(t *testing.T, n int) *store.Store {
	t.Helper()
	ctx := context.Background()
	_, provinceCard := newHub(t)
	communeStore, _ := newHub(t)
	pc, err := bundle.ReadCard(provinceCard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bundle.PinOnward(ctx, communeStore, provinceCard, pc.Hub.Fingerprint); err != nil {
		t.Fatal(err)
	}
	c := relayingCard(t, communeStore)
	for i := range n {
		enrolCell(t, communeStore, c.Hub, c.Onward, i)
	}
	return communeStore
}

// relayingCard is the card a commune hands its cells once it relays to
// one hub above: its own keys and the onward hub's.
func relayingCard(t *testing.T, commune *store.Store) bundle.Card {
	t.Helper()
	card := filepath.Join(t.TempDir(), "commune.json")
	if err := bundle.WriteHubCard(context.Background(), commune, card); err != nil {
		t.Fatal(err)
	}
	c, err := bundle.ReadCard(card)
	if err != nil || len(c.Onward) != 1 {
		t.Fatalf("commune card %+v, %v", c, err)
	}
	return c
}

// relayedOriginals counts the cells' files in stick, each of which must
// be byte for byte an original the commune keeps: a whole bundle, no
// partial or temporary file beside it.
func relayedOriginals(t *testing.T, st *store.Store, stick string) int {
	t.Helper()
	es, err := os.ReadDir(stick)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range es {
		if strings.HasPrefix(e.Name(), "roster-") {
			continue
		}
		got, err := os.ReadFile(filepath.Join(stick, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(st.Dir(), "inbox", e.Name()))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s on the stick is not a whole original (%v)", e.Name(), err)
		}
		n++
	}
	return n
}

// TestStopRelay: «Dừng» while a commune carries its cells' files on
// leaves whole originals only, as many as the message says; pressed
// after the last file, the relay is whole and says so. Relaying again
// writes them all.
func TestStopRelay(t *testing.T) {
	const n = 4
	for _, k := range []int{1, 3, n} {
		t.Run(fmt.Sprintf("after %d", k), func(t *testing.T) {
			commune := newTestShell(t, communeWithCells(t, n))
			commune.nav.Select(1)
			p := commune.current.(*hubImportScreen).relay
			real := relayFiles
			t.Cleanup(func() { relayFiles = real })
			relayFiles = pressAt(real, k, func() { tapStop(t, p.running) })
			stick := t.TempDir()
			p.relay(stick)
			if got := relayedOriginals(t, commune.st, stick); got != k {
				t.Errorf("%d originals on the stick after «Dừng» at %d of %d", got, k, n)
			}
			want := fmt.Sprintf("Đã dừng theo yêu cầu: đã ghi %d tệp của các chi bộ", k)
			if k == n {
				want = fmt.Sprintf("Đã ghi %d tệp của các chi bộ", n)
			}
			if !strings.HasPrefix(p.summary.Text, want) {
				t.Errorf("after «Dừng» the panel says %q, want %q", p.summary.Text, want)
			}
			if len(p.running.Objects) != 0 || p.button.Disabled() {
				t.Error("the bar and «Dừng» stay after the stop, or the button stays off")
			}
			closeDialogs(commune.win)
			relayFiles = real
			p.relay(stick)
			if got := relayedOriginals(t, commune.st, stick); got != n {
				t.Errorf("%d originals on the stick after relaying again, want %d", got, n)
			}
			if want := fmt.Sprintf("Đã ghi %d tệp của các chi bộ", n); !strings.HasPrefix(p.summary.Text, want) {
				t.Errorf("relaying again says %q, want %q", p.summary.Text, want)
			}
		})
	}
}

// hubRatedCells is a hub with n enrolled cells, each rated by the hub
// and so waiting for its decision; it returns the cells' stores and ids.
func hubRatedCells(t *testing.T, n int) (*store.Store, []*store.Store, []string) {
	t.Helper()
	ctx := context.Background()
	hubStore, card := newHub(t)
	hub, err := bundle.ReadHubCard(card)
	if err != nil {
		t.Fatal(err)
	}
	var cells []*store.Store
	var ids []string
	for i := range n {
		cell, id := enrolCell(t, hubStore, hub, nil, i)
		d := store.Decision{No: "12-QĐ/ĐU", Date: "2026-01-15"}
		if err := hubStore.RateCell(ctx, id, 2025, "good", d, time.Date(2026, 2, 1, 0, 0, 0, 0, time.Local)); err != nil {
			t.Fatal(err)
		}
		cells, ids = append(cells, cell), append(ids, id)
	}
	return hubStore, cells, ids
}

// deliverDecisions imports every file of stick at the cell it is for
// and returns how many cells got a file; each file must be a whole hub
// bundle that exactly one cell accepts, bringing the hub's rating.
func deliverDecisions(t *testing.T, stick string, cells []*store.Store) int {
	t.Helper()
	ctx := context.Background()
	files, err := bundle.BundleFiles(stick)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]bool{}
	for _, f := range files {
		took := 0
		for i, c := range cells {
			if r := bundle.Import(ctx, c, f, bundle.Options{}); r.Status == bundle.Accepted || r.Status == bundle.Duplicate {
				took++
				got[i] = true
			}
		}
		if took != 1 {
			t.Errorf("%s taken by %d cells, want exactly one", filepath.Base(f), took)
		}
	}
	for i, c := range cells {
		rs, err := c.Reviews(ctx, "", 2025)
		if err != nil {
			t.Fatal(err)
		}
		if has := rs[""].HubLevel == "good"; has != got[i] {
			t.Errorf("cell %d holds the hub's rating: %v, got a file: %v", i+1, has, got[i])
		}
	}
	return len(got)
}

// TestStopDecisions: «Dừng» while the hub writes decisions leaves one
// whole bundle for each cell the message counts and none for the others;
// pressed after the last cell, the work is whole and says so. Nothing is
// marked delivered, so writing again covers every cell.
func TestStopDecisions(t *testing.T) {
	const n = 4
	ctx := context.Background()
	for _, k := range []int{1, 3, n} {
		t.Run(fmt.Sprintf("after %d", k), func(t *testing.T) {
			hubStore, cells, _ := hubRatedCells(t, n)
			sh := newTestShell(t, hubStore)
			h := newHubDecisions(sh)
			sh.show(h)
			real := exportDecisions
			t.Cleanup(func() { exportDecisions = real })
			exportDecisions = pressAt(real, k, func() { tapStop(t, sh.win.Canvas().Overlays().Top()) })
			stick := t.TempDir()
			h.write(stick)
			want := fmt.Sprintf("Đã dừng theo yêu cầu: đã ghi quyết định cho %d chi bộ", k)
			if k == n {
				want = fmt.Sprintf("Đã ghi %d quyết định cho %d chi bộ", n, n)
			}
			if !strings.HasPrefix(h.result.Text, want) {
				t.Errorf("after «Dừng» the screen says %q, want %q", h.result.Text, want)
			}
			if files, _ := bundle.BundleFiles(stick); len(files) != k {
				t.Errorf("%d files on the stick, the message says %d", len(files), k)
			}
			if got := deliverDecisions(t, stick, cells); got != k {
				t.Errorf("%d cells got their decisions, want %d", got, k)
			}
			if w, err := hubStore.CellsAwaitingDecisions(ctx); err != nil || len(w) != n {
				t.Errorf("%d cells still awaiting decisions at the hub (%v), want %d until they answer", len(w), err, n)
			}
			closeDialogs(sh.win)
			exportDecisions = real
			again := t.TempDir()
			h.write(again)
			if want := fmt.Sprintf("cho %d chi bộ vào", n); !strings.Contains(h.result.Text, want) || !strings.HasPrefix(h.result.Text, "Đã ghi") {
				t.Errorf("writing again says %q", h.result.Text)
			}
			if got := deliverDecisions(t, again, cells); got != n {
				t.Errorf("writing again reached %d cells, want %d", got, n)
			}
		})
	}
}

// restoreWork is store.Restore's shape.
type restoreWork func(context.Context, string, string, store.BackupKey) (store.BackupPreview, error)

// pressRestore wraps the real restore so that «Dừng» on w is pressed
// before it starts (before the replace) or after it returned (too late:
// the backup is in place).
func pressRestore(t *testing.T, real restoreWork, w fyne.Window, late bool) restoreWork {
	return func(ctx context.Context, dir, path string, k store.BackupKey) (store.BackupPreview, error) {
		if !late {
			tapStop(t, w.Canvas().Overlays().Top())
		}
		p, err := real(ctx, dir, path, k)
		if late {
			tapStop(t, w.Canvas().Overlays().Top())
		}
		return p, err
	}
}

// movedAside counts the before-restore folders: each is a replace that
// happened.
func movedAside(t *testing.T, dir string) int {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "before-restore-*"))
	if err != nil {
		t.Fatal(err)
	}
	return len(m)
}

// fileSum is a checksum of a file's bytes.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestStopRestore: «Dừng» before a restore replaces the data leaves the
// data exactly as it was and says so; pressed once the backup is in
// place it is too late and the restore is reported done. Restoring
// again completes. Both from the backup screen and from the window shown
// for a damaged database.
func TestStopRestore(t *testing.T) {
	for _, tc := range []struct {
		name string
		late bool
	}{{"before the replace", false}, {"after the replace", true}} {
		t.Run("backup screen "+tc.name, func(t *testing.T) {
			s := newCellShell(t)
			addMembers(t, s.st, "Giàng A Páo")
			info, err := s.st.Backup(context.Background(), t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			addMembers(t, s.st, "Lù Thị Mai")
			dir := s.st.Dir()
			real := restoreFile
			t.Cleanup(func() { restoreFile = real })
			restoreFile = pressRestore(t, real, s.win, tc.late)
			s.restoreBackup(info.Path, testPass)
			if tc.late {
				if got := memberNames(t, s.st); got != "Giàng A Páo" || !strings.Contains(overlayText(s.win), "Đã khôi phục") {
					t.Errorf("«Dừng» after the replace: members %s, says %q", got, overlayText(s.win))
				}
				return
			}
			if got := memberNames(t, s.st); got != "Giàng A Páo, Lù Thị Mai" || movedAside(t, dir) != 0 {
				t.Errorf("«Dừng» before the replace changed the data: members %s, %d replaced", got, movedAside(t, dir))
			}
			if msg := overlayText(s.win); !strings.Contains(msg, restoreStopped) {
				t.Errorf("after «Dừng» the window says %q", msg)
			}
			closeDialogs(s.win)
			restoreFile = real
			s.restoreBackup(info.Path, testPass)
			if got := memberNames(t, s.st); got != "Giàng A Páo" || !strings.Contains(overlayText(s.win), "Đã khôi phục") {
				t.Errorf("restoring again: members %s, says %q", got, overlayText(s.win))
			}
		})
	}
	t.Run("damaged database before the replace", func(t *testing.T) {
		ctx := context.Background()
		s := newCellShell(t)
		st, dir := s.st, s.st.Dir()
		addMembers(t, st, "Giàng A Páo")
		if _, _, err := st.AutoBackup(ctx, time.Date(2026, 3, 1, 8, 0, 0, 0, time.Local)); err != nil {
			t.Fatal(err)
		}
		st.Close()
		db := filepath.Join(dir, store.FileName)
		spoil(t, db, 4096, -1)
		before := fileSum(t, db)
		l := launch(test.NewTempApp(t), dir)
		if l.recover == nil {
			t.Fatal("a damaged database opened the main window")
		}
		typeInWindow(t, l.recover, testPass)
		tapButton(t, l.recover, "Mở các bản sao lưu")
		real := restoreFile
		t.Cleanup(func() { restoreFile = real })
		restoreFile = pressRestore(t, real, l.recover, false)
		tapButton(t, l.recover, "Khôi phục bản này")
		if l.cur != nil || fileSum(t, db) != before || movedAside(t, dir) != 0 {
			t.Error("«Dừng» before the replace changed the damaged database or opened the main window")
		}
		if msg := overlayText(l.recover); !strings.Contains(msg, restoreStopped) {
			t.Errorf("after «Dừng» the recovery window says %q", msg)
		}
		closeDialogs(l.recover)
		restoreFile = real
		tapButton(t, l.recover, "Khôi phục bản này")
		if l.cur == nil {
			t.Fatalf("restoring again opened no main window: %s", overlayText(l.recover))
		}
		t.Cleanup(func() { l.cur.st.Close() })
		if got := memberNames(t, l.cur.st); got != "Giàng A Páo" {
			t.Errorf("members after restoring again: %s", got)
		}
	})
}
