package ui

import (
	"errors"
	"fmt"

	"chibo/store"
)

// hubDecisionMessage words the refusals of the hub's decisions and of a
// hub bundle a cell will not apply; errors.go asks it before its generic
// field message.
func hubDecisionMessage(err error) string {
	switch {
	case errors.Is(err, store.ErrQuotaExceeded):
		return "Quyết định này làm số đảng viên «xuất sắc» vượt tỷ lệ cho phép trong toàn đảng bộ. " +
			"Hãy hạ mức của đồng chí khác trước, hoặc chọn mức thấp hơn."
	case errors.Is(err, store.ErrNotWaiting):
		return "Không còn đề nghị nào của chi bộ này đang chờ cấp ủy quyết định."
	case errors.Is(err, store.ErrNotHubDecision):
		return "Tệp từ cấp ủy có thay đổi ở mục chỉ chi bộ được quyết định nên không được nhận. " +
			"Hãy báo cấp ủy kiểm tra lại tệp."
	}
	var fe *store.FieldError
	if !errors.As(err, &fe) {
		return ""
	}
	switch fe.Field {
	case "decision_no":
		return "Hãy nhập số quyết định trước khi duyệt."
	case "decision_date":
		if errors.Is(err, store.ErrStageOrder) {
			return "Ngày quyết định sớm hơn ngày chi bộ biểu quyết. Hãy kiểm tra lại ngày."
		}
		return fmt.Sprintf("Ngày quyết định «%s» chưa đúng (ghi dd/mm/yyyy, không sau hôm nay).", showDate(fe.Value))
	}
	return ""
}
