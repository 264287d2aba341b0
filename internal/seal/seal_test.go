package seal

import (
	"bytes"
	"errors"
	"testing"
)

func testKey(t *testing.T, b byte) *Key {
	t.Helper()
	k, err := New(bytes.Repeat([]byte{b}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestSealIsBoundToItsPlace: a value opens only at the table, column and
// row it was sealed for, and only with its key.
func TestSealIsBoundToItsPlace(t *testing.T) {
	k := testKey(t, 1)
	at := Place{"members", "citizen_id", []string{"cell-1", "m-1"}}
	b, err := k.Seal(Text, []byte("001234567890"), at)
	if err != nil {
		t.Fatal(err)
	}
	if kind, plain, err := k.Open(b, at); err != nil || kind != Text || string(plain) != "001234567890" {
		t.Fatalf("open at its place: %c %q %v", kind, plain, err)
	}
	others := map[string]struct {
		key *Key
		at  Place
	}{
		"another row":          {k, Place{"members", "citizen_id", []string{"cell-1", "m-2"}}},
		"another organisation": {k, Place{"members", "citizen_id", []string{"cell-2", "m-1"}}},
		"another column":       {k, Place{"members", "phone", []string{"cell-1", "m-1"}}},
		"another table":        {k, Place{"candidates", "citizen_id", []string{"cell-1", "m-1"}}},
		"parts run together":   {k, Place{"members", "citizen_id", []string{"cell-1m", "-1"}}},
		"another key":          {testKey(t, 2), at},
	}
	for name, o := range others {
		t.Run(name, func(t *testing.T) {
			if _, _, err := o.key.Open(b, o.at); !errors.Is(err, ErrNotOpen) {
				t.Fatalf("opened: %v", err)
			}
		})
	}
	flipped := bytes.Clone(b)
	flipped[len(flipped)-1] ^= 1
	if _, _, err := k.Open(flipped, at); !errors.Is(err, ErrNotOpen) {
		t.Fatal("a flipped bit opened")
	}
	if _, _, err := k.OpenUnbound(b); !errors.Is(err, ErrNotOpen) {
		t.Fatal("a bound value opened as an unbound one")
	}
}

// TestChainLinks: each link depends on the one before, its position and
// its row, and only the key makes one.
func TestChainLinks(t *testing.T) {
	k := testKey(t, 1)
	d1, d2 := RowDigest([]byte("a"), []byte("b")), RowDigest([]byte("ab"), nil)
	if d1 == d2 {
		t.Fatal("parts run together hash alike")
	}
	l1 := k.Link(nil, 1, d1)
	l2 := k.Link(l1, 2, d2)
	for name, l := range map[string][]byte{
		"another position": k.Link(l1, 3, d2), "another row": k.Link(l1, 2, d1),
		"another link before": k.Link(l2, 2, d2), "another key": testKey(t, 2).Link(l1, 2, d2),
	} {
		if Equal(l, l2) {
			t.Errorf("%s gives the same link", name)
		}
	}
	if Equal(k.Head(2, l2), k.Head(1, l2)) {
		t.Error("the head does not cover its position")
	}
}
