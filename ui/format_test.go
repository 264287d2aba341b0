package ui

import (
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	for in, want := range map[string]string{
		"05/03/1980": "1980-03-05", "5/3/1980": "1980-03-05", "05-03-1980": "1980-03-05",
		"05.03.1980": "1980-03-05", " 29/02/2024 ": "2024-02-29", "": "",
	} {
		if got, err := parseDate(in); err != nil || got != want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"31/02/1980", "29/02/2023", "1980-03-05", "5/3/80", "hôm qua", "13/13/2020"} {
		if got, err := parseDate(bad); err == nil {
			t.Errorf("parseDate(%q) = %q, want an error", bad, got)
		}
	}
	if got := showDate("1980-03-05"); got != "05/03/1980" {
		t.Errorf("showDate = %q", got)
	}
	stamp := time.Date(2026, 11, 4, 23, 30, 0, 0, time.UTC)
	if got, want := showDate(stamp.Format(time.RFC3339)), stamp.Local().Format("02/01/2006"); got != want {
		t.Errorf("showDate(RFC 3339) = %q, want %q", got, want)
	}
}
