package ui

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chibo/store"
)

// TestAMonthInTheLife is a secretary's month done in the window, the way
// docs/month-in-the-life.md tells it, with its screenshots (written to
// $CHIBO_SCREENSHOTS by `make screenshots`): the overview's list, a member
// who moved in, the month's meeting from roll call to printed minutes,
// the dues book, a candidate's first step, and sending to the hub, who
// receives it all. Each step checks what the secretary would look for.
func TestAMonthInTheLife(t *testing.T) {
	ctx := context.Background()
	dir := screenshotDir(t)
	stick := plugStick(t)
	opened := 0
	oldOpen := openFile
	openFile = func(fyne.App, *url.URL) error { opened++; return nil }
	t.Cleanup(func() { openFile = oldOpen })
	s, hubStore := newCellAndHub(t)
	shot := func(name string) { t.Helper(); snapshot(t, s, dir, name, shotSize) }
	if _, err := s.st.SaveMembers(ctx, []store.Member{
		{FullName: "Giàng A Páo", Sex: store.SexMale, BirthDate: "1975-04-12", Status: store.StatusFull, Position: store.PositionSecretary, AdmissionDate: "1999-05-19"},
		{FullName: "Lù Thị Mai", Sex: store.SexFemale, BirthDate: "1988-09-02", Status: store.StatusFull, Position: store.PositionDeputy, AdmissionDate: "2012-02-03"},
		{FullName: "Vàng Seo Chứ", Sex: store.SexMale, BirthDate: "1990-01-20", Status: store.StatusFull, AdmissionDate: "2016-12-22"},
		{FullName: "Thào Thị Dua", Sex: store.SexFemale, BirthDate: "1999-07-07", Status: store.StatusProbationary, AdmissionDate: "2026-03-26"},
	}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	day := time.Date(now.Year(), now.Month(), 5, 0, 0, 0, 0, time.Local)

	// 1. The overview says what is due.
	o := s.goSection("Tổng quan").(*overviewScreen)
	if !strings.Contains(reminderTexts(o.todo), fmt.Sprintf("Tháng %d/%d chưa có buổi sinh hoạt thường kỳ.", now.Month(), now.Year())) {
		t.Fatalf("the overview does not ask for the month's meeting:\n%s", reminderTexts(o.todo))
	}
	shot("20-thang-tong-quan")

	// 2. A member moved in from another cell.
	s.goSection(sectionMembers)
	tapButton(t, s.win, "Thêm đảng viên")
	f := s.current.(*memberForm)
	test.Type(f.fullName, "Lò Văn Tiến")
	f.sex.SetSelected("Nam")
	test.Type(f.birth, "15/08/1997")
	test.Type(f.ethnicity, "Giáy")
	test.Type(f.admission, "19/05/2022")
	test.Type(f.full, "19/05/2023")
	test.Type(f.phone, "0987 654 321")
	shot("21-thang-dang-vien-moi")
	test.Tap(f.save)
	if list, ok := s.current.(*membersScreen); !ok || len(list.rows) != 5 {
		t.Fatalf("after saving the new member: %T", s.current)
	}

	// 3. The month's meeting, from the overview's button.
	s.goSection("Tổng quan")
	tapReminder(t, s, "chưa có buổi sinh hoạt thường kỳ", "Ghi biên bản")
	m := s.current.(*meetingForm)
	m.date.SetText(day.Format("02/01/2006"))
	m.place.SetText("Nhà văn hóa thôn Sín Chéng")
	m.taker.SetText("Lù Thị Mai")
	m.parts.SelectIndex(partRoll)
	for _, r := range m.roll {
		if r.name == "Vàng Seo Chứ" {
			r.status.SetSelected(store.LabelOf(store.AttendanceLabels, store.AttExcused))
			r.reason.SetText("Ốm, đã báo trước")
			continue
		}
		test.Tap(r.dues) // one tap: the amount fills itself
	}
	shot("22-thang-diem-danh")
	m.parts.SelectIndex(partAgenda)
	first := m.agenda.rows[0]
	first.concl.SetText("Đã thu đảng phí của các đồng chí có mặt.")
	m.agenda.openItem(1)
	second := m.agenda.rows[1]
	test.Tap(second.addSpeaker)
	second.speakers[0].who.SetText("Lò Văn Tiến")
	second.speakers[0].remarks.SetText("Đề nghị chi bộ giao cho tôi vận động thanh niên làm đường.")
	second.concl.SetText("Nhất trí giao đồng chí Tiến phụ trách thanh niên.")
	shot("23-thang-noi-dung")
	m.parts.SelectIndex(partResolution)
	m.resolution.SetText("Chi bộ thống nhất hoàn thành làm đường liên thôn trước ngày 30.")
	m.votesFor.SetText("3")
	test.Tap(m.tasks.add)
	m.tasks.rows[0].title.SetText("Vận động thanh niên làm đường")
	m.tasks.rows[0].assignee.SetSelected("Lò Văn Tiến")
	test.Tap(m.save)
	if txt := overlayText(s.win); txt != "" {
		t.Fatalf("saving the minutes: %s", txt)
	}
	test.Tap(m.finalize)
	tapDialogButton(t, s.win, "Có")
	if m.m.State != store.StateFinalized {
		t.Fatalf("the minutes are not finalized: %s", overlayText(s.win))
	}
	test.Tap(m.print)
	if opened != 1 || !strings.Contains(overlayText(s.win), "Lưu PDF ra USB") {
		t.Fatalf("printing: opened %d, %s", opened, overlayText(s.win))
	}
	shot("24-thang-in-bien-ban")
	tapDialogButton(t, s.win, "Lưu PDF ra USB")
	tapDialogButton(t, s.win, "Lưu vào đây")
	closeDialogs(s.win)
	if pdfs, _ := filepath.Glob(filepath.Join(stick, "bien-ban-*.pdf")); len(pdfs) != 1 {
		t.Errorf("the minutes on the stick: %v", pdfs)
	}

	// 4. The dues book holds the meeting's ticks; the absent member paid later.
	d := s.goSection(sectionDues).(*duesScreen)
	i := int(day.Month()) - 1
	var paid int
	for r, l := range d.lines {
		if l.Months[i].Status() == store.DuesStatePaid && l.Months[i].MeetingID == m.m.ID {
			paid++
		}
		if l.Member.FullName == "Vàng Seo Chứ" {
			d.table.Select(widgetCell(r, duesColMonth+i))
		}
	}
	if paid != 4 {
		t.Errorf("%d members' dues from the meeting in the book, want 4", paid)
	}
	shot("25-thang-dang-phi")
	for _, l := range d.lines {
		if l.Months[i].Status() != store.DuesStatePaid {
			t.Errorf("%s: the month is %q", l.Member.FullName, d.monthText(l, i))
		}
	}

	// 5. A candidate's first step: listed as an outstanding citizen.
	s.goSection(sectionCandidates)
	tapButton(t, s.win, "Thêm quần chúng ưu tú")
	c := s.current.(*candidateForm)
	test.Type(c.name, "Ly Thị Sua")
	test.Type(c.birth, "01/01/2003")
	test.Type(c.dates["listed"], day.Format("02/01/2006"))
	c.helper.SetSelected("Lù Thị Mai — Chính thức")
	shot("26-thang-phat-trien")
	c.submit()
	if cs, _ := s.st.Candidates(ctx); len(cs) != 1 || cs[0].FullName != "Ly Thị Sua" {
		t.Fatalf("the candidate: %+v %s", cs, overlayText(s.win))
	}

	// 6. Sending: the stick by name, the file written, the cell's key shown.
	s.goSection(sectionSend)
	tapButton(t, s.win, "Chọn thư mục (USB) và ghi dữ liệu")
	shot("27-thang-chon-usb")
	tapDialogButton(t, s.win, "Lưu vào đây")
	if txt := overlayText(s.win); !strings.Contains(txt, "Có thể rút USB") {
		t.Fatalf("sending: %s", txt)
	}
	closeDialogs(s.win)
	shot("28-thang-gui-cap-tren")
	files, _ := filepath.Glob(filepath.Join(stick, "*.chibo"))
	if len(files) != 1 {
		t.Fatalf("files on the stick: %v", files)
	}

	// 7. The hub receives the month.
	hub := newTestShell(t, hubStore)
	imp := hub.goSection("Nhận dữ liệu").(*hubImportScreen)
	imp.run(stick)
	tapDialogButton(t, hub.win, "Đúng, nhận dữ liệu")
	site, _ := s.st.Site(ctx)
	if ms, _ := hubStore.Meetings(ctx, site.ID); len(ms) != 1 || ms[0].State != store.StateFinalized {
		t.Errorf("the hub holds %+v", ms)
	}
	if members, _ := hubStore.Members(ctx, site.ID, "tien"); len(members) != 1 {
		t.Errorf("the new member did not reach the hub: %+v", members)
	}
}
