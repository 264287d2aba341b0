package ui

import (
	"fmt"
	"strings"
	"testing"

	"chibo/store"
)

// TestMessagesOfTheInsiderRefusals: the refusals added against a rogue
// cell or a planted row reach the window in Vietnamese, naming what
// happened, not as the unknown-error fallback.
func TestMessagesOfTheInsiderRefusals(t *testing.T) {
	cases := map[string]struct {
		err  error
		want []string
	}{
		"a field too long": {fmt.Errorf("store: save member: %w",
			&store.FieldError{Field: "full_name", Value: "Giàng…", Err: &store.TooLongError{Len: 100000, Max: 200}}),
			[]string{"«Họ và tên»", "100000", "200"}},
		"a planted change row": {fmt.Errorf("store: changes of x: %w", &store.TamperError{Kind: store.TamperPlanted, Place: "changes.fields"}),
			[]string{"không do chương trình ghi", "Đừng gửi"}},
		"a sealed value moved, its text only (crossed SQLite)": {fmt.Errorf("store: members: SQL logic error: %s", (&store.TamperError{
			Kind: store.TamperMoved, Place: "members.phone"}).Error()), []string{"bị chép từ chỗ khác", "Đừng gửi"}},
		"rows removed":   {&store.TamperError{Kind: store.TamperRemoved}, []string{"xóa mất dòng"}},
		"rows reordered": {&store.TamperError{Kind: store.TamperAltered}, []string{"đảo thứ tự"}},
		"a clock no cell reaches": {fmt.Errorf("store: apply bundle b1: change c/2 at clock 9223372036854775807: %w: %w",
			store.ErrBadClock, store.ErrInvalid), []string{"mốc thời gian", "Không nhận tệp"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := message(tc.err)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			if strings.Contains(got, "chưa rõ nguyên nhân") {
				t.Errorf("fell back to the unknown error: %q", got)
			}
		})
	}
}
