package store

import (
	"testing"
	"time"
)

// TestCheckLength: the minimum comes from the rules data (90 minutes for a
// regular meeting, 120 when the thematic one is held the same day).
func TestCheckLength(t *testing.T) {
	small := CellMinimum{Regular: 60, Combined: 80, DecisionNo: "12-QĐ/ĐU", DecisionDate: "2026-01-05"}
	reg := func(id, start, end string) Meeting {
		return Meeting{ID: id, Kind: MeetingRegular, Date: "2026-11-05", StartTime: start, EndTime: end}
	}
	them := func(id, start, end string) Meeting {
		m := reg(id, start, end)
		m.Kind = MeetingThematic
		return m
	}
	tests := map[string]struct {
		m               Meeting
		others          []Meeting
		sup             map[string]bool
		cm              CellMinimum
		minutes, min    int
		combined, short bool
		byHub           bool
	}{
		"regular long enough":           {m: reg("a", "19:30", "21:00"), minutes: 90, min: 90},
		"regular too short":             {m: reg("a", "19:30", "20:45"), minutes: 75, min: 90, short: true},
		"regular without an end time":   {m: reg("a", "19:30", ""), min: 90},
		"thematic alone has no minimum": {m: them("a", "19:30", "20:00")},
		"extraordinary has no minimum":  {m: Meeting{ID: "a", Kind: MeetingExtraordinary, Date: "2026-11-05", StartTime: "19:30", EndTime: "19:40"}},
		"combined joint session too short": {m: reg("a", "19:30", "20:30"), others: []Meeting{them("b", "20:30", "21:15")},
			minutes: 105, min: 120, combined: true, short: true},
		"combined joint session long enough": {m: them("b", "20:30", "21:30"), others: []Meeting{reg("a", "19:30", "20:30")},
			minutes: 120, min: 120, combined: true},
		"thematic another day is not combined": {m: reg("a", "19:30", "21:00"),
			others: []Meeting{{ID: "b", Kind: MeetingThematic, Date: "2026-11-06", StartTime: "19:30", EndTime: "20:00"}}, minutes: 90, min: 90},
		"superseded thematic does not count": {m: reg("a", "19:30", "21:00"), others: []Meeting{them("b", "19:30", "21:00")},
			sup: map[string]bool{"b": true}, minutes: 90, min: 90},
		"itself in the list is skipped": {m: reg("a", "19:30", "20:00"), others: []Meeting{reg("a", "19:30", "20:00")},
			minutes: 30, min: 90, short: true},
		// Hướng dẫn 42-HD/BTCTW: "Đối với chi bộ có ít đảng viên, cấp ủy có
		// thẩm quyền căn cứ vào số lượng đảng viên, loại hình chi bộ để quy
		// định cụ thể" — the hub's shorter minimum is the one that counts.
		"small cell: the hub's 60 minutes": {m: reg("a", "19:30", "20:40"), cm: small,
			minutes: 70, min: 60, byHub: true},
		"small cell: the hub's 60 minutes, 50 is short": {m: reg("a", "19:30", "20:20"), cm: small,
			minutes: 50, min: 60, short: true, byHub: true},
		"small cell: the hub's combined minimum": {m: reg("a", "19:30", "20:30"), others: []Meeting{them("b", "20:30", "21:00")},
			cm: small, minutes: 90, min: 80, combined: true, byHub: true},
		"small cell: meeting before the hub's decision": {m: Meeting{ID: "a", Kind: MeetingRegular, Date: "2025-12-01",
			StartTime: "19:30", EndTime: "20:40"}, cm: small, minutes: 70, min: 90, short: true},
		"before Hướng dẫn 42 no minimum is known": {m: Meeting{ID: "a", Kind: MeetingRegular, Date: "2025-10-27",
			StartTime: "19:30", EndTime: "19:50"}, minutes: 20},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, err := CheckLength(tc.m, tc.others, tc.sup, tc.cm)
			if err != nil {
				t.Fatal(err)
			}
			if c.Minutes != tc.minutes || c.Min != tc.min || c.Combined != tc.combined || c.Short() != tc.short || c.ByHub != tc.byHub {
				t.Errorf("got %+v short=%v, want %d/%d combined=%v short=%v", c, c.Short(), tc.minutes, tc.min, tc.combined, tc.short)
			}
			if c.Min > 0 && c.Source == "" {
				t.Error("minimum without its source")
			}
		})
	}
}

func TestShortMeetingsOnlyRecentAndOncePerSession(t *testing.T) {
	ms := []Meeting{ // newest first, as Meetings returns them
		{ID: "t", Kind: MeetingThematic, Date: "2026-11-05", StartTime: "20:00", EndTime: "20:30"},
		{ID: "r", Kind: MeetingRegular, Date: "2026-11-05", StartTime: "19:00", EndTime: "20:00"},
		{ID: "o", Kind: MeetingRegular, Date: "2026-10-03", StartTime: "19:00", EndTime: "20:00"},
		{ID: "x", Kind: MeetingRegular, Date: "2026-08-03", StartTime: "19:00", EndTime: "19:10"},
	}
	got, err := shortMeetings(ms, nil, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), CellMinimum{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Date != "2026-10-03" || got[0].Minutes != 60 || got[1].Date != "2026-11-05" || !got[1].Combined || got[1].Minutes != 90 {
		t.Errorf("short meetings %+v", got)
	}
}
