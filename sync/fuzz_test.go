package sync

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"
)

// fuzzSeed builds a real bundle and returns it with the hub's identity.
func fuzzSeed(f *testing.F) ([]byte, age.Identity) {
	hub := newHub(f, "Đảng ủy xã Tả Van")
	cell := newCell(f, hub, "Chi bộ thôn Lao Chải")
	fillCell(f, cell, 3, 1)
	e, err := Export(context.Background(), cell.st, f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	b, err := os.ReadFile(e.Path)
	if err != nil {
		f.Fatal(err)
	}
	keys, _ := hub.st.Keys(context.Background())
	id, err := age.ParseX25519Identity(keys.AgeIdentity)
	if err != nil {
		f.Fatal(err)
	}
	return b, id
}

// FuzzOpen feeds arbitrary files to the bundle reader: it must refuse
// garbage with an error, never panic or allocate without bound.
func FuzzOpen(f *testing.F) {
	good, id := fuzzSeed(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(good[:40])
	f.Add([]byte{})
	f.Add([]byte(headerMagic + "format 1.0\nlength 5\nsha256 00\ncheck 00\nabcde"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := openBundle(data, id)
		if err != nil {
			return
		}
		if checkSignature(p) == nil {
			_, _ = checkChanges(p)
		}
	})
}

// FuzzPayload fuzzes what lies inside the encryption, which FuzzOpen's
// mutations rarely reach because the outer hash stops them first.
func FuzzPayload(f *testing.F) {
	good, id := fuzzSeed(f)
	_, ct, err := parseHeader(good)
	if err != nil {
		f.Fatal(err)
	}
	pt, err := decrypt(ct, id)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(pt)
	f.Add(pt[:len(pt)-10])
	f.Add([]byte(payloadMagic + "\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parsePayload(data)
		if err != nil {
			return
		}
		if checkManifest(p.manifest) == nil && checkSignature(p) == nil {
			_, _ = checkChanges(p)
		}
	})
}

// FuzzHubCard: a card comes from a stick too, so its parser is fuzzed.
func FuzzHubCard(f *testing.F) {
	hub := newHub(f, "Đảng ủy xã Tả Van")
	path := filepath.Join(f.TempDir(), "hub.json")
	if err := WriteHubCard(context.Background(), hub.st, path); err != nil {
		f.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	f.Add(b)
	f.Add([]byte(`{"format":"chibo-hub-card","version":1,"sign_pub":"!!"}`))
	f.Add([]byte(`{"format":"chibo-hub-card","version":1,"onward":[{"site_id":"t"}],"onward_sig":"AAAA"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = parseHubCard(data)
		_, _ = parseCard(data) // with the onward hubs (relay)
	})
}
