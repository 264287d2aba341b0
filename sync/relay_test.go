package sync

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"chibo/store"
)

// chain is a province, a commune that relays to it and a cell of the
// commune that knows the province from the commune's card.
type chain struct {
	province, commune, cell *site
}

func newChain(t *testing.T) chain {
	t.Helper()
	ctx := context.Background()
	c := chain{province: newHub(t, "Tỉnh ủy Lào Cai"), commune: newHub(t, "Đảng ủy xã Tả Van")}
	pinOnward(t, c.commune, c.province)
	c.cell = newCell(t, c.commune, "Chi bộ thôn Lao Chải")
	card := filepath.Join(t.TempDir(), "commune.json")
	if err := WriteHubCard(ctx, c.commune.st, card); err != nil {
		t.Fatal(err)
	}
	if _, err := PinOnward(ctx, c.cell.st, card, ""); err != nil {
		t.Fatal(err)
	}
	return c
}

// pinOnward makes hub relay to upper, as the commune's clerk does with
// the province's card after comparing the fingerprint.
func pinOnward(t *testing.T, hub, upper *site) {
	t.Helper()
	ctx := context.Background()
	card := filepath.Join(t.TempDir(), "upper.json")
	if err := WriteHubCard(ctx, upper.st, card); err != nil {
		t.Fatal(err)
	}
	c, err := ReadCard(card)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PinOnward(ctx, hub.st, card, "0000 wrong"); !errorsIs(err, ErrWrongKey) {
		t.Fatalf("pinned with a wrong fingerprint: %v", err)
	}
	if _, err := PinOnward(ctx, hub.st, card, c.Hub.Fingerprint); err != nil {
		t.Fatal(err)
	}
}

// relayTo imports the cell's export at the commune and relays it.
func (c chain) relay(t *testing.T) (string, Relayed) {
	t.Helper()
	ctx := context.Background()
	e := export(t, c.cell)
	if r := Import(ctx, c.commune.st, e.Path, acceptAll(c.commune.st, e.Path)); r.Status != Accepted {
		t.Fatalf("commune import: %+v", r)
	}
	stick := t.TempDir()
	out, err := Relay(ctx, c.commune.st, stick, nil)
	if err != nil {
		t.Fatal(err)
	}
	return stick, out
}

func TestRelayEndToEnd(t *testing.T) {
	ctx := context.Background()
	c := newChain(t)
	fillCell(t, c.cell, 40, 12)
	stick, out := c.relay(t)
	if len(out.Rosters) != 1 || out.Cells != 1 || out.Bundles != 1 || out.Skipped != 0 {
		t.Fatalf("relayed %+v", out)
	}
	files, err := BundleFiles(stick)
	if err != nil || len(files) != 2 {
		t.Fatalf("stick holds %v, %v", files, err)
	}
	original, _ := os.ReadFile(filepath.Join(c.commune.dir, inboxDir, filepath.Base(files[0])))
	carried, _ := os.ReadFile(files[0])
	if len(original) == 0 || string(original) != string(carried) {
		t.Fatal("the relayed bundle is not the original byte for byte")
	}
	rs := ImportFiles(ctx, c.province.st, files, acceptAll(c.province.st, files...), nil)
	if rs[0].Kind != kindRoster || rs[0].Status != Accepted || rs[1].Status != Accepted || rs[1].Sender.SiteID != c.cell.id {
		t.Fatalf("province import: %+v", rs)
	}
	compareSites(t, c.cell, c.province)
	relay, err := c.province.st.Peer(ctx, c.commune.id)
	if err != nil || relay.Role != store.RoleRelay {
		t.Fatalf("commune at the province: %+v, %v", relay, err)
	}
	before := c.province.dbHash(t)
	for _, r := range ImportFiles(ctx, c.province.st, files, Options{}, nil) {
		if r.Status != Duplicate {
			t.Fatalf("re-import: %+v", r)
		}
	}
	if c.province.dbHash(t) != before {
		t.Fatal("re-importing changed the province")
	}
	// The province does not acknowledge a cell that trusts its commune.
	acks, err := ExportAcks(ctx, c.province.st, t.TempDir())
	if err != nil || len(acks) != 0 {
		t.Fatalf("province acks: %d, %v", len(acks), err)
	}
}

