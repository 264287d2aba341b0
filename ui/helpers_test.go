package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

func TestMain(m *testing.M) {
	// Background work runs inline so tests see its result at once; the
	// test driver runs fyne.Do inline too.
	spawn = func(f func()) { f() }
	if err := UseVietnamese(); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// openStore opens an empty data folder that is closed with the test.
func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newHub sets up a hub through the store and returns it with its card file.
func newHub(t *testing.T) (*store.Store, string) {
	t.Helper()
	st := openStore(t)
	keys, err := bundle.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Init(context.Background(), store.Setup{Passphrase: testPass, Role: store.RoleHub, Name: "Đảng ủy xã Sín Chéng", Keys: keys}); err != nil {
		t.Fatal(err)
	}
	card := filepath.Join(t.TempDir(), hubCardFile)
	if err := bundle.WriteHubCard(context.Background(), st, card); err != nil {
		t.Fatal(err)
	}
	return st, card
}

// newCellShell is a set-up cell's window on a test app.
func newCellShell(t *testing.T) *shell {
	t.Helper()
	s, _ := newCellAndHub(t)
	return s
}

// newCellAndHub is a set-up cell's window and the hub store it sends to.
func newCellAndHub(t *testing.T) (*shell, *store.Store) {
	t.Helper()
	hubStore, card := newHub(t)
	hub, err := bundle.ReadHubCard(card)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	keys, _ := bundle.GenerateKeys()
	_, err = st.Init(context.Background(), store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ thôn Sín Chéng",
		ParentName: "Đảng ủy xã Sín Chéng", Place: "Sín Chéng", Keys: keys, Hub: &hub})
	if err != nil {
		t.Fatal(err)
	}
	return newTestShell(t, st), hubStore
}

// newTestShell opens st's window on a fresh test app.
func newTestShell(t testing.TB, st *store.Store) *shell {
	t.Helper()
	a := test.NewTempApp(t)
	s := newShell(a, st)
	s.win.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(s.win.Close)
	t.Cleanup(func() { cleanPrints(st.Dir()) }) // as the app does when it closes
	return s
}

// addMembers saves members straight through the store.
func addMembers(t *testing.T, st *store.Store, names ...string) []store.Member {
	t.Helper()
	var ms []store.Member
	for i, n := range names {
		m := store.Member{FullName: n, Sex: store.SexMale, Status: store.StatusFull}
		if i == 0 {
			m.Position = store.PositionSecretary
		}
		ms = append(ms, m)
	}
	out, err := st.SaveMembers(context.Background(), ms)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// overlayText is every label and button text of the top dialog, joined.
func overlayText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	for _, o := range test.LaidOutObjects(top) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + x.Text + "]\n")
		}
	}
	return b.String()
}

// tapDialogButton taps the top dialog's button with this text.
func tapDialogButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open, wanted button %q", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q in dialog:\n%s", text, overlayText(w))
}

// closeDialogs dismisses every open dialog.
func closeDialogs(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}

// dialogSelects are the pickers of the top dialog, in order.
func dialogSelects(t *testing.T, w fyne.Window) []*widget.Select {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	var out []*widget.Select
	for _, o := range test.LaidOutObjects(top) {
		if s, ok := o.(*widget.Select); ok {
			out = append(out, s)
		}
	}
	return out
}

// pickInDialog picks option in the first picker of the top dialog that
// offers it: what a user does with two clicks (open, choose).
func pickInDialog(t *testing.T, s *shell, option string) {
	t.Helper()
	for _, sel := range dialogSelects(t, s.win) {
		for _, o := range sel.Options {
			if o == option {
				sel.SetSelected(option)
				return
			}
		}
	}
	t.Fatalf("no picker offers %q in:\n%s", option, overlayText(s.win))
}

// pickInDialogAt picks option in the i-th picker of the top dialog.
func pickInDialogAt(t *testing.T, s *shell, i int, option string) {
	t.Helper()
	sels := dialogSelects(t, s.win)
	if i >= len(sels) {
		t.Fatalf("dialog has %d pickers, want %d", len(sels), i+1)
	}
	for _, o := range sels[i].Options {
		if o == option {
			sels[i].SetSelected(option)
			return
		}
	}
	t.Fatalf("picker %d offers %v, not %q", i, sels[i].Options, option)
}

// widgetCell is a table cell's id, as a tap on it selects.
func widgetCell(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }

// confirmed is the fingerprints of the senders of paths, as a person
// confirms them after comparing each with the sender's laptop.
func confirmed(st *store.Store, paths ...string) []string {
	var out []string
	for _, p := range paths {
		if s, err := bundle.BundleSender(context.Background(), st, p); err == nil {
			out = append(out, s.Fingerprint)
		}
	}
	return out
}
