package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestAttackEscapeSequencesInNames: a cell that names itself with
// terminal escape sequences (clear the screen, set the title, reorder
// text) cannot reach the hub clerk's terminal: every command prints them
// as visible escapes.
func TestAttackEscapeSequencesInNames(t *testing.T) {
	hub, _, dir := setup(t)
	card := filepath.Join(dir, "hub-card.json")
	evil := "Chi bộ \x1b[2J\x1b]0;accepted\x07\u202egnp.exe\x9b31m"
	up := newCellAt(t, dir, evil, card)
	var outs []string
	for _, args := range [][]string{
		{"verify", "--data", hub, up},
		{"import", "--data", hub, up},
	} {
		out, errOut, _ := run(t, args...)
		outs = append(outs, out+errOut)
	}
	args := acceptNew(t, hub, up)
	out, errOut, _ := run(t, args...)
	outs = append(outs, out+errOut)
	for i, o := range outs {
		if bytes.ContainsAny([]byte(o), "\x1b\x07") || strings.ContainsRune(o, '\u202e') || strings.ContainsRune(o, '\u009b') {
			t.Errorf("output %d carries raw control characters: %q", i, o)
		}
		if !strings.Contains(o, `Chi bộ \x1b[2J\x1b]0;accepted\x07\u202egnp.exe\x9b31m`) {
			t.Errorf("output %d does not show the name with its escapes visible: %q", i, o)
		}
	}
}

// TestSafeWriterKeepsSplitRunes: a Vietnamese letter cut between two
// writes comes out whole.
func TestSafeWriterKeepsSplitRunes(t *testing.T) {
	var b bytes.Buffer
	w := newSafeWriter(&b)
	s := []byte("Lò Thị Mai\n")
	for i := range s {
		w.Write(s[i : i+1])
	}
	if b.String() != "Lò Thị Mai\n" {
		t.Fatalf("got %q", b.String())
	}
}
