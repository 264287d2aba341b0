package ui

import (
	"bytes"
	"log"
	"os"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestVietnameseWhateverTheLocale(t *testing.T) {
	for _, loc := range []string{"C", "C.UTF-8", "POSIX", "en_US.UTF-8", "vi_VN.UTF-8", "de_DE.UTF-8", "ja_JP.UTF-8"} {
		t.Run(loc, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", loc)
			// Run as if UseVietnamese had never set LANGUAGE in this process.
			os.Unsetenv("LANGUAGE")
			var logged bytes.Buffer
			log.SetOutput(&logged)
			defer log.SetOutput(os.Stderr)
			if err := UseVietnamese(); err != nil {
				t.Fatal(err)
			}
			for key, want := range map[string]string{"Cancel": "Hủy", "OK": "Đồng ý", "Yes": "Có", "No": "Không", "Save": "Lưu", "Open": "Mở"} {
				if got := lang.L(key); got != want {
					t.Errorf("lang.L(%q) = %q, want %q", key, got, want)
				}
			}
			if got := lang.X("file.name", "Name"); got != "Tên" {
				t.Errorf("file.name = %q", got)
			}
			if got := lang.X("monday.short", "Mon"); got != "T2" {
				t.Errorf("monday.short = %q", got)
			}
			// A real dialog shows the words too, and nothing is logged.
			w := test.NewTempWindow(t, widget.NewLabel(""))
			dialog.ShowConfirm("Hỏi", "Chắc chưa?", nil, w)
			if txt := overlayText(w); !contains(txt, "[Có]", "[Không]") {
				t.Errorf("confirm dialog buttons: %s", txt)
			}
			if logged.Len() > 0 {
				t.Errorf("log lines under LANG=%s:\n%s", loc, logged.String())
			}
		})
	}
}

func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !bytes.Contains([]byte(s), []byte(p)) {
			return false
		}
	}
	return true
}
