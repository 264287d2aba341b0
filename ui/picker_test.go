package ui

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// plugStick makes a stick named KINGSTON with a file on it and returns
// its folder; the picker offers it first.
func plugStick(t *testing.T, files ...string) string {
	t.Helper()
	stick := t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(stick, f), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := removableDrives
	removableDrives = func() []drive { return []drive{{"KINGSTON (E:)", stick}} }
	t.Cleanup(func() { removableDrives = old })
	return stick
}

// TestSendingOffersTheStickByName: «Gửi cấp trên» opens on the stick,
// named as Windows names it, shows the files already on it, and its
// button says what it does; the data lands on the stick.
func TestSendingOffersTheStickByName(t *testing.T) {
	stick := plugStick(t, "bien-ban-cu.pdf")
	cell, _ := newCellAndHub(t)
	addMembers(t, cell.st, "Giàng A Páo")
	selectSection(t, cell, sectionSend)
	tapButton(t, cell.win, "Chọn thư mục (USB) và ghi dữ liệu")
	txt := overlayText(cell.win)
	for _, want := range []string{"[KINGSTON (E:)]", "bien-ban-cu.pdf", "[Lưu vào đây]", "Đang xem: KINGSTON (E:) — 0 thư mục, 1 tệp"} {
		if !strings.Contains(txt, want) && !listShows(cell.win, want) {
			t.Errorf("the picker does not show %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, "[Mở]") || strings.Contains(txt, "Home") || strings.Contains(txt, "Computer") {
		t.Errorf("the picker has Fyne's words:\n%s", txt)
	}
	tapDialogButton(t, cell.win, "Lưu vào đây")
	closeDialogs(cell.win)
	if got, _ := filepath.Glob(filepath.Join(stick, "*.chibo")); len(got) != 1 {
		t.Errorf("files on the stick after sending: %v", got)
	}
}

// listShows reports whether the top dialog's list shows a line with text.
func listShows(w fyne.Window, text string) bool {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.List); ok {
			for i := 0; i < l.Length(); i++ {
				row := l.CreateItem()
				l.UpdateItem(i, row)
				for _, x := range test.LaidOutObjects(row) {
					if lb, ok := x.(*widget.Label); ok && strings.Contains(lb.Text, text) {
						return true
					}
				}
			}
		}
	}
	return false
}

// TestPickingAFile: only files of the kind asked can be chosen; the
// others are shown, so the stick never looks empty.
func TestPickingAFile(t *testing.T) {
	stick := plugStick(t, "danh-sach.csv", "anh.jpg")
	s := newCellShell(t)
	var got string
	k := showPicker(s.win, fileThere, true, []string{".csv"}, func(p string) { got = p })
	if !k.ok.Disabled() {
		t.Error("«Mở tệp này» works before a file is chosen")
	}
	for _, e := range k.entries {
		k.tap(e)
		if e.Name() == "anh.jpg" && k.chosen != "" {
			t.Error("a photo was chosen for a CSV import")
		}
	}
	test.Tap(k.ok)
	if got != filepath.Join(stick, "danh-sach.csv") {
		t.Errorf("chose %q", got)
	}
}

// TestAfterPrintingOpenAgainOrSaveToTheStick: a printed document can be
// opened again and saved to a stick to print elsewhere.
func TestAfterPrintingOpenAgainOrSaveToTheStick(t *testing.T) {
	stick := plugStick(t)
	s := newCellShell(t)
	pdf := filepath.Join(t.TempDir(), "bien-ban-2026-11-05-so-3.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4"), 0o600); err != nil {
		t.Fatal(err)
	}
	opened := 0
	old := openFile
	openFile = func(fyne.App, *url.URL) error { opened++; return nil }
	t.Cleanup(func() { openFile = old })
	afterPrint(s, pdf)
	tapDialogButton(t, s.win, "Mở lại")
	if opened != 2 {
		t.Errorf("opened %d times, want 2", opened)
	}
	tapDialogButton(t, s.win, "Lưu PDF ra USB")
	tapDialogButton(t, s.win, "Lưu vào đây")
	if txt := overlayText(s.win); !strings.Contains(txt, "xóa tệp khỏi USB") {
		t.Errorf("saving a clear PDF does not warn:\n%s", txt)
	}
	if b, err := os.ReadFile(filepath.Join(stick, filepath.Base(pdf))); err != nil || string(b) != "%PDF-1.4" {
		t.Errorf("on the stick: %q %v", b, err)
	}
}

// TestThePickerFits: the picker's names and buttons fit the smallest
// window at every text size.
func TestThePickerFits(t *testing.T) {
	plugStick(t, "mot-tep-co-ten-rat-dai-cua-chi-bo-thon-sin-cheng.chibo")
	s := newCellShell(t)
	for _, ts := range textSizes {
		s.app.Preferences().SetFloat(prefTextScale, float64(ts.scale))
		applyTextSize(s.app)
		s.fitNav() // as «Cài đặt» does
		for _, size := range fitSizes {
			s.win.Resize(size)
			showPicker(s.win, saveHere, false, nil, func(string) {})
			settle(s, size)
			checkFit(t, s, "picker, cỡ chữ "+ts.label)
			closeDialogs(s.win)
		}
	}
}
