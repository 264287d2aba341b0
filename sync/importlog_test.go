package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// loggedHub imports a garbage file, a good bundle and the same bundle
// again, and returns the hub and its three-line log.
func loggedHub(t *testing.T) (*site, *site, string, [][]byte) {
	t.Helper()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	fillCell(t, cell, 4, 2)
	before := hub.dbHash(t)
	mustImport(t, hub.st, writeFile(t, "rác.chibo", []byte("not a bundle")), Refused)
	if hub.dbHash(t) != before {
		t.Fatal("a refused import changed chibo.db")
	}
	e := export(t, cell)
	mustImport(t, hub.st, e.Path, Accepted)
	mustImport(t, hub.st, e.Path, Duplicate)
	path := filepath.Join(hub.dir, importLog)
	return hub, cell, e.Path, readLines(t, path)
}

func readLines(t *testing.T, path string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.SplitAfter(b, []byte("\n"))[:bytes.Count(b, []byte("\n"))]
}

func TestImportLogEntries(t *testing.T) {
	hub, _, bundlePath, lines := loggedHub(t)
	want := []string{"refused", "accepted", "duplicate"}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(lines), len(want))
	}
	b, _ := os.ReadFile(bundlePath)
	for i, l := range lines {
		var e ImportLogEntry
		if err := json.Unmarshal(l, &e); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if e.Outcome != want[i] {
			t.Errorf("line %d: outcome %s, want %s", i+1, e.Outcome, want[i])
		}
		if i > 0 && (e.FileSHA256 != sha256Hex(b) || e.BundleID == "" || e.Sender == "" || e.Prev != sha256Hex(bytes.TrimSuffix(lines[i-1], []byte("\n")))) {
			t.Errorf("line %d: %+v", i+1, e)
		}
		if i == 0 && (e.Reason == "" || e.Prev != "") {
			t.Errorf("line 1: %+v", e)
		}
	}
	if _, err := VerifyImportLog(context.Background(), hub.st); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyImportLog(t *testing.T) {
	join := func(ls ...[]byte) []byte { return bytes.Join(ls, nil) }
	tests := []struct {
		name  string
		edit  func(ls [][]byte) []byte
		want  error
		lines int
	}{
		{"intact", func(ls [][]byte) []byte { return join(ls...) }, nil, 3},
		{"edited line", func(ls [][]byte) []byte {
			return join(bytes.Replace(ls[0], []byte(`"refused"`), []byte(`"accepted"`), 1), ls[1], ls[2])
		}, ErrLogEdited, 0},
		{"removed line", func(ls [][]byte) []byte { return join(ls[0], ls[2]) }, ErrLogEdited, 0},
		{"removed first line", func(ls [][]byte) []byte { return join(ls[1], ls[2]) }, ErrLogEdited, 0},
		{"truncated last line", func(ls [][]byte) []byte { return join(ls[0], ls[1], ls[2][:len(ls[2])/2]) }, ErrLogTruncated, 0},
		{"kept bundle without its line", func(ls [][]byte) []byte { return ls[0] }, ErrLogMissing, 0},
		{"empty log with a kept bundle", func([][]byte) []byte { return nil }, ErrLogMissing, 0},
	}
	hub, _, _, lines := loggedHub(t)
	path := filepath.Join(hub.dir, importLog)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(path, tc.edit(lines), 0o600); err != nil {
				t.Fatal(err)
			}
			rep, err := VerifyImportLog(context.Background(), hub.st)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if tc.want == nil && rep.Lines != tc.lines {
				t.Fatalf("%d lines, want %d", rep.Lines, tc.lines)
			}
		})
	}
}

// TestImportLogAfterCrash: a line cut off by a crash is ended, not erased,
// and the next line chains to it, so the log verifies again.
func TestImportLogAfterCrash(t *testing.T) {
	hub, _, bundlePath, lines := loggedHub(t)
	path := filepath.Join(hub.dir, importLog)
	torn := append(append(lines[0], lines[1]...), lines[2][:10]...)
	if err := os.WriteFile(path, torn, 0o600); err != nil {
		t.Fatal(err)
	}
	mustImport(t, hub.st, bundlePath, Duplicate)
	rep, err := VerifyImportLog(context.Background(), hub.st)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Lines != 4 || !reflect.DeepEqual(rep.Torn, []int{3}) {
		t.Fatalf("report %+v", rep)
	}
}