// TestOnwardFromAck: a cell set up before its commune pinned the
// province learns the province from the commune's next acknowledgement.
func TestOnwardFromAck(t *testing.T) {
	ctx := context.Background()
	province, commune := newHub(t, "Tỉnh ủy Lào Cai"), newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, commune, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 3, 1)
	if r := importNew(ctx, commune.st, export(t, cell).Path); r.Status != Accepted {
		t.Fatalf("commune import: %+v", r)
	}
	pinOnward(t, commune, province)
	acks, err := ExportAcks(ctx, commune.st, t.TempDir())
	if err != nil || len(acks) != 1 {
		t.Fatalf("acks %v, %v", acks, err)
	}
	if r := Import(ctx, cell.st, acks[0].Path, Options{}); r.Status != Accepted {
		t.Fatalf("ack: %+v", r)
	}
	onward, err := cell.st.Onward(ctx)
	if err != nil || len(onward) != 1 || onward[0].SiteID != province.id {
		t.Fatalf("cell's onward hubs: %+v, %v", onward, err)
	}
	// The first export the province can read carries the whole history,
	// acknowledged or not; the commune keeps it though nothing is new.
	full := export(t, cell)
	if r := Import(ctx, commune.st, full.Path, Options{}); r.Status != Duplicate {
		t.Fatalf("history at the commune: %+v", r)
	}
	stick := t.TempDir()
	out, err := Relay(ctx, commune.st, stick, nil)
	if err != nil || out.Bundles != 1 || out.Skipped != 1 {
		t.Fatalf("relay %+v, %v: want the history carried and the bundle from before the pin skipped", out, err)
	}
	files, _ := BundleFiles(stick)
	for _, r := range ImportFiles(ctx, province.st, files, acceptAll(province.st, files...), nil) {
		if r.Status != Accepted {
			t.Fatalf("province: %+v", r)
		}
	}
	want, _ := cell.st.Members(ctx, "", "")
	got, err := province.st.Members(ctx, cell.id, "")
	if err != nil || len(want) != 3 || !reflect.DeepEqual(got, want) {
		t.Fatalf("province has %d members, cell %d (%v)", len(got), len(want), err)
	}
	if next := export(t, cell); next.Changes >= full.Changes {
		t.Fatalf("history sent again: %d changes, first %d", next.Changes, full.Changes)
	}
}

// TestRelayRefused: what the province must refuse, each leaving its
// database as it was. Every case starts a fresh province, commune and cell.
func TestRelayRefused(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		before    func(t *testing.T, c chain, roster string) // runs on the province first
		file      func(t *testing.T, c chain, roster, relayed string) string
		acceptNew bool // a person confirms the file's sender
		want      error
		status    Status
	}{
		{name: "relayed bundle from a cell no roster lists", file: pick(1), acceptNew: true, want: ErrNotRelayed},
		{name: "recipients do not include this site", file: bundleTo(func(c chain, m *manifest) {
			m.Recipients = []string{c.commune.id}
		}), want: ErrWrongRecipient},
		{name: "first recipient is not the commune that vouched", before: importRoster,
			file: bundleTo(func(c chain, m *manifest) {
				m.Recipient, m.Recipients = c.cell.id+"-other", []string{c.cell.id + "-other", c.province.id}
			}), want: ErrNotRelayed},
		{name: "recipient list not starting with the recipient", file: bundleTo(func(c chain, m *manifest) {
			m.Recipients = []string{c.province.id, c.commune.id}
		}), want: ErrInvalidBundle},
		{name: "roster from an unconfirmed commune", file: pick(0), status: NeedsConfirmation},
		{name: "roster from a site pinned here as an onward hub", before: func(t *testing.T, c chain, _ string) {
			pinOnward(t, c.province, c.commune)
		}, file: pick(0), acceptNew: true, want: ErrUnknownSender},
		{name: "roster signed by another key than the pinned commune's", before: importRoster,
			file: func(t *testing.T, c chain, _, _ string) string {
				keys, err := GenerateKeys()
				if err != nil {
					t.Fatal(err)
				}
				if err := c.commune.st.ReplaceOwnKeys(ctx, keys); err != nil {
					t.Fatal(err)
				}
				out, err := Relay(ctx, c.commune.st, t.TempDir(), nil)
				if err != nil {
					t.Fatal(err)
				}
				return out.Rosters[0]
			}, want: ErrWrongKey},
		{name: "bundle sent before the commune pinned the province", before: importRoster,
			file: func(t *testing.T, c chain, _, _ string) string {
				if err := c.cell.st.SetOnward(ctx, nil); err != nil {
					t.Fatal(err)
				}
				return export(t, c.cell).Path
			}, want: ErrNotForUs},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			fillCell(t, c.cell, 3, 1)
			stick, _ := c.relay(t)
			files, _ := BundleFiles(stick)
			files = rostersFirst(files)
			if tc.before != nil {
				tc.before(t, c, files[0])
			}
			path := tc.file(t, c, files[0], files[1])
			before := c.province.dbHash(t)
			opt := Options{}
			if tc.acceptNew {
				opt = acceptAll(c.province.st, path)
			}
			r := Import(ctx, c.province.st, path, opt)
			want := tc.status
			if want == "" {
				want = Refused
			}
			if r.Status != want || (tc.want != nil && !errorsIs(r.Err, tc.want)) {
				t.Fatalf("got %s %v, want %s %v", r.Status, r.Err, want, tc.want)
			}
			if c.province.dbHash(t) != before {
				t.Fatal("province database changed")
			}
		})
	}
}

