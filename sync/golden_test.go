package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"chibo/store"
)

// Golden bundles: one file per released format, kept forever, so every
// later build proves it still reads what older builds wrote. Each folder
// holds the bundle, the hub's age identity that opens it and a summary of
// what it must decode to. CHIBO_WRITE_GOLDEN=1 writes a new folder for the
// current format; never overwrite a released one.

type goldenSummary struct {
	Format      string `json:"format"`
	Sender      string `json:"sender"`
	Recipient   string `json:"recipient"`
	RecordCount int    `json:"record_count"`
	FirstEntity string `json:"first_entity"`
	FirstName   string `json:"first_name"`
	// RecipientCount (1.4) is the manifest's recipient list's length; the
	// 1.4 golden is encrypted to a hub and the hub above it (relay).
	RecipientCount int `json:"recipient_count,omitempty"`
}

func goldenDirs(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "golden", "v*"))
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

func TestWriteGolden(t *testing.T) {
	if os.Getenv("CHIBO_WRITE_GOLDEN") == "" {
		t.Skip("set CHIBO_WRITE_GOLDEN=1 to add the current format's golden bundle")
	}
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	pinOnward(t, hub, newHub(t, "Tỉnh ủy Lào Cai"))
	card := filepath.Join(t.TempDir(), "hub.json")
	if err := WriteHubCard(ctx, hub.st, card); err != nil {
		t.Fatal(err)
	}
	if _, err := PinOnward(ctx, cell.st, card, ""); err != nil {
		t.Fatal(err)
	}
	fillCell(t, cell, 3, 1)
	e := export(t, cell)
	dir := filepath.Join("testdata", "golden", goldenName())
	if _, err := os.Stat(dir); err == nil {
		t.Fatalf("%s exists: a released golden bundle is never overwritten", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(e.Path)
	keys, _ := hub.st.Keys(ctx)
	p, err := openBundle(b, mustIdentity(t, keys.AgeIdentity))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := checkChanges(p)
	if err != nil {
		t.Fatal(err)
	}
	sum := goldenSummary{Format: goldenName(), Sender: p.manifest.Sender.SiteID, Recipient: hub.id,
		RecordCount: len(cs), FirstEntity: cs[0].Entity, FirstName: cs[0].Fields["name"].(string), RecipientCount: len(p.manifest.Recipients)}
	js, _ := json.MarshalIndent(sum, "", "  ")
	for name, data := range map[string][]byte{"bundle.chibo": b, "hub-identity.txt": []byte(keys.AgeIdentity + "\n"), "summary.json": js} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustIdentity(t *testing.T, s string) age.Identity {
	t.Helper()
	id, err := age.ParseX25519Identity(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func goldenName() string {
	return "v" + itoa(formatMajor) + "." + itoa(formatMinor)
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestGoldenBundles reads every released format's golden bundle through
// the path Import takes: the file copied off the stick, its header,
// decryption, manifest and signature (openHead, checkSignature), the
// first pass over the changes (checkStream), then the store's import
// transaction fed by the second pass (incoming, store.ApplyBundle) into a
// fresh hub. Only the recipient check is left out: the golden hub's site
// id belongs to a folder that no longer exists.
func TestGoldenBundles(t *testing.T) {
	dirs := goldenDirs(t)
	if len(dirs) == 0 {
		t.Fatal("no golden bundles in testdata/golden")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			idText, _ := os.ReadFile(filepath.Join(dir, "hub-identity.txt"))
			var want goldenSummary
			js, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
			if err := json.Unmarshal(js, &want); err != nil {
				t.Fatal(err)
			}
			hub := newHub(t, "Đảng ủy xã Tả Van")
			id := mustIdentity(t, string(trimNL(idText)))
			c, err := copyOff(filepath.Join(dir, "bundle.chibo"), hub.dir)
			if err != nil {
				t.Fatal(err)
			}
			defer c.close()
			p, body, err := openHead(c.f, c.size, id)
			if err != nil {
				t.Fatal(err)
			}
			if err := checkSignature(p); err != nil {
				t.Fatal(err)
			}
			if err := checkStream(p.manifest, body); err != nil {
				t.Fatal(err)
			}
			in := incoming(p, resultFrom(c.f.Name(), p.manifest).Sender, c, id)
			in.Pin = true
			var cs []store.Change
			read := in.Stream
			in.Stream = func(fn func(store.Change) error) error {
				return read(func(ch store.Change) error {
					if err := store.ValidChange(ch); err != nil { // on the store's reading goroutine
						return fmt.Errorf("change %d no longer valid: %w", ch.Seq, err)
					}
					cs = append(cs, ch)
					return fn(ch)
				})
			}
			applied, err := hub.st.ApplyBundle(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			if applied.Changes != len(cs) {
				t.Fatalf("applied %d of %d changes", applied.Changes, len(cs))
			}
			got := goldenSummary{Format: want.Format, Sender: p.manifest.Sender.SiteID, Recipient: p.manifest.Recipient,
				RecordCount: len(cs), FirstEntity: cs[0].Entity, FirstName: cs[0].Fields["name"].(string),
				RecipientCount: len(p.manifest.Recipients)}
			if got != want {
				t.Fatalf("decoded %+v, want %+v", got, want)
			}
			org, err := hub.st.Org(context.Background(), p.manifest.Sender.SiteID)
			if err != nil || org.Name != want.FirstName {
				t.Fatalf("hub holds %+v, %v; want the cell %q", org, err, want.FirstName)
			}
		})
	}
}

func trimNL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
