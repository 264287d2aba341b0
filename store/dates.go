package store

// Dates: stored as ISO yyyy-mm-dd, shown and typed as dd/mm/yyyy.

import (
	"strings"
	"time"
)

// ValidDate reports whether s is empty or a real yyyy-mm-dd date.
func ValidDate(s string) bool {
	if s == "" {
		return true
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// ParseDMY turns "dd/mm/yyyy" (also d/m/yyyy) into ISO; "" stays "".
func ParseDMY(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	for _, layout := range []string{"02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// FormatDMY shows an ISO date as dd/mm/yyyy.
func FormatDMY(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}

func parseISO(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}
