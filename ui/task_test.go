package ui

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chibo/store"
	bundle "chibo/sync"
)

// stopAfter wraps the real importFiles so that then runs once k files
// are done, as a person pressing a button at that moment would.
func stopAfter(real func(context.Context, *store.Store, []string, []string, func(int, int)) []imported, k int,
	then func()) func(context.Context, *store.Store, []string, []string, func(int, int)) []imported {
	return func(ctx context.Context, st *store.Store, paths []string, accept []string, progress func(done, total int)) []imported {
		return real(ctx, st, paths, accept, func(done, total int) {
			progress(done, total)
			if done == k {
				then()
			}
		})
	}
}

// stickOfEnrolled is a hub and a stick with one bundle from
// each of n cells the hub already knows; each bundle brings two new
// members. It returns the cells' site ids in the stick's order.
func stickOfEnrolled(t *testing.T, n int) (*store.Store, string, []string) {
	t.Helper()
	ctx := context.Background()
	hubStore, card := newHub(t)
	cardPeer, err := bundle.ReadHubCard(card)
	if err != nil {
		t.Fatal(err)
	}
	stick := t.TempDir()
	for i := range n {
		cell, _ := enrolCell(t, hubStore, cardPeer, nil, i)
		addMembers(t, cell, fmt.Sprintf("Lò Văn Sình %d", i), fmt.Sprintf("Vàng Thị Mỷ %d", i))
		if _, err := exportTo(ctx, cell, stick); err != nil {
			t.Fatal(err)
		}
	}
	files, err := bundle.BundleFiles(stick)
	if err != nil || len(files) != n {
		t.Fatalf("stick: %d files, %v", len(files), err)
	}
	var order []string
	for _, f := range files {
		s, err := bundle.BundleSender(ctx, hubStore, f)
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, s.SiteID)
	}
	return hubStore, stick, order
}

// enrolCell sets up cell number i under hub (and onward, when the hub
// relays) with one member, and carries its first bundle to the hub,
// confirmed. It returns the cell's store and site id.
func enrolCell(t *testing.T, hubStore *store.Store, hub store.Peer, onward []store.Peer, i int) (*store.Store, string) {
	t.Helper()
	ctx := context.Background()
	cell := openStore(t)
	keys, _ := bundle.GenerateKeys()
	site, err := cell.Init(ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: fmt.Sprintf("Chi bộ thôn %d", i+1),
		Keys: keys, Hub: &hub})
	if err != nil {
		t.Fatal(err)
	}
	if onward != nil {
		if err := cell.SetOnward(ctx, onward); err != nil {
			t.Fatal(err)
		}
	}
	addMembers(t, cell, fmt.Sprintf("Giàng A Páo %d", i))
	first, err := exportTo(ctx, cell, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if r := importOne(ctx, hubStore, first.Path, confirmed(hubStore, first.Path)); r.Status != statusAccepted {
		t.Fatalf("enrol cell %d: %s %v", i, r.Status, r.Err)
	}
	return cell, site.ID
}

// membersByCell counts the members the hub holds for each cell.
func membersByCell(t *testing.T, st *store.Store) map[string]int {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(st.Dir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT org_id, COUNT(*) FROM members GROUP BY org_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var org string
		var n int
		if err := rows.Scan(&org, &n); err != nil {
			t.Fatal(err)
		}
		out[org] = n
	}
	return out
}

// wholeFirst checks that the first k cells of order have all three
// members at the hub and the others only the one they were enrolled with.
func wholeFirst(t *testing.T, st *store.Store, order []string, k int) {
	t.Helper()
	got := membersByCell(t, st)
	for i, cell := range order {
		want := 1
		if i < k {
			want = 3
		}
		if got[cell] != want {
			t.Errorf("cell %d of %d: %d members at the hub, want %d (the first %d bundles whole, nothing of the rest)",
				i+1, len(order), got[cell], want, k)
		}
	}
}

// TestStopWindowImport: «Dừng» pressed during the import of a stick of
// twelve bundles stops it at a bundle boundary. The hub holds the
// bundles read before the press, whole, and nothing of the others; the
// screen says in Vietnamese how many were read and that the rest were
// not touched; receiving the stick again takes the rest.
func TestStopWindowImport(t *testing.T) {
	const n = 12
	for _, k := range []int{1, 5, 11} {
		t.Run(fmt.Sprintf("after %d", k), func(t *testing.T) {
			hubStore, stick, order := stickOfEnrolled(t, n)
			hub := newTestShell(t, hubStore)
			hub.nav.Select(1)
			imp := hub.current.(*hubImportScreen)
			real := importFiles
			t.Cleanup(func() { importFiles = real })
			importFiles = stopAfter(real, k, func() {
				if imp.task.stop.Text != stopText || imp.task.stop.Disabled() {
					t.Error("no «Dừng» to press while receiving")
				}
				test.Tap(imp.task.stop)
			})
			imp.run(stick)
			wholeFirst(t, hub.st, order, k)
			want := fmt.Sprintf("Đã dừng theo yêu cầu: đã đọc xong %d/%d tệp. %d tệp còn lại chưa được đọc, không bị thay đổi gì", k, n, n-k)
			if !strings.Contains(imp.status.Text, want) || !strings.Contains(imp.status.Text, fmt.Sprintf("%d tệp đã nhận", k)) {
				t.Errorf("after «Dừng» the screen says %q", imp.status.Text)
			}
			if len(imp.running.Objects) != 0 || imp.button.Disabled() {
				t.Error("the bar and «Dừng» stay after the stop, or the button stays off")
			}
			importFiles = real
			imp.run(stick)
			wholeFirst(t, hub.st, order, n)
			if want := fmt.Sprintf("Xong: %d tệp đã nhận, %d tệp trùng", n-k, k); !strings.HasPrefix(imp.status.Text, want) {
				t.Errorf("receiving again says %q, want %q", imp.status.Text, want)
			}
		})
	}
}

// TestClosingWindowStopsTask: closing the window while a stick is being
// received stops the import as «Dừng» does.
func TestClosingWindowStopsTask(t *testing.T) {
	const n, k = 6, 2
	hubStore, stick, order := stickOfEnrolled(t, n)
	hub := newShell(test.NewTempApp(t), hubStore) // closed by the test, not by a cleanup
	hub.nav.Select(1)
	imp := hub.current.(*hubImportScreen)
	real := importFiles
	t.Cleanup(func() { importFiles = real })
	var ctx context.Context
	importFiles = stopAfter(real, k, func() {
		ctx = imp.task.ctx
		hub.win.Close()
	})
	imp.run(stick)
	if ctx == nil || ctx.Err() == nil || hub.ctx.Err() == nil {
		t.Fatal("closing the window left the task's context running")
	}
	wholeFirst(t, hub.st, order, k)
}
