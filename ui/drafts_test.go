package ui

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// TestLeavingAFormWithEditsAsks: a typed member form left by the menu
// asks «Lưu thay đổi?»; Ở lại keeps everything, Không lưu drops it, and
// Lưu (from «Quay lại») stores it and shows it in the list.
func TestLeavingAFormWithEditsAsks(t *testing.T) {
	s := newCellShell(t)
	selectSection(t, s, sectionMembers)
	list := s.current.(*membersScreen)
	list.edit(store.Member{})
	f := s.current.(*memberForm)
	test.Type(f.fullName, "Lò Văn Tiến")

	selectSection(t, s, sectionMeetings)
	if txt := overlayText(s.win); !strings.Contains(txt, "Lưu thay đổi?") || !contains(txt, "[Lưu]", "[Không lưu]", "[Ở lại]") {
		t.Fatalf("leaving by the menu did not ask:\n%s", txt)
	}
	tapDialogButton(t, s.win, "Ở lại")
	if s.current != f || f.fullName.Text != "Lò Văn Tiến" || s.items[s.section].title != sectionMembers {
		t.Fatalf("«Ở lại» left the form: %T, %q, menu at %q", s.current, f.fullName.Text, s.items[s.section].title)
	}

	selectSection(t, s, sectionMeetings)
	tapDialogButton(t, s.win, "Không lưu")
	if _, ok := s.current.(*meetingsScreen); !ok {
		t.Fatalf("«Không lưu» stayed on %T", s.current)
	}
	if ms, _ := s.st.Members(s.ctx, "", ""); len(ms) != 0 {
		t.Errorf("«Không lưu» saved %d members", len(ms))
	}
	if ds, _ := s.st.Drafts(s.ctx); len(ds) != 0 {
		t.Errorf("«Không lưu» left a draft: %+v", ds)
	}

	selectSection(t, s, sectionMembers)
	s.current.(*membersScreen).edit(store.Member{})
	f = s.current.(*memberForm)
	test.Type(f.fullName, "Lò Văn Tiến")
	f.done() // «Quay lại danh sách»
	tapDialogButton(t, s.win, "Lưu")
	back, ok := s.current.(*membersScreen)
	if !ok || len(back.rows) != 1 || back.rows[0].FullName != "Lò Văn Tiến" {
		t.Fatalf("after «Lưu» the list shows %T %+v", s.current, back)
	}
	// Nothing changed: leaving asks nothing.
	back.open(0)
	selectSection(t, s, sectionMeetings)
	if top := s.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("an unchanged form asked:\n%s", overlayText(s.win))
	}
}

// TestClosingTheWindowWithEditsAsks: the window's close button asks when
// the minutes have changes; Ở lại keeps the window, Lưu stores and closes.
func TestClosingTheWindowWithEditsAsks(t *testing.T) {
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo", "Lù Thị Mai")
	closed := false
	s.closeWin = func() { closed = true }
	selectSection(t, s, sectionMeetings)
	s.current.(*meetingsScreen).add()
	f := s.current.(*meetingForm)
	f.taker.SetText("Lù Thị Mai")
	test.Type(f.resolution, "Chi bộ thống nhất làm đường liên thôn.")

	s.closeRequested() // what the window's × does (SetCloseIntercept)
	if txt := overlayText(s.win); !strings.Contains(txt, "Lưu thay đổi?") {
		t.Fatalf("closing did not ask:\n%s", txt)
	}
	tapDialogButton(t, s.win, "Ở lại")
	if closed {
		t.Fatal("«Ở lại» closed the window")
	}
	s.closeRequested()
	tapDialogButton(t, s.win, "Lưu")
	if !closed {
		t.Fatal("«Lưu» did not close the window")
	}
	ms, _ := s.st.Meetings(s.ctx, "")
	if len(ms) != 1 || ms[0].Resolution != "Chi bộ thống nhất làm đường liên thôn." {
		t.Errorf("saved on close: %+v", ms)
	}
}

