package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"chibo/rules"
	"chibo/store"
)

func render(t *testing.T, m store.Meeting, ms []store.Member) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := MinutesPDF(&buf, sampleOrg(), m, ms); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// layoutPt is the rules' layout in points, as pdftotext reports positions.
func layoutPt(t *testing.T) (top, bottom, left, right float64) {
	s, err := rules.Current(mustDay("2026-11-05"))
	if err != nil {
		t.Fatal(err)
	}
	l := s.Layout()
	return l.MarginTop * mmPt, l.MarginBottom * mmPt, l.MarginLeft * mmPt, l.MarginRight * mmPt
}

func TestMinutesLayout(t *testing.T) {
	m, ms := sampleMeeting(6, 0)
	pages := readPDF(t, render(t, m, ms))
	first, last := pages[0], pages[len(pages)-1]
	_, _, left, right := layoutPt(t)
	textMid := (left + first.W - right) / 2
	tests := map[string]func(t *testing.T){
		"every page is A4": func(t *testing.T) {
			for i, p := range pages {
				if abs(p.W-595.28) > 0.5 || abs(p.H-841.89) > 0.5 {
					t.Errorf("page %d is %.2f x %.2f pt, want A4", i+1, p.W, p.H)
				}
			}
		},
		"title centred on the text area": func(t *testing.T) {
			for _, s := range []string{"BIÊN BẢN", "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026"} {
				if b := findOne(t, pages, s); abs(b.xMid()-textMid) > 3 {
					t.Errorf("%q centre at %.1f pt, text area centre %.1f", s, b.xMid(), textMid)
				}
			}
		},
		"party name block on the right half": func(t *testing.T) {
			for _, s := range []string{"ĐẢNG CỘNG SẢN VIỆT NAM", "Sín Chéng, ngày 05 tháng 11 năm 2026"} {
				b := findOne(t, pages, s)
				if b.page != 0 || b.xMid() <= first.W/2 || b.xMax > first.W-right+1 {
					t.Errorf("%q at page %d x %.1f–%.1f, want right half of page 1", s, b.page+1, b.xMin, b.xMax)
				}
			}
		},
		"parent and cell on the left half above the title": func(t *testing.T) {
			title := findOne(t, pages, "BIÊN BẢN")
			for _, s := range []string{"ĐẢNG BỘ XÃ SÍN CHÉNG", "CHI BỘ THÔN SÍN CHÉNG", "*"} {
				b := find(pages, s)[0]
				if b.page != 0 || b.xMax >= first.W/2 || b.xMin < left-1 || b.yMax > title.yMin {
					t.Errorf("%q at page %d (%.1f,%.1f)–(%.1f,%.1f), want top left of page 1", s, b.page+1, b.xMin, b.yMin, b.xMax, b.yMax)
				}
			}
		},
		"vietnamese text extracts as typed": func(t *testing.T) {
			for _, s := range []string{
				"Hồi 19 giờ 30 phút, ngày 05 tháng 11 năm 2026, tại Nhà văn hóa thôn Sín Chéng,",
				"- Chủ trì: đồng chí Giàng A Páo, Bí thư Chi bộ.",
				"- Thư ký: đồng chí Lý Thị Mai, Phó Bí thư Chi bộ.",
				"Tổng số đảng viên: 25 (chính thức: 22, dự bị: 2, sinh hoạt tạm thời: 1); miễn sinh hoạt: 1; đi sinh hoạt nơi khác: 1; có mặt: 20; vắng: 3.",
				"+ Đồng chí Sùng Seo Chứ: vắng có lý do (ốm, nằm viện huyện).",
				"+ Đồng chí Lù Văn Thắng: vắng không lý do.",
				"I. Thông tin thời sự, chính sách mới",
				"VI. Nhiệm vụ tháng 12 năm 2026",
				"Biểu quyết: tán thành 15/18 (83,3 %), không tán thành 1, không biểu quyết 1.",
				"Kết quả: nghị quyết được thông qua (15/18 = 83,3 %, cần > 50 %).",
				"Cuộc họp kết thúc hồi 21 giờ 30 phút cùng ngày.",
				"Biên bản đã được đọc lại cho chi bộ nghe và nhất trí thông qua.",
			} {
				findOne(t, pages, s)
			}
			if n := len(find(pages, "Ý kiến thảo luận:")); n != 6 {
				t.Errorf("Ý kiến thảo luận: found %d times, want 6", n)
			}
		},
		"signatures on the last page below the body": func(t *testing.T) {
			body := findOne(t, pages, "Biên bản đã được đọc lại")
			clerk, chair := findOne(t, pages, "THƯ KÝ"), findOne(t, pages, "CHỦ TRÌ")
			lastPage := len(pages) - 1
			for _, b := range []box{body, clerk, chair} {
				if b.page != lastPage {
					t.Errorf("closing on page %d, want last page %d", b.page+1, lastPage+1)
				}
			}
			if clerk.yMin <= body.yMax || chair.yMin <= body.yMax {
				t.Errorf("signature titles at y %.1f/%.1f, body ends at %.1f", clerk.yMin, chair.yMin, body.yMax)
			}
			if clerk.xMid() >= last.W/2 || chair.xMid() <= last.W/2 {
				t.Errorf("THƯ KÝ at x %.1f, CHỦ TRÌ at x %.1f: want left and right", clerk.xMid(), chair.xMid())
			}
			// The names sit under the space left for the signatures.
			names := find(pages, "Giàng A Páo")
			if n := names[len(names)-1]; n.page != lastPage || n.yMin-chair.yMax < 20*mmPt || abs(n.xMid()-chair.xMid()) > 3 {
				t.Errorf("chair's name at page %d (%.1f, %.1f), want under CHỦ TRÌ after the gap", n.page+1, n.xMid(), n.yMin)
			}
		},
		"finalized minutes carry no draft mark": func(t *testing.T) {
			if n := len(find(pages, "BẢN NHÁP")); n != 0 {
				t.Errorf("BẢN NHÁP found %d times on finalized minutes", n)
			}
		},
	}
	for name, check := range tests {
		t.Run(name, check)
	}
}

