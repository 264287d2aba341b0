// Package testingutil is what the tests of several packages share: the
// passphrase every test site is locked with, the fast key wrapping that
// keeps hundreds of setups quick, and a reader of the workbooks the app
// writes. Only tests import it; it imports no chibo package but
// internal/keyfile, so the store's own tests can use it too.
package testingutil

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chibo/internal/keyfile"
)

// Pass unlocks every site the tests set up.
const Pass = "mật khẩu thử nghiệm"

// FastKeys lowers the scrypt work factor of new key files, so tests that
// set up many sites stay fast. A package's tests call it once, from init
// or TestMain.
func FastKeys() { keyfile.LogN = 10 }

// XLSXRows is the rows of a workbook's first sheet.
func XLSXRows(tb testing.TB, r io.Reader) [][]string {
	tb.Helper()
	f, err := excelize.OpenReader(r)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// XLSXText is every cell of the first sheet of the workbook at path, "|"
// between cells and a line per row.
func XLSXText(tb testing.TB, path string) string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, row := range XLSXRows(tb, f) {
		b.WriteString(strings.Join(row, "|") + "\n")
	}
	return b.String()
}
