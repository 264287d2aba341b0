package report

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"chibo/store"
)

// fullMeeting is the sample meeting with every part filled in.
func fullMeeting() (store.Meeting, []store.Member) {
	m, ms := sampleMeeting(3, 0)
	m.Agenda[0].Speakers = []store.Speaker{{MemberID: "m02", Name: "Vàng A Sử", Remarks: "Đề nghị tu sửa đường liên thôn trước Tết."},
		{Name: "Hoàng Văn Chiến", Remarks: "Đảng ủy ghi nhận, sẽ hỗ trợ xi măng."}}
	m.Tasks = []store.Task{{Title: "Vận động 100 % hộ tham gia bảo hiểm y tế", AssigneeName: "Ma Thị Hoa", DueDate: "2026-11-30"},
		{Title: "Tu sửa đường liên thôn", AssigneeName: "Vàng A Sử", DueDate: "2026-12-20"}}
	m.Reports = []store.TaskReport{{Title: "Thu hoạch lúa mùa", AssigneeName: "Lý Thị Mai", Done: true, Note: "xong trước 30/10"}}
	m.Dues = []store.DuesPaid{{MemberID: "m00", Amount: 20000}, {MemberID: "m01", Amount: 15000}}
	m.Scores = []store.Score{{Criterion: "time", Points: 5}, {Criterion: "attendance", Points: 4}, {Criterion: "preparation", Points: 9},
		{Criterion: "conduct", Points: 36}, {Criterion: "procedure", Points: 5}, {Criterion: "results", Points: 27}, {Criterion: "closing", Points: 5}}
	m.Votes = []store.Vote{{Kind: "admission", Subject: "Kết nạp quần chúng Lò Thị Hoa", For: 12, Against: 3, Abstain: 2}}
	return m, ms
}

func TestMinutesParts(t *testing.T) {
	m, ms := fullMeeting()
	pages := readPDF(t, render(t, m, ms))
	for _, s := range []string{
		"- Đồng chí Vàng A Sử: Đề nghị tu sửa đường liên thôn trước Tết.",
		"- Thu đảng phí: 2 đồng chí nộp, tổng số 35.000 đồng.",
		"- Thu hoạch lúa mùa (đồng chí Lý Thị Mai): đã hoàn thành; xong trước 30/10.",
		"1. Vận động 100 % hộ tham gia bảo hiểm y tế — giao đồng chí Ma Thị Hoa, hạn 30/11/2026.",
		"Kết nạp quần chúng Lò Thị Hoa: tán thành 12/18, không tán thành 3, không biểu quyết 2; đạt (12/18 = 66,7 %, cần ≥ 2/3,",
		"Chấm điểm buổi sinh hoạt: 91/100 điểm, xếp loại Tốt.",
	} {
		if len(find(pages, s)) == 0 {
			t.Errorf("%q missing", s)
		}
	}
}

