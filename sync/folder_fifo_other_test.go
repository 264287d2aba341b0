//go:build !unix

package sync

import "testing"

func makeFIFO(t *testing.T, dir string) string {
	t.Skip("named pipes are a Unix thing")
	return ""
}
