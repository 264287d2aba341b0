package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

func TestNewMeetingPlansTheMonth(t *testing.T) {
	ctx := context.Background()
	s := newCellShell(t)
	ms := addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ")
	// Last month's meeting handed out a task.
	last, _ := s.st.NewMeeting(ctx, store.MeetingRegular, time.Now().AddDate(0, -1, 0).Format("2006-01-02"))
	last.MinuteTaker = "Lù Thị Mai"
	last.Tasks = []store.Task{{Title: "Sửa đường liên thôn", AssigneeID: ms[2].ID}}
	last, err := s.st.SaveMeeting(ctx, last)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.st.FinalizeMeeting(ctx, last.ID); err != nil {
		t.Fatal(err)
	}
	_, f := openNewMeeting(t, s)
	if len(f.agenda.rows) < 10 || f.agenda.rows[0].title.Text != "Thu đảng phí tháng" {
		t.Errorf("standard agenda missing: %d items", len(f.agenda.rows))
	}
	if len(f.reports) != 1 || !strings.Contains(f.reports[0].line.Text, "Sửa đường liên thôn — đồng chí Vàng Seo Chứ") {
		t.Fatalf("last month's tasks: %d", len(f.reports))
	}
	// Roll counts follow a tap.
	if !strings.Contains(f.rollInfo.Text, "có mặt 3") {
		t.Errorf("roll %q", f.rollInfo.Text)
	}
	f.roll[2].status.SetSelected("Vắng có lý do")
	if !strings.Contains(f.rollInfo.Text, "có mặt 2; vắng 1. Có quyền biểu quyết: 2.") {
		t.Errorf("roll after absence %q", f.rollInfo.Text)
	}
	// The vote states its result and refuses more ballots than voters.
	f.votesFor.SetText("")
	test.Type(f.votesFor, "2")
	if f.verdict.Text != "Nghị quyết được thông qua: 2/2 = 100 %, cần > 50 %." {
		t.Errorf("verdict %q", f.verdict.Text)
	}
	test.Type(f.votesAgainst, "1")
	if !strings.Contains(f.verdict.Text, "nhiều hơn số đảng viên có quyền biểu quyết (2)") {
		t.Errorf("verdict %q", f.verdict.Text)
	}
	f.votesAgainst.SetText("0")
	// Score band.
	for _, r := range f.score {
		r.points.SetText(fmt.Sprint(r.crit.Max))
	}
	if f.band.Text != "Tổng: 100/100 điểm — xếp loại Tốt." {
		t.Errorf("band %q", f.band.Text)
	}
	f.score[len(f.score)-1].points.SetText("0")
	f.score[len(f.score)-2].points.SetText("0") // results 30 + closing 5 lost
	if !strings.HasSuffix(f.band.Text, "65/100 điểm — xếp loại Trung bình.") {
		t.Errorf("band %q", f.band.Text)
	}
	// Report, task, dues, then save.
	f.reports[0].done.SetChecked(true)
	test.Tap(f.tasks.add)
	tk := f.tasks.rows[0]
	test.Type(tk.title, "Vận động tiêm phòng cho gia súc")
	tk.assignee.SetSelected("Lù Thị Mai")
	test.Type(tk.due, "30/12/2026")
	f.roll[0].dues.SetChecked(true) // fills the member's usual amount, as in the dues book
	if f.roll[0].amount.Text != "5000" {
		t.Errorf("ticking dues filled %q, want the default rate 5000", f.roll[0].amount.Text)
	}
	f.roll[0].amount.SetText("10000")
	f.taker.SetText("Lù Thị Mai")
	test.Tap(f.save)
	got, err := s.st.Meeting(ctx, f.m.ID)
	if err != nil {
		t.Fatalf("not saved: %v; dialog %s", err, overlayText(s.win))
	}
	if len(got.Tasks) != 1 || got.Tasks[0].AssigneeID != ms[1].ID || got.Tasks[0].DueDate != "2026-12-30" ||
		len(got.Reports) != 1 || !got.Reports[0].Done || len(got.Dues) != 1 || got.Dues[0].Amount != 10000 || got.ScoreTotal() != 65 {
		t.Fatalf("stored tasks %+v reports %+v dues %+v score %d", got.Tasks, got.Reports, got.Dues, got.ScoreTotal())
	}
}