// docChecks are the layout checks every Party document shares.
func docChecks(t *testing.T, pages []pdfPage, title string) {
	t.Helper()
	top, bottom, left, right := layoutPt(t)
	first := pages[0]
	for i, p := range pages {
		if abs(p.W-595.28) > 0.5 || abs(p.H-841.89) > 0.5 {
			t.Errorf("page %d is %.2f x %.2f pt, want A4", i+1, p.W, p.H)
		}
		for _, w := range p.Words {
			if w.YMax < top && i > 0 {
				continue // page number
			}
			if w.YMin < top-1 || w.YMax > p.H-bottom+1 || w.XMin < left-1 || w.XMax > p.W-right+1 {
				t.Errorf("page %d: %q at (%.1f,%.1f)–(%.1f,%.1f) crosses a margin", i+1, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
			}
		}
	}
	tb := findOne(t, pages, title)
	if mid := (left + first.W - right) / 2; abs(tb.xMid()-mid) > 3 {
		t.Errorf("%q centre %.1f, text area centre %.1f", title, tb.xMid(), mid)
	}
	for _, s := range []string{"ĐẢNG CỘNG SẢN VIỆT NAM", "Sín Chéng, ngày 05 tháng 11 năm 2026"} {
		if b := findOne(t, pages, s); b.page != 0 || b.xMid() <= first.W/2 || b.yMax > tb.yMin {
			t.Errorf("%q not top right of page 1", s)
		}
	}
	if b := find(pages, "CHI BỘ THÔN SÍN CHÉNG")[0]; b.page != 0 || b.xMax >= first.W/2 || b.yMax > tb.yMin {
		t.Errorf("cell name not top left of page 1")
	}
}

// wordHeight is the bbox height of a phrase's first word, which pdftotext
// derives from the font size.
func wordHeight(t *testing.T, pages []pdfPage, s string) float64 {
	b := find(pages, s)
	if len(b) == 0 {
		t.Fatalf("%q missing", s)
	}
	return b[0].yMax - b[0].yMin
}

func TestResolutionLayout(t *testing.T) {
	m, ms := fullMeeting()
	var buf bytes.Buffer
	if err := ResolutionPDF(&buf, sampleOrg(), m, ms); err != nil {
		t.Fatal(err)
	}
	pages := readPDF(t, buf.Bytes())
	docChecks(t, pages, "NGHỊ QUYẾT")
	for _, s := range []string{
		"CHI BỘ THÔN SÍN CHÉNG QUYẾT NGHỊ:",
		"Chi bộ thống nhất thông qua nghị quyết tháng 11 năm 2026 với các nhiệm vụ:",
		"2. Tu sửa đường liên thôn — đồng chí Vàng A Sử thực hiện, hạn 20/12/2026.",
		"Nghị quyết được thông qua với 15/18 đảng viên tán thành (15/18 = 83,3 %, cần > 50 %).",
	} {
		findOne(t, pages, s)
	}
	last := len(pages) - 1
	tm, bt := findOne(t, pages, "T/M CHI ỦY"), findOne(t, pages, "BÍ THƯ")
	body := findOne(t, pages, "có trách nhiệm tổ chức thực hiện nghị quyết này.")
	name := find(pages, "Giàng A Páo")
	sig := name[len(name)-1]
	if tm.page != last || tm.xMid() <= pages[last].W/2 || tm.yMin <= body.yMax || bt.yMin <= tm.yMax {
		t.Errorf("T/M CHI ỦY / BÍ THƯ not at the end on the right: %+v %+v", tm, bt)
	}
	if sig.yMin-bt.yMax < 20*mmPt || abs(sig.xMid()-bt.xMid()) > 3 {
		t.Errorf("secretary's name at (%.1f, %.1f), want under BÍ THƯ after the gap", sig.xMid(), sig.yMin)
	}
	// Body in 14 pt: a body word is 14/16 the height of the 16 pt title.
	if r := wordHeight(t, pages, "QUYẾT NGHỊ:") / wordHeight(t, pages, "NGHỊ QUYẾT"); abs(r-14.0/16) > 0.02 {
		t.Errorf("body/title height ratio %.3f, want %.3f", r, 14.0/16)
	}
	// A cell without a committee signs for the cell.
	org := sampleOrg()
	org.HasCommittee = false
	buf.Reset()
	if err := ResolutionPDF(&buf, org, m, ms); err != nil {
		t.Fatal(err)
	}
	findOne(t, readPDF(t, buf.Bytes()), "T/M CHI BỘ")
}

func TestAttendanceSheetOnePage(t *testing.T) {
	for _, n := range []int{5, 25, 60} {
		t.Run(fmt.Sprint(n, " members"), func(t *testing.T) {
			m, ms := sampleMeeting(1, 0)
			for i := len(ms); i < n; i++ {
				mem := store.Member{ID: fmt.Sprint("x", i), FullName: fmt.Sprintf("Thào A Nhiều %02d", i), Status: store.StatusFull}
				ms = append(ms, mem)
				m.Attendance = append(m.Attendance, store.Attendance{MemberID: mem.ID, Status: store.AttPresent})
			}
			m.Attendance = m.Attendance[:n]
			for i := range m.Attendance {
				for _, mem := range ms {
					if mem.ID == m.Attendance[i].MemberID {
						m.Attendance[i].MemberName, m.Attendance[i].MemberStatus = mem.FullName, mem.Status
					}
				}
			}
			var buf bytes.Buffer
			if err := AttendanceSheetPDF(&buf, sampleOrg(), m, ms); err != nil {
				t.Fatal(err)
			}
			pages := readPDF(t, buf.Bytes())
			if len(pages) != 1 {
				t.Fatalf("%d pages, want 1", len(pages))
			}
			docChecks(t, pages, "DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT")
			last := m.Attendance[n-1].MemberName
			if len(find(pages, last)) != 1 || len(find(pages, "Ký tên")) != 1 {
				t.Errorf("last member %q or the signature column missing", last)
			}
		})
	}
}

// bookMeetings is a year of finalized meetings long enough for a book of
// at least pages pages.
func bookMeetings(months int) []store.Meeting {
	var out []store.Meeting
	for i := 0; i < months; i++ {
		m, _ := fullMeeting()
		m.ID, m.Number = fmt.Sprint("mtg-", i+1), i+1
		m.Date = time.Date(2026, time.Month(i%12+1), 5, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		out = append(out, m)
	}
	return out
}

func TestMinuteBook(t *testing.T) {
	_, ms := sampleMeeting(1, 0)
	book := bookMeetings(6)
	var buf bytes.Buffer
	if err := MinuteBookPDF(&buf, sampleOrg(), 2026, book, ms); err != nil {
		t.Fatal(err)
	}
	pages := readPDF(t, buf.Bytes())
	if len(pages) < 7 {
		t.Fatalf("%d pages, want a cover and at least one per meeting", len(pages))
	}
	titles := find(pages[1:], "BIÊN BẢN") // the cover's "SỔ BIÊN BẢN" is on page 1
	if len(titles) != 6 {
		t.Fatalf("%d minutes in the book, want 6", len(titles))
	}
	for i, b := range titles {
		if i > 0 && b.page <= titles[i-1].page {
			t.Errorf("minutes %d does not start a new page", i+1)
		}
	}
	findOne(t, pages, "Số 3 — ngày 05/03/2026 — Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026")
	draft := append([]store.Meeting{}, book...)
	draft[2].State = store.StateDraft
	if err := MinuteBookPDF(io.Discard, sampleOrg(), 2026, draft, ms); err == nil {
		t.Error("a draft made it into the minute book")
	}
}

// BenchmarkMinuteBook12Pages renders a minute book of at least 12 pages
// (the bar: under 1 s) against the single-meeting minutes measured in the
// same run.
func BenchmarkMinuteBook12Pages(b *testing.B) {
	_, ms := sampleMeeting(1, 0)
	book := bookMeetings(12)
	var buf bytes.Buffer
	if err := MinuteBookPDF(&buf, sampleOrg(), 2026, book, ms); err != nil {
		b.Fatal(err)
	}
	if n := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")); n < 12 {
		b.Fatalf("book has %d pages, want at least 12", n)
	}
	var one float64
	b.Run("baseline-one-meeting", func(b *testing.B) {
		for b.Loop() {
			if err := MinutesPDF(io.Discard, sampleOrg(), book[0], ms); err != nil {
				b.Fatal(err)
			}
		}
		one = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("book", func(b *testing.B) {
		for b.Loop() {
			if err := MinuteBookPDF(io.Discard, sampleOrg(), 2026, book, ms); err != nil {
				b.Fatal(err)
			}
		}
		per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(per/1e6, "ms/book")
		if per > 1e9 {
			b.Errorf("minute book took %.0f ms, bar is 1000 ms", per/1e6)
		}
		if one > 0 {
			b.ReportMetric(per/one, "x-one-meeting")
		}
	})
}
