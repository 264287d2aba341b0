package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// The reminders beyond deadlines and meetings (todo.go): drafts, dues,
// the year-end review, sending, conflicts.

// draftReminders are the forms left half-typed.
func draftReminders(sh *shell, _ time.Time) ([]reminder, error) {
	ds, err := sh.st.Drafts(sh.ctx)
	if err != nil {
		return nil, err
	}
	out := make([]reminder, 0, len(ds))
	for _, d := range ds {
		key := d.Key
		out = append(out, reminder{text: "Đang sửa dở, chưa lưu: " + draftLine(d) + ".", level: widget.WarningImportance,
			action: "Mở lại", open: func() { sh.reopen(key) }})
	}
	return out, nil
}

// duesReminders are the year's months not recorded and the members
// recorded as not paying for the rules' number of months.
func duesReminders(sh *shell, today time.Time) ([]reminder, error) {
	lines, err := sh.st.DuesYear(sh.ctx, today.Year(), today)
	if err != nil {
		return nil, err
	}
	open := func() { sh.goSection(sectionDues) }
	var out []reminder
	months, members := 0, 0
	for _, l := range lines {
		if l.Warn {
			out = append(out, reminder{text: fmt.Sprintf("Đồng chí %s đã %d tháng không nộp đảng phí, không có lý do: "+
				"chi bộ xem xét, đề nghị xóa tên.", l.Member.FullName, l.Unpaid), level: widget.DangerImportance,
				action: "Mở sổ đảng phí", open: open})
		}
		if l.Unrecorded > 0 {
			months, members = months+l.Unrecorded, members+1
		}
	}
	if months > 0 {
		out = append(out, reminder{text: fmt.Sprintf("Sổ đảng phí năm %d còn %d tháng chưa ghi (%d đồng chí).", today.Year(), months, members),
			action: "Ghi đảng phí", open: open})
	}
	return out, nil
}

// reviewReminders: from November, the year's review until every member
// who is reviewed has the cell's proposal.
func reviewReminders(sh *shell, today time.Time) ([]reminder, error) {
	if today.Month() < time.November {
		return nil, nil
	}
	year := store.ReviewYear(today)
	sheet, err := sh.st.ReviewSheet(sh.ctx, year)
	if err != nil {
		return nil, err
	}
	left := 0
	for _, r := range sheet.Rows {
		if r.Standing.Reviewed && r.Review.CellLevel == "" && r.Standing.Rated {
			left++
		}
	}
	if left == 0 && sheet.Cell.CellLevel != "" {
		return nil, nil
	}
	text := fmt.Sprintf("Kiểm điểm, xếp loại cuối năm %d: còn %d đồng chí chưa có mức chi bộ đề nghị.", year, left)
	if left == 0 {
		text = fmt.Sprintf("Kiểm điểm cuối năm %d: chi bộ chưa tự đánh giá, xếp loại.", year)
	}
	return []reminder{{text: text, action: "Mở kiểm điểm", open: func() { sh.goSection(sectionReview) }}}, nil
}

// sendReminders: data the hub has not received yet.
func sendReminders(sh *shell, _ time.Time) ([]reminder, error) {
	a, err := sh.st.Acks(sh.ctx)
	if err != nil || a.Pending == 0 {
		return nil, err
	}
	text := "Có dữ liệu mới chưa gửi lên cấp trên."
	if a.At != "" {
		text = fmt.Sprintf("Có dữ liệu mới từ sau lần cấp trên báo đã nhận (%s), chưa gửi.", showDate(a.At))
	}
	return []reminder{{text: text, action: "Gửi cấp trên", open: func() { sh.goSection(sectionSend) }}}, nil
}

// conflictReminders: edits that met on two laptops.
func conflictReminders(sh *shell, _ time.Time) ([]reminder, error) {
	cs, err := sh.st.Conflicts(sh.ctx, false)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	return []reminder{{text: fmt.Sprintf("Có %d thông tin được sửa khác nhau trên hai máy, cần chọn giữ bên nào.", len(cs)),
		level: widget.WarningImportance, action: "Xem và chọn", open: func() { sh.goSection(sectionConflicts) }}}, nil
}
