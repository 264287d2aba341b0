package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
)

// "How was this counted": any deadline the app shows can be opened to see
// the day the time runs from, the rule and its clause, the days skipped
// and why, the Saturdays worked by decree, and whether the holiday table
// for those days is still provisional, so a secretary can redo the sum on
// paper and trust it or not.

// deadlineSteps words a deadline's counting, the earlier step first.
func deadlineSteps(d rules.Deadline) []string {
	var out []string
	if d.Before != nil {
		out = append(out, deadlineSteps(*d.Before)...)
	}
	if d.Unit == rules.UnitMonths { // the end of a period, not a deadline to meet
		out = append(out, fmt.Sprintf("%s: %s.", d.What, d.Due.Format("02/01/2006")))
	} else {
		out = append(out, fmt.Sprintf("%s: hạn chót %s.", d.What, d.Due.Format("02/01/2006")))
	}
	out = append(out, "• Bắt đầu: "+d.FromWhat+" "+d.From.Format("02/01/2006")+" (ngày này không tính).")
	if d.Estimated != "" {
		out = append(out, "• Lưu ý: "+d.Estimated)
	}
	out = append(out, "• Thời hạn: "+amountText(d))
	for i, r := range d.Rules {
		if i == 0 || r.Source != d.Rules[0].Source || r.Article != d.Rules[0].Article {
			out = append(out, "• Căn cứ: "+refText(r))
		}
	}
	if c := d.Count; c != nil {
		out = append(out, fmt.Sprintf("• Không tính %d ngày thứ Bảy, Chủ nhật.", c.Weekends))
		for _, h := range c.Skipped {
			out = append(out, fmt.Sprintf("• Không tính %s: %s.", dayText(h.Date), h.Name))
		}
		for _, h := range c.MadeUp {
			out = append(out, fmt.Sprintf("• Có tính %s (thứ Bảy làm việc): %s.", dayText(h.Date), h.Name))
		}
		if len(c.Provisional) > 0 {
			out = append(out, "• "+provisionalText(c.Provisional))
		}
	}
	if !d.Extended.IsZero() {
		out = append(out, "• Trường hợp đặc biệt được gia hạn một lần: đến "+d.Extended.Format("02/01/2006")+".")
	}
	return out
}

func amountText(d rules.Deadline) string {
	switch d.Unit {
	case rules.UnitWorkdays:
		return fmt.Sprintf("%d ngày làm việc.", d.Amount)
	case rules.UnitMonths:
		return fmt.Sprintf("%d tháng; tháng cuối không có ngày tương ứng thì hết vào ngày cuối tháng.", d.Amount)
	}
	return fmt.Sprintf("%d năm.", d.Amount)
}

// refText cites a rule: regulation, article, and its dates.
func refText(r rules.Source) string {
	s := r.Source
	if r.Article != "" {
		s += ", " + r.Article
	}
	if r.Signed != "" {
		s += ", ký ngày " + showDate(r.Signed)
	}
	return s + ", áp dụng từ " + showDate(r.Effective) + "."
}

func dayText(iso string) string {
	days := []string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return days[t.Weekday()] + " " + t.Format("02/01/2006")
}

// provisionalText warns that a count crosses years not yet decreed.
func provisionalText(years []int) string {
	ys := make([]string, len(years))
	for i, y := range years {
		ys[i] = fmt.Sprint(y)
	}
	return "Tạm tính: lịch nghỉ năm " + strings.Join(ys, ", ") +
		" chưa được Chính phủ công bố, hạn này có thể thay đổi khi có thông báo nghỉ lễ, Tết."
}

// deadlineMark is the short note a deadline carries in a list.
func deadlineMark(d rules.Deadline) string {
	var s []string
	if p := d.Provisional(); len(p) > 0 {
		s = append(s, "tạm tính")
	}
	for x := &d; x != nil; x = x.Before {
		if x.Estimated != "" {
			s = append(s, "ngày bắt đầu ước tính")
			break
		}
	}
	if len(s) == 0 {
		return ""
	}
	return " [" + strings.Join(s, ", ") + "]"
}

// showDeadline opens the explanation of a deadline.
func showDeadline(w fyne.Window, title string, d rules.Deadline) {
	if d.Due.IsZero() {
		showMessage(w, title, "Không tính được thời hạn: ngày bắt đầu nằm ngoài bảng ngày nghỉ lễ, Tết (2020–2035).")
		return
	}
	box := container.NewVBox()
	for _, s := range deadlineSteps(d) {
		box.Add(wrapped(s))
	}
	scroll := container.NewVScroll(box)
	dlg := dialog.NewCustom(title, "Đóng", scroll, w)
	dlg.Resize(fyne.NewSize(620, 460))
	dlg.Show()
}

// deadlineButton is a small "Cách tính" button that opens the explanation.
func deadlineButton(w fyne.Window, title string, d func() rules.Deadline) *widget.Button {
	b := widget.NewButton("Cách tính", func() { showDeadline(w, title, d()) })
	b.Importance = widget.LowImportance
	return b
}
