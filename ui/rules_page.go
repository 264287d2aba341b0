package ui

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
)

// rulesScreen is "Quy định áp dụng": every rule the app applies, each
// version it carries with its dates in force, and for each figure its
// value, regulation, article, the day it was signed and the clause it
// follows (or a plain "not found" where the text could not be found), and
// the holiday table year by year, decreed or provisional. The cell and the
// hub see the same page, to check the app against the paper texts.
type rulesScreen struct {
	sh   *shell
	body fyne.CanvasObject
}

func newRulesPage(sh *shell) *rulesScreen {
	r := &rulesScreen{sh: sh}
	r.body = r.build()
	return r
}

func (r *rulesScreen) view() fyne.CanvasObject { return r.body }

func (r *rulesScreen) build() fyne.CanvasObject {
	intro := wrapped("Các quy định chương trình đang áp dụng, lấy từ văn bản gốc. Mỗi quy định ghi giá trị, văn bản, điều khoản, " +
		"ngày ký, ngày áp dụng và câu trích. Quy định mới chỉ áp dụng cho việc xảy ra từ ngày có hiệu lực; việc trước đó theo quy định cũ. " +
		"Dòng «Không tìm thấy văn bản» nghĩa là chưa đối chiếu được nguyên văn: hãy so với văn bản giấy.")
	fams, err := rules.Catalog()
	if err != nil {
		return container.NewPadded(container.NewVBox(heading("Quy định áp dụng"), wrapped(message(err))))
	}
	acc := widget.NewAccordion()
	for _, f := range fams {
		for _, v := range f.Versions {
			// A short title (an accordion's titles never wrap); the full
			// period opens the version.
			acc.Append(widget.NewAccordionItem(f.Name+" — từ "+showDate(v.Effective)[6:], versionBox(v)))
		}
	}
	if cal, err := rules.LoadCalendar(); err == nil {
		acc.Append(widget.NewAccordionItem("Ngày nghỉ lễ, Tết (tính ngày làm việc)", calendarBox(cal)))
	}
	return container.NewPadded(container.NewBorder(container.NewVBox(heading("Quy định áp dụng"), intro), nil, nil, nil,
		container.NewVScroll(acc)))
}

// capitalFirst starts a sentence with a capital.
func capitalFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// periodText says when a version is in force.
func periodText(from, until string) string {
	if until == "" {
		return "áp dụng từ " + showDate(from)
	}
	return "áp dụng từ " + showDate(from) + " đến " + showDate(until)
}

// versionBox lists one version's figures, one block of text each.
func versionBox(v rules.Version) fyne.CanvasObject {
	box := container.NewVBox(subhead(capitalFirst(periodText(v.Effective, v.Until))))
	if v.Note != "" {
		box.Add(wrapped(v.Note))
	}
	for _, it := range v.Items {
		box.Add(wrapped(itemText(it)))
		box.Add(widget.NewSeparator())
	}
	return box
}

// itemText is one figure with its provenance, as several lines.
func itemText(it rules.Source) string {
	lines := []string{rules.Label(it.Key) + ": " + it.Value}
	src := "Văn bản: " + it.Source
	if it.Article != "" {
		src += ", " + it.Article
	}
	if it.Signed != "" {
		src += "; ký ngày " + showDate(it.Signed)
	}
	lines = append(lines, src+"; áp dụng từ "+showDate(it.Effective)+".")
	switch {
	case it.Quote != "":
		lines = append(lines, "Trích: «"+it.Quote+"»")
		if it.Via != "" {
			lines = append(lines, "Nguồn đọc: "+it.Via)
		}
	case it.NotFound != "":
		lines = append(lines, "Không tìm thấy văn bản: "+it.NotFound)
	}
	if it.Note != "" {
		lines = append(lines, "Ghi chú: "+it.Note)
	}
	if it.Check {
		lines = append(lines, "Cần đối chiếu lại với văn bản gốc.")
	}
	return strings.Join(lines, "\n")
}

// calendarBox lists the holiday table by year, decreed or provisional,
// with the government notices each year follows.
func calendarBox(c *rules.Calendar) fyne.CanvasObject {
	box := container.NewVBox(wrapped("Căn cứ: " + c.Source + ". " + c.Note))
	for y := c.First; y <= c.Last; y++ {
		info, _ := c.Year(y)
		lines := []string{fmt.Sprintf("Năm %d: đã công bố.", y)}
		if info.Provisional {
			lines[0] = fmt.Sprintf("Năm %d: TẠM TÍNH. %s", y, info.Reason)
		}
		var off []string
		for _, h := range c.Holidays(y) {
			off = append(off, showDate(h.Date))
		}
		lines = append(lines, "Ngày nghỉ: "+strings.Join(off, ", ")+".")
		for _, w := range c.MadeUpDays(y) {
			lines = append(lines, "Làm việc bù: "+dayText(w.Date)+".")
		}
		for _, n := range info.Notices {
			l := "• " + n.What + " — " + n.Source
			if n.Signed != "" {
				l += ", ngày " + showDate(n.Signed)
			}
			if n.Quote != "" {
				l += ": «" + n.Quote + "» (nguồn đọc: " + n.Via + ")"
			} else {
				l += ". Không tìm thấy văn bản: " + n.NotFound
			}
			lines = append(lines, l)
		}
		box.Add(wrapped(strings.Join(lines, "\n")))
		box.Add(widget.NewSeparator())
	}
	return box
}
