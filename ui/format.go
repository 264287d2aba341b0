package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// Dates are typed and shown the Vietnamese way, dd/mm/yyyy, and stored ISO.

// showDate turns "2024-03-05" (or an RFC 3339 time, in local time, since
// a UTC stamp taken at 06:00 in Vietnam is still "yesterday") into
// "05/03/2024".
func showDate(iso string) string {
	if t, err := time.Parse(time.RFC3339, iso); err == nil {
		return t.Local().Format("02/01/2006")
	}
	if len(iso) < 10 {
		return iso
	}
	t, err := time.Parse("2006-01-02", iso[:10])
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}

// parseDate reads "5/3/1980", "05/03/1980", "05-03-1980" or "05.03.1980"
// and returns "1980-03-05". Empty input is a valid empty date.
func parseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) == 3 {
		d, e1 := strconv.Atoi(parts[0])
		m, e2 := strconv.Atoi(parts[1])
		y, e3 := strconv.Atoi(parts[2])
		if e1 == nil && e2 == nil && e3 == nil && y >= 1900 && y <= 2200 {
			t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if t.Day() == d && int(t.Month()) == m {
				return t.Format("2006-01-02"), nil
			}
		}
	}
	return "", fmt.Errorf("ngày «%s» không đúng. Hãy gõ theo dạng ngày/tháng/năm, ví dụ 05/03/1980", s)
}

// selectHint is what an empty picker says, in place of Fyne's English
// "(Select one)".
const selectHint = "(bấm để chọn)"

// newSelect is a picker with the Vietnamese hint; every picker is made
// here or in labelSelect.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	setOptions(s, options)
	return s
}

// setOptions gives a picker its choices and makes it wide enough for the
// longest (padHint).
func setOptions(s *widget.Select, options []string) {
	s.Options = options
	s.PlaceHolder = padHint(selectHint, options)
	s.Refresh()
}

// padHint pads a picker's hint with spaces to the width of its longest
// choice: Fyne sizes a picker by its hint, and spaces measure in the same
// font as the choices, so the width stays right at every text size.
func padHint(hint string, options []string) string {
	size := theme.TextSize()
	longest := float32(0)
	for _, o := range options {
		longest = max(longest, fyne.MeasureText(o, size, fyne.TextStyle{}).Width)
	}
	space := fyne.MeasureText(" ", size, fyne.TextStyle{}).Width
	if gap := longest - fyne.MeasureText(hint, size, fyne.TextStyle{}).Width; gap > 0 && space > 0 {
		hint += strings.Repeat(" ", int(gap/space)+1)
	}
	return hint
}

// labelSelect is a picker over store labels preset to code.
func labelSelect(labels []store.Label, code string) *widget.Select {
	s := newSelect(store.Texts(labels), nil)
	if code != "" {
		s.SetSelected(store.LabelOf(labels, code))
	}
	return s
}

// selectedCode is the code behind a label picker ("" when nothing picked).
func selectedCode(labels []store.Label, s *widget.Select) string {
	for _, l := range labels {
		if l.Text == s.Selected {
			return l.Code
		}
	}
	return ""
}

// dateEntry is an Entry prompting for dd/mm/yyyy.
func dateEntry(iso string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("ngày/tháng/năm")
	e.SetText(showDate(iso))
	return e
}

// humanBytes writes a file size the way people read it.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d byte", n)
}

// vnd writes an amount of đồng with dots between thousands: 125.000.
func vnd(n int64) string {
	s := strconv.FormatInt(max(n, -n), 10)
	var b strings.Builder
	if n < 0 {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sized holds an entry at the width of sample text at the current text
// size, for short fields (an amount, a date) in a row of other things.
func sized(e fyne.CanvasObject, sample string) fyne.CanvasObject {
	w := textWidth(sample, fyne.TextStyle{}) + 2*theme.InnerPadding()
	return container.NewGridWrap(fyne.NewSize(w, e.MinSize().Height), e)
}
