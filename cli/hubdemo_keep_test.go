package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestHubDemoKeptBundles: --bundles keeps what a demo built, and a later
// run imports the kept bundles into a fresh copy of the hub they were
// encrypted to, without building anything; a mismatch is refused.
func TestHubDemoKeptBundles(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "kept")
	first := mustRun(t, "demo", "--data", filepath.Join(dir, "h1"), "--hub", "--cells", "2", "--members", "9", "--years", "1",
		"--bundles", keep, "--progress")
	if !strings.Contains(first, "imported 2 bundles") || !strings.Contains(first, "2/2 bundles") {
		t.Fatalf("first run: %s", first)
	}
	tests := []struct {
		name string
		args []string
		want string // in the output, or in the error when code != 0
		code int
	}{
		{name: "kept bundles into a new folder", args: []string{"--data", filepath.Join(dir, "h2"), "--cells", "2"}, want: "imported 2 bundles"},
		{name: "into a folder that holds data", args: []string{"--data", filepath.Join(dir, "h1"), "--cells", "2"}, want: "already holds data", code: 2},
		{name: "fewer cells than kept", args: []string{"--data", filepath.Join(dir, "h3"), "--cells", "1"}, want: "keeps 2 cells' bundles", code: 2},
		{name: "more cells: only the missing one is built", args: []string{"--data", filepath.Join(dir, "h4"), "--cells", "3"}, want: "imported 3 bundles"},
		{name: "then all three are kept", args: []string{"--data", filepath.Join(dir, "h5"), "--cells", "3"}, want: "imported 3 bundles"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"demo", "--hub", "--members", "9", "--years", "1", "--bundles", keep}, tc.args...)
			out, errOut, code := run(t, args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("exit %d, %q %q; want exit %d and %q", code, out, errOut, tc.code, tc.want)
			}
		})
	}
	// The copy is a working hub: its report counts both cells.
	if out := mustRun(t, "report", "--data", filepath.Join(dir, "h2")); !strings.Contains(out, `"cells": 2`) {
		t.Errorf("report of the kept hub: %.300s", out)
	}
}
