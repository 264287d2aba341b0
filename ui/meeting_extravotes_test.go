package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chibo/rules"
	"chibo/store"
)

// addExtraVote taps "add" and fills the new row as a user would.
func addExtraVote(f *meetingForm, action, name, votesFor, against, abstain string) *extraVoteRow {
	test.Tap(f.extra.add)
	r := f.extra.rows[len(f.extra.rows)-1]
	r.action.SetSelected(action)
	test.Type(r.who, name)
	test.Type(r.votesFor, votesFor)
	test.Type(r.against, against)
	test.Type(r.ab, abstain)
	return r
}

// TestExtraVoteResult: each kind is judged by its own threshold against
// the live roll's eligible voters (4 full members, all present).
func TestExtraVoteResult(t *testing.T) {
	tests := map[string]struct {
		action, votesFor, against string
		want                      string
	}{
		"admission passes at 2/3":    {"Kết nạp đảng viên", "3", "1", "3/4 = 75 %, cần ≥ 2/3: đạt."},
		"full membership fails":      {"Công nhận đảng viên chính thức", "2", "2", "2/4 = 50 %, cần ≥ 2/3: không đạt."},
		"discipline passes over 1/2": {"Kỷ luật", "3", "", "3/4 = 75 %, cần > 50 %: đạt."},
		"discipline fails at 1/2":    {"Kỷ luật", "2", "2", "2/4 = 50 %, cần > 50 %: không đạt."},
		"expulsion needs 2/3":        {"Khai trừ", "2", "1", "2/4 = 50 %, cần ≥ 2/3: không đạt."},
		"more ballots than voters":   {"Kết nạp đảng viên", "4", "1", "Tổng số phiếu 5 nhiều hơn số đảng viên có quyền biểu quyết (4)."},
		"not a number":               {"Kết nạp đảng viên", "ba", "", "Số phiếu phải là số người, ví dụ 12."},
		"nothing typed":              {"Kết nạp đảng viên", "", "", "Chưa nhập kết quả biểu quyết."},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := newCellShell(t)
			addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ", "Sùng A Dình")
			_, f := openNewMeeting(t, s)
			r := addExtraVote(f, tc.action, "Lò Văn Minh", tc.votesFor, tc.against, "")
			if !strings.HasPrefix(r.result.Text, tc.want) {
				t.Errorf("result %q, want %q", r.result.Text, tc.want)
			}
		})
	}
}

func TestExtraVoteFollowsTheRoll(t *testing.T) {
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ", "Sùng A Dình")
	_, f := openNewMeeting(t, s)
	r := addExtraVote(f, "Kết nạp đảng viên", "Lò Văn Minh", "2", "1", "")
	if r.result.Text != "2/4 = 50 %, cần ≥ 2/3: không đạt." {
		t.Fatalf("before: %q", r.result.Text)
	}
	f.roll[3].status.SetSelected("Vắng có lý do") // one fewer voter
	if r.result.Text != "2/3 = 66,7 %, cần ≥ 2/3: đạt." {
		t.Errorf("after an absence: %q", r.result.Text)
	}
}

func TestExtraVotesSaveAndReadBack(t *testing.T) {
	ctx := context.Background()
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ")
	_, f := openNewMeeting(t, s)
	f.taker.SetText("Lù Thị Mai")
	addExtraVote(f, "Công nhận đảng viên chính thức", "Vàng Seo Chứ", "2", "", "1")
	addExtraVote(f, "Kết nạp đảng viên", "Lò Văn Minh", "3", "", "")
	test.Tap(f.extra.add) // an empty row is ignored, not refused
	test.Tap(f.save)
	got, err := s.st.Meeting(ctx, f.m.ID)
	if err != nil {
		t.Fatalf("not saved: %v; dialog %s", err, overlayText(s.win))
	}
	want := []store.Vote{
		{Kind: rules.VoteAdmission, Subject: "Công nhận đảng viên chính thức cho đồng chí Vàng Seo Chứ", For: 2, Abstain: 1},
		{Kind: rules.VoteAdmission, Subject: "Kết nạp vào Đảng quần chúng Lò Văn Minh", For: 3},
	}
	if len(got.Votes) != len(want) {
		t.Fatalf("stored votes %+v", got.Votes)
	}
	for i, w := range want {
		w.ID = got.Votes[i].ID
		if got.Votes[i] != w {
			t.Errorf("vote %d: %+v, want %+v", i, got.Votes[i], w)
		}
	}
	// A second save updates the same votes rather than adding copies.
	f.extra.rows[1].votesFor.SetText("2")
	test.Tap(f.save)
	again, _ := s.st.Meeting(ctx, f.m.ID)
	if len(again.Votes) != 2 || again.Votes[1].For != 2 || again.Votes[1].ID != got.Votes[1].ID {
		t.Errorf("after second save %+v", again.Votes)
	}
	// Reopened, the form shows the action and name apart again.
	g, err := newMeetingForm(s, again, func() {})
	if err != nil {
		t.Fatal(err)
	}
	r := g.extra.rows[0]
	if r.action.Selected != "Công nhận đảng viên chính thức" || r.who.Text != "Vàng Seo Chứ" || r.ab.Text != "1" {
		t.Errorf("reopened row: %q %q %q", r.action.Selected, r.who.Text, r.ab.Text)
	}
	// Finalizing locks them.
	test.Tap(g.finalize)
	tapDialogButton(t, s.win, "Có")
	if !r.votesFor.Disabled() || !r.action.Disabled() || !g.extra.add.Disabled() {
		t.Errorf("finalized meeting's votes still editable; dialog %s", overlayText(s.win))
	}
}

// TestExtraVoteRefusals: bad tallies are refused with what to fix and
// nothing is stored.
func TestExtraVoteRefusals(t *testing.T) {
	tests := map[string]struct {
		name, votesFor string
		want           string
	}{
		"more than the eligible voters": {"Lò Văn Minh", "4", "nhiều hơn số đảng viên có quyền biểu quyết"},
		"no name":                       {"", "2", "Biểu quyết 1 chưa ghi họ tên người được xem xét"},
		"not a number":                  {"Lò Văn Minh", "hai", "Biểu quyết 1: số phiếu phải là số người"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := newCellShell(t)
			addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ")
			_, f := openNewMeeting(t, s)
			f.taker.SetText("Lù Thị Mai")
			addExtraVote(f, "Kết nạp đảng viên", tc.name, tc.votesFor, "", "")
			test.Tap(f.save)
			if txt := overlayText(s.win); !strings.Contains(txt, tc.want) {
				t.Errorf("dialog %q, want %q", txt, tc.want)
			}
			if ms, _ := s.st.Meetings(context.Background(), ""); len(ms) != 0 {
				t.Errorf("refused input stored %d meetings", len(ms))
			}
		})
	}
}
