package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// duesShell is a cell of n members (the first the secretary) with the
// dues book open, its clock at the end of 2026.
func duesShell(t *testing.T, n int) (*shell, *duesScreen, []store.Member) {
	t.Helper()
	s := newCellShell(t)
	var ms []store.Member
	for i := range n {
		m := store.Member{FullName: fmt.Sprintf("Đảng viên số %02d", i+1), Sex: store.SexMale, Status: store.StatusFull,
			AdmissionDate: "2010-05-19", FullDate: "2011-05-19"}
		if i == 0 {
			m.Position = store.PositionSecretary
		}
		ms = append(ms, m)
	}
	ms, err := s.st.SaveMembers(context.Background(), ms)
	if err != nil {
		t.Fatal(err)
	}
	selectSection(t, s, "Đảng phí")
	d := s.current.(*duesScreen)
	d.today = func() time.Time { return time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC) }
	d.year.SetSelected("2026")
	d.reload()
	return s, d, ms
}

func (d *duesScreen) row(id string) int {
	for i, l := range d.lines {
		if l.Member.ID == id {
			return i
		}
	}
	return -1
}

// TestDuesBookWarnsOnlyOnRecordedUnpaid: months never entered read
// "chưa ghi" and warn nobody; the red warning of Quy định 01-QĐ/TW, Điều
// 2 khoản 1 comes only from three months recorded as not paid.
func TestDuesBookWarnsOnlyOnRecordedUnpaid(t *testing.T) {
	s, d, ms := duesShell(t, 3)
	if d.warn.Text != "" {
		t.Fatalf("a book with nothing recorded warns: %q", d.warn.Text)
	}
	if r := d.row(ms[1].ID); d.cell(r, duesColMonth+4) != "chưa ghi" {
		t.Errorf("an empty past month reads %q", d.cell(r, duesColMonth+4))
	}
	var es []store.DuesEntry
	for m := 1; m <= 3; m++ {
		es = append(es, store.DuesEntry{MemberID: ms[1].ID, Month: fmt.Sprintf("2026-%02d", m), State: store.DuesStateUnpaid})
	}
	if err := s.st.SaveDues(context.Background(), es); err != nil {
		t.Fatal(err)
	}
	d.reload()
	if !strings.Contains(d.warn.Text, "Đảng viên số 02 (3 tháng)") || strings.Contains(d.warn.Text, "số 03") ||
		!strings.Contains(d.warn.Text, "Điều 2, khoản 1") {
		t.Errorf("warning %q", d.warn.Text)
	}
	r := d.row(ms[1].ID)
	if d.cell(r, duesColMonth) != "Không nộp" || d.cellStyle(r, duesColMonth) != widget.DangerImportance ||
		d.cellStyle(r, duesColName) != widget.DangerImportance {
		t.Errorf("recorded unpaid month %q, not red", d.cell(r, duesColMonth))
	}
}