func pick(i int) func(*testing.T, chain, string, string) string {
	return func(_ *testing.T, _ chain, roster, relayed string) string { return []string{roster, relayed}[i] }
}

func importRoster(t *testing.T, c chain, roster string) {
	t.Helper()
	if r := Import(context.Background(), c.province.st, roster, acceptAll(c.province.st, roster)); r.Status != Accepted {
		t.Fatalf("roster: %+v", r)
	}
}

// bundleTo builds the cell's next bundle with an edited manifest; it is
// still encrypted to the province, so the check that refuses it is ours.
func bundleTo(edit func(chain, *manifest)) func(*testing.T, chain, string, string) string {
	return func(t *testing.T, c chain, _, _ string) string {
		spec, err := prepareExport(context.Background(), c.cell.st)
		if err != nil {
			t.Fatal(err)
		}
		edit(c, &spec.manifest)
		b, _, err := encodeBundle(spec)
		if err != nil {
			t.Fatal(err)
		}
		return writeFile(t, "x.chibo", b)
	}
}

// TestOnwardFromCardAtSetup: a cell set up from a commune card that
// already names the province encrypts its very first bundle to it too.
func TestOnwardFromCardAtSetup(t *testing.T) {
	ctx := context.Background()
	province, commune := newHub(t, "Tỉnh ủy Lào Cai"), newHub(t, "Đảng ủy xã Tả Van")
	pinOnward(t, commune, province)
	card := filepath.Join(t.TempDir(), "commune.json")
	if err := WriteHubCard(ctx, commune.st, card); err != nil {
		t.Fatal(err)
	}
	c, err := ReadCard(card)
	if err != nil || len(c.Onward) != 1 {
		t.Fatalf("card: %+v, %v", c, err)
	}
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cell := &site{dir: st.Dir(), st: st}
	t.Cleanup(func() { cell.st.Close() })
	keys, _ := GenerateKeys()
	s, err := st.Init(ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ thôn Lao Chải",
		Keys: keys, Hub: &c.Hub, Onward: c.Onward})
	if err != nil {
		t.Fatal(err)
	}
	cell.id = s.ID
	fillCell(t, cell, 3, 1)
	if r := importNew(ctx, commune.st, export(t, cell).Path); r.Status != Accepted {
		t.Fatalf("commune import: %+v", r)
	}
	stick := t.TempDir()
	if out, err := Relay(ctx, commune.st, stick, nil); err != nil || out.Bundles != 1 {
		t.Fatalf("relay %+v, %v", out, err)
	}
	files, _ := BundleFiles(stick)
	for _, r := range ImportFiles(ctx, province.st, files, acceptAll(province.st, files...), nil) {
		if r.Status != Accepted {
			t.Fatalf("province: %+v", r)
		}
	}
	want, _ := cell.st.Members(ctx, "", "")
	got, err := province.st.Members(ctx, cell.id, "")
	if err != nil || len(want) != 3 || !reflect.DeepEqual(got, want) {
		t.Fatalf("province has %d members, cell %d (%v)", len(got), len(want), err)
	}
}
