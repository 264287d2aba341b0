package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

func TestSkippedLines(t *testing.T) {
	skip := func(name string, err error) bundle.Result {
		return bundle.Result{File: filepath.Join("/stick", name), Status: bundle.Refused, Err: fmt.Errorf("sync: %w", err)}
	}
	var photos []bundle.Result
	for i := range 9998 {
		photos = append(photos, skip(fmt.Sprintf("anh-%04d.jpg", i), bundle.ErrNotBundleName))
	}
	tests := []struct {
		name    string
		skipped []bundle.Result
		want    []string
	}{
		{name: "nothing skipped"},
		{name: "a few names listed",
			skipped: []bundle.Result{skip("bao-cao.docx", bundle.ErrNotBundleName), skip("ghi-chu.txt", bundle.ErrNotBundleName)},
			want:    []string{"• bao-cao.docx, ghi-chu.txt: Không phải tệp dữ liệu của Sổ tay Chi bộ (tên không có đuôi .chibo), đã bỏ qua."}},
		{name: "one line per reason",
			skipped: []bundle.Result{skip("a.txt", bundle.ErrNotBundleName), skip("b.chibo", bundle.ErrNotAFile)},
			want: []string{"• a.txt: Không phải tệp dữ liệu của Sổ tay Chi bộ (tên không có đuôi .chibo), đã bỏ qua.",
				"• b.chibo: Đây là thư mục, lối tắt hoặc thiết bị chứ không phải tệp, đã bỏ qua."}},
		{name: "thousands counted, not listed", skipped: photos,
			want: []string{"• 9998 mục: Không phải tệp dữ liệu của Sổ tay Chi bộ (tên không có đuôi .chibo), đã bỏ qua. " +
				"(anh-0000.jpg, anh-0001.jpg, anh-0002.jpg, anh-0003.jpg, anh-0004.jpg… và 9993 mục khác)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := skippedLines(tc.skipped)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// A stick with a cell's bundle, a document and a folder named like a
// bundle: the bundle is taken in and the other two are listed with why.
func TestHubImportListsSkipped(t *testing.T) {
	hubStore, card := newHub(t)
	hub := newTestShell(t, hubStore)
	cardPeer, _ := bundle.ReadHubCard(card)
	cellStore := openStore(t)
	keys, _ := bundle.GenerateKeys()
	if _, err := cellStore.Init(hub.ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ thôn Sín Chéng", Keys: keys, Hub: &cardPeer}); err != nil {
		t.Fatal(err)
	}
	addMembers(t, cellStore, "Giàng A Páo")
	stick := t.TempDir()
	if _, err := exportTo(hub.ctx, cellStore, stick); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stick, "bao-cao.docx"), []byte("PK"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(stick, "cu.chibo"), 0o700); err != nil {
		t.Fatal(err)
	}
	hub.nav.Select(1)
	imp := hub.current.(*hubImportScreen)
	imp.run(stick)
	tapDialogButton(t, hub.win, "Đúng, nhận dữ liệu")
	var lines []string
	for _, o := range imp.summary.Objects {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"Đã nhận", "bao-cao.docx: Không phải tệp dữ liệu", "cu.chibo: Đây là thư mục"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
}