// TestDuesBookAYearInFewClicks marks a year of a 25-member cell: the
// meetings tick some months on their rolls, the book does the rest. Every
// click is counted: a tap on a cell, a tap on a button, a pick in a list.
// Bar (issue 15): no more than 2 clicks per member-month on average, and
// the book's total is the meetings' ticks plus what was marked in it.
func TestDuesBookAYearInFewClicks(t *testing.T) {
	s, d, ms := duesShell(t, 25)
	ctx := context.Background()
	var ticked int64
	clicks := 0
	for month := 1; month <= 6; month++ { // the first half year at the meetings
		m, err := s.st.NewMeeting(ctx, store.MeetingRegular, fmt.Sprintf("2026-%02d-05", month))
		if err != nil {
			t.Fatal(err)
		}
		m.MinuteTaker = ms[1].FullName
		for i, x := range ms {
			if i%5 != 4 { // one member in five pays later, through the book
				m.Dues = append(m.Dues, store.DuesPaid{MemberID: x.ID, Amount: 5000})
				ticked += 5000
				clicks++ // one tick on the roll; the amount fills itself
			}
		}
		if _, err := s.st.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	d.reload()
	if got := d.lines[d.row(ms[0].ID)].Paid; got != 30000 {
		t.Fatalf("the meetings' ticks are not in the book: %d", got)
	}
	tapCell := func(r, c int) {
		clicks++
		d.table.Select(widget.TableCellID{Row: r, Col: c})
	}
	// Two members did not pay in September: first the tap that marks the
	// month paid, then a tap to open it, a pick and "Lưu".
	unpaid := map[int]bool{d.row(ms[3].ID): true, d.row(ms[7].ID): true}
	var marked int64
	for r := range d.lines {
		for i := range 12 {
			if d.lines[r].Months[i].Status() != "" {
				continue
			}
			tapCell(r, duesColMonth+i)
			if top := s.win.Canvas().Overlays().Top(); top != nil {
				t.Fatalf("one tap on an empty month opened a dialog:\n%s", overlayText(s.win))
			}
			if i == 8 && unpaid[r] {
				tapCell(r, duesColMonth+i)
				clicks += 2
				pickInDialog(t, s, "Không nộp (không có lý do)")
				clicks++
				tapDialogButton(t, s.win, "Lưu")
				continue
			}
			marked += 5000
		}
	}
	perMonth := float64(clicks) / float64(25*12)
	t.Logf("a year of 25 members: %d clicks for %d member-months, %.2f per member-month", clicks, 25*12, perMonth)
	if perMonth > 2 {
		t.Errorf("%.2f clicks per member-month, the bar is 2", perMonth)
	}
	var total int64
	for _, l := range d.lines {
		total += l.Paid
		if l.Unrecorded != 0 {
			t.Errorf("%s: %d months still not recorded", l.Member.FullName, l.Unrecorded)
		}
	}
	if total != ticked+marked {
		t.Errorf("book total %d, meetings ticked %d and the book marked %d", total, ticked, marked)
	}
	if !strings.Contains(d.totals.Text, "tại buổi sinh hoạt") || !strings.Contains(d.totals.Text, vnd(total)) {
		t.Errorf("totals %q, want %s", d.totals.Text, vnd(total))
	}
	if r := d.row(ms[3].ID); d.cell(r, duesColMonth+8) != "Không nộp" || d.lines[r].Warn {
		t.Errorf("September of a late payer: %q, warned %v", d.cell(r, duesColMonth+8), d.lines[r].Warn)
	}
}

// TestDuesBookWholeMonthAndRelief: one action marks a month for everyone;
// a reduction granted on application sets the amount a click records.
func TestDuesBookWholeMonthAndRelief(t *testing.T) {
	s, d, ms := duesShell(t, 4)
	d.table.Select(widget.TableCellID{Row: d.row(ms[2].ID), Col: duesColName})
	pickInDialogAt(t, s, 0, "Giảm 50% mức đóng")
	pickInDialogAt(t, s, 1, "03/2026")
	pickInDialogAt(t, s, 2, "12/2026")
	tapDialogButton(t, s.win, "Lưu")
	if got := d.cell(d.row(ms[2].ID), duesColMonth+3); got != "giảm 50%" {
		t.Fatalf("April after a 50 %% reduction reads %q", got)
	}
	d.askMonth()
	pickInDialog(t, s, "Tháng 4/2026")
	tapDialogButton(t, s.win, "Ghi")
	closeDialogs(s.win)
	for _, l := range d.lines {
		want := int64(5000)
		if l.Member.ID == ms[2].ID {
			want = 2500
		}
		if e := l.Months[3]; e.Status() != store.DuesStatePaid || e.Amount != want {
			t.Errorf("%s April: %+v, want %d paid", l.Member.FullName, e, want)
		}
	}
	// A relief of 13 months is refused with the clause, nothing saved.
	d.table.Select(widget.TableCellID{Row: d.row(ms[1].ID), Col: duesColName})
	pickInDialogAt(t, s, 0, "Giảm 30% mức đóng")
	pickInDialogAt(t, s, 1, "02/2026")
	pickInDialogAt(t, s, 2, "02/2027")
	tapDialogButton(t, s.win, "Lưu")
	if txt := overlayText(s.win); !strings.Contains(txt, "tối đa 12 tháng") {
		t.Errorf("13 months of relief: %s", txt)
	}
	closeDialogs(s.win)
	if l := d.lines[d.row(ms[1].ID)]; l.Months[5].ReductionPct != 0 {
		t.Errorf("a refused relief saved %+v", l.Months[5])
	}
}