// TestMeetingBadInputSaysWhatToFix: each refusal names the fix and
// stores nothing.
func TestMeetingBadInputSaysWhatToFix(t *testing.T) {
	tests := map[string]struct {
		edit     func(f *meetingForm)
		finalize bool
		want     string
	}{
		"end before start": {func(f *meetingForm) { f.end.SetText("18:00") }, false, "Giờ kết thúc «18:00» sớm hơn giờ bắt đầu"},
		"chair absent": {func(f *meetingForm) { f.roll[0].status.SetSelected("Vắng có lý do") }, false,
			"Người chủ trì «Giàng A Páo» không có mặt"},
		"too many votes":     {func(f *meetingForm) { f.votesFor.SetText("4") }, false, "nhiều hơn số đảng viên có quyền biểu quyết"},
		"thematic no topic":  {func(f *meetingForm) { f.kind.SetSelected("Chuyên đề") }, false, "cần có chủ đề"},
		"no minute-taker":    {func(f *meetingForm) { f.taker.SetText("") }, true, "Chưa có thư ký ghi biên bản"},
		"task with no owner": {func(f *meetingForm) { test.Tap(f.tasks.add); f.tasks.rows[0].title.SetText("Việc") }, false, "chưa giao cho ai"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := newCellShell(t)
			addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ")
			_, f := openNewMeeting(t, s)
			f.taker.SetText("Lù Thị Mai")
			tc.edit(f)
			if tc.finalize {
				test.Tap(f.finalize)
				tapDialogButton(t, s.win, "Có")
			} else {
				test.Tap(f.save)
			}
			if txt := overlayText(s.win); !strings.Contains(txt, tc.want) {
				t.Errorf("dialog %q, want %q", txt, tc.want)
			}
			ms, _ := s.st.Meetings(context.Background(), "")
			if len(ms) != 0 {
				t.Errorf("bad input stored %d meetings", len(ms))
			}
		})
	}
}

func TestCorrectionOpensNewRevision(t *testing.T) {
	ctx := context.Background()
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
	_, f := openNewMeeting(t, s)
	f.taker.SetText("Lù Thị Mai")
	test.Type(f.resolution, "Bản gốc")
	test.Tap(f.finalize)
	tapDialogButton(t, s.win, "Có")
	if f.m.State != store.StateFinalized || f.correct.Hidden {
		t.Fatalf("not finalized or no correction button; dialog %s", overlayText(s.win))
	}
	old := f.m.ID
	f.openCorrection("sửa nghị quyết")
	c, ok := s.current.(*meetingForm)
	if !ok || c.m.ID == old || c.m.Revision != 2 || c.save.Disabled() {
		t.Fatalf("correction form %+v", c.m)
	}
	c.resolution.SetText("Bản sửa")
	test.Tap(c.finalize)
	tapDialogButton(t, s.win, "Có")
	o, _ := s.st.Meeting(ctx, old)
	n, _ := s.st.Meeting(ctx, c.m.ID)
	if o.Resolution != "Bản gốc" || n.Resolution != "Bản sửa" || n.Number != o.Number || n.State != store.StateFinalized {
		t.Errorf("old %q #%d, new %q #%d %s", o.Resolution, o.Number, n.Resolution, n.Number, n.State)
	}
}

