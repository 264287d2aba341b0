package report

import (
	"fmt"
	"strings"
	"time"

	"chibo/store"
)

// Vietnamese wording shared by the printed documents.

// longDate renders an ISO date as "ngày 05 tháng 11 năm 2026". Days below
// 10 and the months 1 and 2 get a leading zero, as Party and state
// documents write them, so no one can add a digit by hand.
func longDate(iso string) (string, error) {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return "", fmt.Errorf("date %q: %w", iso, err)
	}
	month := fmt.Sprint(int(t.Month()))
	if t.Month() < 3 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year()), nil
}

// clock renders "19:30" as "19 giờ 30 phút"; empty stays empty.
func clock(hm string) string {
	h, m, ok := strings.Cut(hm, ":")
	if !ok {
		return hm
	}
	return h + " giờ " + m + " phút"
}

// upper capitalises Vietnamese text; NFC letters map one to one.
func upper(s string) string { return strings.ToUpper(s) }

// meetingLine is the bold line under "BIÊN BẢN".
func meetingLine(m store.Meeting, t time.Time) string {
	switch m.Kind {
	case store.MeetingThematic:
		return fmt.Sprintf("SINH HOẠT CHI BỘ CHUYÊN ĐỀ THÁNG %d NĂM %d", t.Month(), t.Year())
	case store.MeetingExtraordinary:
		return fmt.Sprintf("HỌP CHI BỘ BẤT THƯỜNG NGÀY %02d THÁNG %d NĂM %d", t.Day(), t.Month(), t.Year())
	}
	return fmt.Sprintf("SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG %d NĂM %d", t.Month(), t.Year())
}

// positionTitle names a member's post for the chair line ("Bí thư Chi bộ");
// a rank-and-file member gets no title.
func positionTitle(members []store.Member, name string) string {
	for _, mem := range members {
		if mem.FullName != name {
			continue
		}
		switch mem.Position {
		case store.PositionSecretary:
			return "Bí thư Chi bộ"
		case store.PositionDeputy:
			return "Phó Bí thư Chi bộ"
		case store.PositionCommittee:
			return "Chi ủy viên"
		}
	}
	return ""
}

// romans numbers agenda items; a meeting with more than 20 items is not a
// real meeting, but it still prints with Arabic numbers.
var romans = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
	"XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"}

func roman(i int) string {
	if i >= 1 && i <= len(romans) {
		return romans[i-1]
	}
	return fmt.Sprint(i)
}

// paragraphs splits free text at line breaks, dropping blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