func TestMinutesVariants(t *testing.T) {
	tests := map[string]struct {
		edit    func(*store.Meeting)
		want    []string
		notWant []string
	}{
		"draft is marked": {
			edit: func(m *store.Meeting) { m.State, m.FinalizedAt = store.StateDraft, "" },
			want: []string{"BẢN NHÁP"},
		},
		"revision printed": {
			edit:    func(m *store.Meeting) { m.Revision = 3 },
			want:    []string{"(Bản sửa lần 2)"},
			notWant: []string{"BẢN NHÁP"},
		},
		"first revision says nothing": {
			edit:    func(m *store.Meeting) {},
			notWant: []string{"Bản sửa"},
		},
		"thematic with topic": {
			edit: func(m *store.Meeting) { m.Kind, m.Topic = store.MeetingThematic, "Bảo vệ rừng đầu nguồn" },
			want: []string{"SINH HOẠT CHI BỘ CHUYÊN ĐỀ THÁNG 11 NĂM 2026", "Chuyên đề: “Bảo vệ rừng đầu nguồn”"},
		},
		"extraordinary": {
			edit: func(m *store.Meeting) { m.Kind, m.Topic = store.MeetingExtraordinary, "xét kết nạp đảng viên" },
			want: []string{"HỌP CHI BỘ BẤT THƯỜNG NGÀY 05 THÁNG 11 NĂM 2026", "Về việc: xét kết nạp đảng viên"},
		},
		"resolution that fails": {
			edit: func(m *store.Meeting) { m.VotesFor, m.VotesAgainst, m.VotesAbstain = 9, 5, 3 },
			want: []string{"Kết quả: nghị quyết không được thông qua (9/18 = 50 %, cần > 50 %)."},
		},
		"no vote, no tally": {
			edit:    func(m *store.Meeting) { m.Resolution, m.VotesFor, m.VotesAgainst, m.VotesAbstain = "", 0, 0, 0 },
			notWant: []string{"Biểu quyết:", "NGHỊ QUYẾT VÀ BIỂU QUYẾT"},
		},
		"missing names leave blanks to fill": {
			edit: func(m *store.Meeting) { m.Chair, m.MinuteTaker, m.EndTime = "", "", "" },
			want: []string{"- Chủ trì: " + blank + ".", "Cuộc họp kết thúc cùng ngày."},
		},
		"january pads the month": {
			edit: func(m *store.Meeting) { m.Date = "2027-01-07" },
			want: []string{"Sín Chéng, ngày 07 tháng 01 năm 2027", "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 1 NĂM 2027"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m, ms := sampleMeeting(2, 0)
			tc.edit(&m)
			pages := readPDF(t, render(t, m, ms))
			for _, s := range tc.want {
				if len(find(pages, s)) == 0 {
					t.Errorf("%q missing", s)
				}
			}
			for _, s := range tc.notWant {
				if len(find(pages, s)) != 0 {
					t.Errorf("%q present", s)
				}
			}
		})
	}
}