// TestDraftSurvivesTheLock: locking writes the form's draft, so a laptop
// that dies while locked still has it; the data folder reopened without a
// clean close offers it back and the form comes back as typed.
func TestDraftSurvivesTheLock(t *testing.T) {
	s := lockedCellShell(t)
	unlockShell(t, s)
	closeDialogs(s.win)
	selectSection(t, s, sectionMembers)
	s.current.(*membersScreen).open(0)
	f := s.current.(*memberForm)
	f.phone.SetText("0912 345 678")
	f.notes.SetText("Đang điều trị bệnh dài ngày")
	s.lockNow()

	again := reopenShell(t, s.st.Dir())
	if txt := overlayText(again.win); !strings.Contains(txt, "Phần đang sửa dở") || !strings.Contains(txt, "Sửa thông tin: Giàng A Páo") {
		t.Fatalf("the reopened window does not offer the draft:\n%s", txt)
	}
	tapDialogButtonPrefix(t, again.win, "Sửa thông tin: Giàng A Páo")
	g, ok := again.current.(*memberForm)
	if !ok || g.phone.Text != "0912 345 678" || g.notes.Text != "Đang điều trị bệnh dài ngày" {
		t.Fatalf("the form came back as %T %+v", again.current, g)
	}
	if !again.dirty() {
		t.Error("a form brought back from its draft does not count as changed")
	}
}

// TestDraftBackAfterAKilledProcess: a child process types the minutes of
// a meeting (a new agenda item with a speaker, a task), lets the autosave
// run and dies without closing anything; the next start offers the draft
// and the form comes back with every list the same length and every word.
func TestDraftBackAfterAKilledProcess(t *testing.T) {
	if dir := os.Getenv("CHIBO_DRAFT_CHILD"); dir != "" {
		draftChild(t, dir)
		return
	}
	s := lockedCellShell(t)
	dir := s.st.Dir()
	s.st.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDraftBackAfterAKilledProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CHIBO_DRAFT_CHILD="+dir)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("child: %v\n%s", err, out)
	}
	again := reopenShell(t, dir)
	tapDialogButtonPrefix(t, again.win, "Biên bản sinh hoạt ngày")
	f, ok := again.current.(*meetingForm)
	if !ok {
		t.Fatalf("the draft opened %T", again.current)
	}
	items := f.agenda.rows
	last := items[len(items)-1]
	if f.resolution.Text != "Chi bộ thống nhất làm đường liên thôn." || last.title.Text != "Ý kiến về làm đường" ||
		len(last.speakers) != 1 || last.speakers[0].remarks.Text != "Mỗi hộ góp 2 ngày công" ||
		len(f.tasks.rows) != 1 || f.tasks.rows[0].title.Text != "Vận động làm đường" || f.roll[1].reason.Text != "Ốm" {
		t.Errorf("the minutes came back as: resolution %q, last item %q with %d speakers, %d tasks, reason %q",
			f.resolution.Text, last.title.Text, len(last.speakers), len(f.tasks.rows), f.roll[1].reason.Text)
	}
}

// draftChild is the killed process: it types, autosaves and exits.
func draftChild(t *testing.T, dir string) {
	s := reopenShell(t, dir)
	selectSection(t, s, sectionMeetings)
	s.current.(*meetingsScreen).add()
	f := s.current.(*meetingForm)
	test.Type(f.resolution, "Chi bộ thống nhất làm đường liên thôn.")
	f.roll[1].status.SetSelected(store.LabelOf(store.AttendanceLabels, store.AttExcused))
	f.roll[1].reason.SetText("Ốm")
	test.Tap(f.agenda.add)
	last := f.agenda.rows[len(f.agenda.rows)-1]
	last.title.SetText("Ý kiến về làm đường")
	test.Tap(last.addSpeaker)
	last.speakers[0].remarks.SetText("Mỗi hộ góp 2 ngày công")
	test.Tap(f.tasks.add)
	f.tasks.rows[0].title.SetText("Vận động làm đường")
	s.autosave() // what the 5-second tick does
	os.Exit(3)   // no Close, no clean shutdown
}

