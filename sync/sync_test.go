package sync

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"

	"chibo/store"
)

func TestKeysAndFingerprint(t *testing.T) {
	k, err := GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	pub, rcpt, err := PublicKeys(k)
	if err != nil {
		t.Fatal(err)
	}
	fp := Fingerprint(pub, rcpt)
	if !regexp.MustCompile(`^([0-9A-F]{4} ){7}[0-9A-F]{4}$`).MatchString(fp) {
		t.Fatalf("fingerprint %q has the wrong shape", fp)
	}
	if Fingerprint(pub, rcpt+"x") == fp {
		t.Fatal("fingerprint ignores the age recipient")
	}
	if _, _, err := PublicKeys(store.Keys{SignPriv: []byte{1}, AgeIdentity: k.AgeIdentity}); err == nil {
		t.Fatal("short signing key accepted")
	}
}

func TestHubCard(t *testing.T) {
	hub := newHub(t, "Đảng ủy xã Tả Van")
	path := filepath.Join(t.TempDir(), "hub.json")
	if err := WriteHubCard(context.Background(), hub.st, path); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	p, err := ReadHubCard(path)
	if err != nil || p.SiteID != hub.id || p.Role != store.RoleHub || p.Name != "Đảng ủy xã Tả Van" {
		t.Fatalf("card read back as %+v, %v", p, err)
	}
	tests := []struct {
		name string
		data string
		want error
	}{
		{"not json", "hello", ErrNotHubCard},
		{"other format", `{"format":"other"}`, ErrNotHubCard},
		{"newer", `{"format":"chibo-hub-card","version":9}`, ErrNewerFormat},
		{"fingerprint changed", regexp.MustCompile(`"fingerprint": "....`).ReplaceAllString(string(good), `"fingerprint": "0000`), ErrDamaged},
		{"bad key", regexp.MustCompile(`"sign_pub": "[^"]*"`).ReplaceAllString(string(good), `"sign_pub": "AAAA"`), ErrDamaged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadHubCard(writeFile(t, "card.json", []byte(tc.data)))
			if !errorsIs(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	if err := WriteHubCard(context.Background(), cell.st, path); !errorsIs(err, store.ErrWrongRole) {
		t.Fatalf("a cell wrote a hub card: %v", err)
	}
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 40, 12)
	if _, err := Export(ctx, hub.st, t.TempDir()); !errorsIs(err, store.ErrWrongRole) {
		t.Fatalf("hub exported changes: %v", err)
	}
	e := export(t, cell)
	if filepath.Base(e.Path) != e.BundleID+".chibo" || e.Changes == 0 || e.Bytes == 0 {
		t.Fatalf("export %+v", e)
	}
	if v := Verify(ctx, hub.st, e.Path); v.Status != NeedsConfirmation {
		t.Fatalf("verify before enrolment: %+v", v)
	}
	r := Import(ctx, hub.st, e.Path, acceptAll(hub.st, e.Path))
	if r.Status != Accepted || r.Changes != e.Changes || r.Sender.SiteID != cell.id {
		t.Fatalf("import: %+v", r)
	}
	compareSites(t, cell, hub)

	before := hub.dbHash(t)
	tests := []struct {
		name string
		run  func() Result
	}{
		{"import again", func() Result { return Import(ctx, hub.st, e.Path, Options{}) }},
		{"verify", func() Result { return Verify(ctx, hub.st, e.Path) }},
		{"newer export, nothing new", func() Result { return Import(ctx, hub.st, export(t, cell).Path, Options{}) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if r := tc.run(); r.Status != Duplicate {
				t.Fatalf("got %+v, want duplicate", r)
			}
			if after := hub.dbHash(t); after != before {
				t.Fatal("hub database changed")
			}
		})
	}
}

// compareSites checks that the hub holds exactly what the cell holds.
func compareSites(t *testing.T, cell, hub *site) {
	t.Helper()
	ctx := context.Background()
	want, err := cell.st.Members(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := hub.st.Members(ctx, cell.id, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 40 || !reflect.DeepEqual(got, want) {
		t.Fatalf("members differ: hub has %d, cell %d", len(got), len(want))
	}
	cms, err := cell.st.Meetings(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	hms, err := hub.st.Meetings(ctx, cell.id)
	if err != nil || len(hms) != 12 || len(cms) != 12 {
		t.Fatalf("meetings: hub %d, cell %d, %v", len(hms), len(cms), err)
	}
	for _, m := range cms {
		w, _ := cell.st.Meeting(ctx, m.ID)
		g, err := hub.st.Meeting(ctx, m.ID)
		if err != nil || !reflect.DeepEqual(g, w) || len(g.Agenda) != 2 || len(g.Attendance) == 0 {
			t.Fatalf("meeting %s differs:\nhub  %+v\ncell %+v", m.ID, g, w)
		}
	}
	cells, err := hub.st.Cells(ctx)
	if err != nil || len(cells) != 1 || cells[0].Org.Name != "Chi bộ thôn Lao Chải" {
		t.Fatalf("hub cells: %+v, %v", cells, err)
	}
}

func TestUnknownSender(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 5, 2)
	e := export(t, cell)
	before := hub.dbHash(t)
	r := Import(ctx, hub.st, e.Path, Options{})
	keys, _ := cell.st.Keys(ctx)
	pub, rcpt, _ := PublicKeys(keys)
	if r.Status != NeedsConfirmation || r.Err != nil || r.Sender.Fingerprint != Fingerprint(pub, rcpt) ||
		r.Sender.Name != "Chi bộ thôn Lao Chải" || r.Sender.Role != store.RoleCell {
		t.Fatalf("got %+v", r)
	}
	if hub.dbHash(t) != before {
		t.Fatal("hub database changed")
	}
	if r := Import(ctx, hub.st, e.Path, acceptAll(hub.st, e.Path)); r.Status != Accepted {
		t.Fatalf("after confirmation: %+v", r)
	}
}

func TestImportFilesAndList(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	dir := t.TempDir()
	for _, name := range []string{"Chi bộ 1", "Chi bộ 2", "Chi bộ 3"} {
		c := newCell(t, hub, name)
		fillCell(t, c, 3, 1)
		if _, err := Export(ctx, c.st, dir); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, "._x.chibo"), []byte("x"), 0o600)
	files, err := BundleFiles(dir)
	if err != nil || len(files) != 3 {
		t.Fatalf("files %v, %v", files, err)
	}
	var calls int
	rs := ImportFiles(ctx, hub.st, files, acceptAll(hub.st, files...), func(done, total int) {
		calls++
		if done != calls || total != 3 {
			t.Errorf("progress %d/%d", done, total)
		}
	})
	for _, r := range rs {
		if r.Status != Accepted {
			t.Fatalf("%+v", r)
		}
	}
	if cells, _ := hub.st.Cells(ctx); len(cells) != 3 {
		t.Fatalf("hub has %d cells", len(cells))
	}
}