func TestMinutesDraftOnEveryPage(t *testing.T) {
	m, ms := sampleMeeting(6, 8)
	m.State = store.StateDraft
	pages := readPDF(t, render(t, m, ms))
	for i := range pages {
		if n := len(find(pages[i:i+1], "BẢN NHÁP")); n != 1 {
			t.Errorf("page %d has the draft mark %d times, want 1", i+1, n)
		}
	}
}

// TestMinutesLongWraps checks a long meeting runs over pages with numbers
// and that nothing crosses a margin, even a word wider than the line.
func TestMinutesLongWraps(t *testing.T) {
	m, ms := sampleMeeting(6, 12)
	m.Agenda[2].Discussion += "\nhttps://" + strings.Repeat("xaydungdang", 30) + ".vn"
	pages := readPDF(t, render(t, m, ms))
	if len(pages) < 2 {
		t.Fatalf("%d pages, want at least 2", len(pages))
	}
	top, bottom, left, right := layoutPt(t)
	for i, p := range pages {
		number := fmt.Sprint(i + 1)
		numbered := false
		for _, w := range p.Words {
			if w.YMax < top {
				if w.Text != number || abs((w.XMin+w.XMax)/2-p.W/2) > 2 {
					t.Errorf("page %d: %q in the top margin", i+1, w.Text)
				}
				numbered = true
				continue
			}
			if w.YMax > p.H-bottom+1 || w.XMin < left-1 || w.XMax > p.W-right+1 {
				t.Errorf("page %d: %q at (%.1f,%.1f)–(%.1f,%.1f) crosses a margin", i+1, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
			}
		}
		if numbered != (i > 0) {
			t.Errorf("page %d numbered = %v, want %v (numbers from page 2)", i+1, numbered, i > 0)
		}
	}
	// Text is never lost at a page break: every speech made it through.
	if got, want := len(find(pages, "Đồng chí Ma Thị Hoa: đề nghị vận động bà con")), 6; got != want {
		t.Errorf("speech found %d times, want %d", got, want)
	}
}

func TestMinutesFontEmbedded(t *testing.T) {
	m, ms := sampleMeeting(1, 0)
	rows := pdfFonts(t, render(t, m, ms))
	if len(rows) == 0 {
		t.Fatal("pdffonts lists no fonts")
	}
	for _, r := range rows {
		f := strings.Fields(r)
		if !strings.Contains(strings.ToLower(f[0]), "liberationserif") || len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font row %q: want LiberationSerif, embedded", r)
		}
	}
}

func TestMinutesErrors(t *testing.T) {
	tests := map[string]func(*store.Meeting){
		"bad date":   func(m *store.Meeting) { m.Date = "05/11/2026" },
		"empty date": func(m *store.Meeting) { m.Date = "" },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			m, ms := sampleMeeting(1, 0)
			edit(&m)
			err := MinutesPDF(&bytes.Buffer{}, sampleOrg(), m, ms)
			if err == nil || !strings.HasPrefix(err.Error(), "report: minutes mtg-1:") {
				t.Errorf("err = %v, want a wrapped report error", err)
			}
		})
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