// unlockShell types the passphrase into the unlock screen.
func unlockShell(t *testing.T, s *shell) {
	t.Helper()
	u, ok := s.current.(*unlockScreen)
	if !ok {
		t.Fatalf("not locked: %T", s.current)
	}
	u.pass.SetText(testPass)
	u.unlock()
}

// reopenShell opens a data folder as a new start does, unlocked.
func reopenShell(t *testing.T, dir string) *shell {
	t.Helper()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := newTestShell(t, st)
	unlockShell(t, s)
	return s
}

// tapDialogButtonPrefix taps the top dialog's button whose text starts so.
func tapDialogButtonPrefix(t *testing.T, w fyne.Window, prefix string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open, wanted a button %q…", prefix)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, prefix) {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q… in dialog:\n%s", prefix, overlayText(w))
}

// TestEveryFormKeepsItsDraft: the candidate and review forms keep their
// drafts too: typed, autosaved, then opened again in a new window.
func TestEveryFormKeepsItsDraft(t *testing.T) {
	s, ms := cellWorkShell(t, sectionCandidates)
	s.current.(*candidatesScreen).edit(store.Candidate{})
	c := s.current.(*candidateForm)
	test.Type(c.name, "Ly Thị Sua")
	test.Type(c.birth, "01/01/2000")
	c.intro1.SetSelected("Giàng A Páo — Chính thức")
	test.Type(c.dates["listed"], "10/01/2025")
	test.Type(c.dates["cell_vote"], "15/12/2025")
	test.Type(c.votesFor, "2")
	s.autosave()

	selectSection(t, s, sectionReview)
	tapDialogButton(t, s.win, "Ở lại") // the candidate form has changes
	if s.current != c {
		t.Fatal("«Ở lại» left the candidate form")
	}
	selectSection(t, s, sectionReview)
	tapDialogButton(t, s.win, "Không lưu")
	r := s.current.(*reviewScreen)
	for i, row := range r.sheet.Rows {
		if row.Member.ID == ms[0].ID {
			r.open(i)
		}
	}
	rv := s.current.(*reviewForm)
	rv.selfText.SetText("Tôi tự nhận thấy còn chậm trong việc vận động bà con.")
	rv.cellLevel.SetSelected("Hoàn thành tốt nhiệm vụ")
	s.autosave()
	drafts, _ := s.st.Drafts(s.ctx)
	if len(drafts) != 1 || !strings.HasPrefix(drafts[0].Key, "review:") {
		t.Fatalf("drafts %+v («Không lưu» must drop the candidate's)", drafts)
	}

	again := newTestShell(t, s.st)
	tapDialogButtonPrefix(t, again.win, "Kiểm điểm năm")
	back, ok := again.current.(*reviewForm)
	if !ok || back.selfText.Text != rv.selfText.Text || back.cellLevel.Selected != "Hoàn thành tốt nhiệm vụ" {
		t.Fatalf("review came back as %T", again.current)
	}
	// The candidate's draft, written before «Không lưu», comes back the
	// same way when it is kept.
	selectSection(t, again, sectionCandidates)
	tapDialogButton(t, again.win, "Không lưu")
	again.current.(*candidatesScreen).edit(store.Candidate{})
	c2 := again.current.(*candidateForm)
	test.Type(c2.name, "Ly Thị Sua")
	test.Type(c2.dates["cell_vote"], "15/12/2025")
	test.Type(c2.votesFor, "2")
	again.autosave()
	third := newTestShell(t, s.st)
	tapDialogButtonPrefix(t, third.win, "Quần chúng ưu tú: Ly Thị Sua")
	c3, ok := third.current.(*candidateForm)
	if !ok || c3.name.Text != "Ly Thị Sua" || c3.dates["cell_vote"].Text != "15/12/2025" || c3.votesFor.Text != "2" {
		t.Fatalf("candidate came back as %T", third.current)
	}
}