// BenchmarkMeetingTyping types into one speaker's remarks in a meeting of
// 30 agenda entries, each with two speakers (the bar: < 30 ms a
// keystroke), against typing in a lone Entry measured in the same run.
func BenchmarkMeetingTyping(b *testing.B) {
	st, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s := benchShell(b, st)
	_, f := openNewMeetingB(b, s)
	for len(f.agenda.rows) < 30 {
		test.Tap(f.agenda.add)
	}
	for _, r := range f.agenda.rows {
		for len(r.speakers) < 2 {
			test.Tap(r.addSpeaker)
		}
		r.speakers[0].remarks.SetText(strings.Repeat("Đồng chí nhất trí với báo cáo của chi ủy. ", 4))
	}
	f.parts.SelectIndex(partAgenda)
	f.agenda.openItem(15) // as the secretary taps the item's header
	target := f.agenda.rows[15].speakers[1].remarks
	lone, loneWin := benchEntry(s)
	var base float64
	b.Run("baseline-lone-entry", func(b *testing.B) {
		loneWin.Canvas().Focus(lone)
		for b.Loop() {
			loneWin.Canvas().Focused().TypedRune('a')
		}
		base = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("meeting-30-items", func(b *testing.B) {
		s.win.Canvas().Focus(target)
		if s.win.Canvas().Focused() != target {
			b.Fatal("cannot focus the speaker's field")
		}
		for b.Loop() {
			s.win.Canvas().Focused().TypedRune('ê')
		}
		per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(per/1e6, "ms/key")
		if base > 0 {
			b.ReportMetric(per/base, "x-lone-entry")
		}
		if per > 30e6 {
			b.Errorf("%.1f ms a keystroke, bar is 30 ms", per/1e6)
		}
	})
	b.Run("baseline-painted-empty-form", func(b *testing.B) {
		g, err := newMeetingForm(s, store.Meeting{Kind: store.MeetingThematic, Date: "2026-11-05"}, func() {})
		if err != nil {
			b.Fatal(err)
		}
		s.show(g)
		s.win.Canvas().Focus(g.topic)
		c := s.win.Canvas().(test.WindowlessCanvas)
		for b.Loop() {
			s.win.Canvas().Focused().TypedRune('a')
			c.Capture()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/key")
		s.show(f)
	})
	// With a software paint of the whole window after each key: an upper
	// bound, as a real driver repaints only what changed.
	b.Run("meeting-30-items-painted", func(b *testing.B) {
		s.win.Canvas().Focus(target)
		c := s.win.Canvas().(test.WindowlessCanvas)
		for b.Loop() {
			s.win.Canvas().Focused().TypedRune('ư')
			c.Capture()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/key")
	})
	if !strings.Contains(target.Text, "ê") {
		b.Fatal("the keystrokes did not reach the speaker's field")
	}
}

// benchShell is a set-up cell of 25 members in a test window, for
// benchmarks (the test helpers take *testing.T).
func benchShell(b *testing.B, st *store.Store) *shell {
	b.Helper()
	ctx := context.Background()
	hub := &store.Peer{SiteID: store.NewID(), Role: store.RoleHub, Name: "Đảng ủy xã Sín Chéng", SignPub: make([]byte, 32),
		AgeRecipient: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p", Fingerprint: "X"}
	if _, err := st.Init(ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: "Chi bộ thôn Sín Chéng", Place: "Sín Chéng",
		Keys: store.Keys{SignPriv: make([]byte, 64), AgeIdentity: "AGE-SECRET-KEY-X"}, Hub: hub}); err != nil {
		b.Fatal(err)
	}
	var ms []store.Member
	for i := range 25 {
		m := store.Member{FullName: fmt.Sprintf("Giàng A Páo %02d", i), Status: store.StatusFull}
		if i == 0 {
			m.Position = store.PositionSecretary
		}
		ms = append(ms, m)
	}
	if _, err := st.SaveMembers(ctx, ms); err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	s := newShell(a, st)
	s.win.Resize(fyne.NewSize(1100, 720))
	b.Cleanup(s.win.Close)
	return s
}

func openNewMeetingB(b *testing.B, s *shell) (*meetingsScreen, *meetingForm) {
	s.nav.Select(2)
	list := s.current.(*meetingsScreen)
	list.add()
	f, ok := s.current.(*meetingForm)
	if !ok {
		b.Fatalf("add opened %T", s.current)
	}
	return list, f
}

// benchEntry is a lone Entry in a window of its own, the baseline for a
// keystroke.
func benchEntry(s *shell) (*widget.Entry, fyne.Window) {
	e := widget.NewEntry()
	e.SetText(strings.Repeat("Đồng chí nhất trí với báo cáo của chi ủy. ", 4))
	w := s.app.NewWindow("baseline")
	w.SetContent(e)
	w.Resize(fyne.NewSize(600, 60))
	return e, w
}

// TestAgendaOneItemOpen: only the open item's fields are on the canvas;
// tapping a header opens that item and closes the other, and what was
// typed in a closed item is still saved.
func TestAgendaOneItemOpen(t *testing.T) {
	ctx := context.Background()
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
	_, f := openNewMeeting(t, s)
	if inTree(s.win.Content(), f.agenda.rows[0].concl) {
		t.Error("the agenda is on the canvas while another part of the form is shown")
	}
	f.parts.SelectIndex(partAgenda)
	rows := f.agenda.rows
	if !inTree(s.win.Content(), rows[0].concl) || inTree(s.win.Content(), rows[1].concl) {
		t.Fatal("a new meeting should open its first item only")
	}
	test.Type(rows[0].concl, "Đã thu đủ đảng phí.")
	test.Tap(rows[1].header)
	if inTree(s.win.Content(), rows[0].concl) || !inTree(s.win.Content(), rows[1].concl) {
		t.Error("tapping item 2 should open it and close item 1")
	}
	if !strings.HasPrefix(rows[0].line.Text, "Mục 1. Thu đảng phí tháng") || !strings.HasSuffix(rows[0].line.Text, "đã có kết luận") {
		t.Errorf("closed header %q", rows[0].line.Text)
	}
	test.Tap(rows[1].header)
	if inTree(s.win.Content(), rows[1].concl) {
		t.Error("tapping the open item's header should close it")
	}
	f.taker.SetText("Lù Thị Mai")
	test.Tap(f.save)
	got, err := s.st.Meeting(ctx, f.m.ID)
	if err != nil || got.Agenda[0].Conclusion != "Đã thu đủ đảng phí." {
		t.Fatalf("closed item's text not saved: %v %+v", err, got.Agenda)
	}
}

// inTree says whether o is in the canvas tree under root.
func inTree(root, o fyne.CanvasObject) bool {
	if root == o {
		return true
	}
	switch x := root.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			if inTree(c, o) {
				return true
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if inTree(c, o) {
				return true
			}
		}
	}
	return false
}

func TestOverviewReminders(t *testing.T) {
	ctx := context.Background()
	s := newCellShell(t)
	ms := addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
	now := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	rs, _ := meetingReminders(s, now)
	got := reminderTexts(rs)
	for _, want := range []string{"Tháng 11/2026 chưa có buổi sinh hoạt thường kỳ.", "Quý 4/2026 chưa có buổi sinh hoạt chuyên đề."} {
		if !strings.Contains(got, want) {
			t.Errorf("reminders %q, want %q", got, want)
		}
	}
	m, _ := s.st.NewMeeting(ctx, store.MeetingRegular, "2026-11-05")
	m.MinuteTaker = "Lù Thị Mai"
	m.Tasks = []store.Task{{Title: "Sửa đường", AssigneeID: ms[1].ID, DueDate: "2026-11-15"}}
	if _, err := s.st.SaveAndFinalize(ctx, m); err != nil {
		t.Fatal(err)
	}
	rs, _ = meetingReminders(s, now)
	got = reminderTexts(rs)
	if strings.Contains(got, "thường kỳ") || !strings.Contains(got, "Nhiệm vụ quá hạn: Sửa đường — đồng chí Lù Thị Mai, hạn 15/11/2026.") {
		t.Errorf("reminders %q", got)
	}
}

func TestThematicAndMinuteBookFromTheList(t *testing.T) {
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
	list, _ := openNewMeeting(t, s)
	list.addThematic()
	f := s.current.(*meetingForm)
	if len(f.agenda.rows) != 0 || f.topic.PlaceHolder != "chủ đề chuyên đề (bắt buộc)" {
		t.Errorf("thematic form: %d items, topic hint %q", len(f.agenda.rows), f.topic.PlaceHolder)
	}
	test.Type(f.topic, "Bảo vệ rừng đầu nguồn")
	f.taker.SetText("Lù Thị Mai")
	test.Tap(f.finalize)
	tapDialogButton(t, s.win, "Có")
	list.printBook(time.Now().Year())
	files, _ := filepath.Glob(filepath.Join(printFolder(s.st.Dir()), "so-bien-ban-*.pdf"))
	if len(files) != 1 {
		t.Fatalf("minute book files %v; dialog %s", files, overlayText(s.win))
	}
	closeDialogs(s.win)
	list.printBook(1999)
	if txt := overlayText(s.win); !strings.Contains(txt, "Năm 1999 chưa có biên bản nào đã chốt.") {
		t.Errorf("empty year: %q", txt)
	}
}

// reminderTexts joins the reminders' words, one a line.
func reminderTexts(rs []reminder) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.text + "\n")
	}
	return b.String()
}
