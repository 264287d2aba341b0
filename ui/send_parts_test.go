package ui

import (
	"strings"
	"testing"
)

func TestSentMessage(t *testing.T) {
	tests := []struct {
		name string
		out  exported
		want []string
	}{
		{"one file", exported{Path: "/usb/a.chibo", Changes: 12, Bytes: 2048},
			[]string{"Đã ghi tệp a.chibo (", "vào /usb", "Có thể rút USB"}},
		{"several files", exported{Path: "/usb/a.chibo", Changes: 300, Bytes: 4096,
			Parts: []string{"/usb/a.chibo", "/usb/b.chibo", "/usb/c.chibo"}},
			[]string{"thành 3 tệp (", "a.chibo\nb.chibo\nc.chibo", "Mang đủ cả 3 tệp", "Có thể rút USB"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentMessage(tc.out)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("message %q lacks %q", got, w)
				}
			}
		})
	}
}
