package ui

import (
	"errors"
	"fmt"
	"regexp"
	"time"

	"chibo/rules"
	"chibo/store"
)

// duesHints say what to fix for the store's refusals of a dues entry,
// keyed by the field it names; fieldHint (meeting_errors.go) asks here.
var duesHints = map[string]func(fe *store.FieldError) string{
	"dues": func(fe *store.FieldError) string {
		if isoMonthRE.MatchString(fe.Value) {
			return fmt.Sprintf("Tháng %s đã ghi «đã nộp» nên không ghi miễn được. Hãy sửa tháng đó trong sổ trước.", showMonth(fe.Value))
		}
		if errors.Is(fe.Err, store.ErrDuesRecorded) {
			return fmt.Sprintf("Đảng phí tháng này của đồng chí %s đã ghi trong «Sổ thu đảng phí» (nộp qua Cổng dịch vụ công, "+
				"được miễn hoặc ghi ở buổi khác). Hãy bỏ dấu «Nộp đảng phí» của đồng chí ở buổi này.", fe.Value)
		}
		return ""
	},
	"months": func(fe *store.FieldError) string {
		limit := "tối đa"
		if set, err := rules.DuesOn(time.Now()); err == nil {
			limit = fmt.Sprintf("tối đa %d tháng (%s)", set.ReliefMaxMonths.Value, set.ReliefMaxMonths.Cite())
		}
		return fmt.Sprintf("Mỗi lần xét miễn, giảm đảng phí chỉ %s; đã chọn %s tháng. Hãy chọn «Đến tháng» sớm hơn.", limit, fe.Value)
	},
	"reduction_pct": func(fe *store.FieldError) string {
		return fmt.Sprintf("Mức giảm %s%% không có trong quy định áp dụng cho tháng này (quy định cũ chưa có các mức giảm). "+
			"Hãy chọn tháng hoặc mức khác.", fe.Value)
	},
	"exemption": func(fe *store.FieldError) string {
		return "Lý do miễn này không có trong quy định áp dụng cho tháng đã chọn (quy định cũ chưa có lý do đó). " +
			"Hãy chọn tháng hoặc lý do khác."
	},
}

var isoMonthRE = regexp.MustCompile(`^\d{4}-\d{2}$`)

// showMonth turns "2026-03" into "03/2026".
func showMonth(iso string) string { return iso[5:] + "/" + iso[:4] }
