package ui

import (
	"fmt"

	"chibo/store"
)

// meetingHints say what to fix for the store's refusals of a meeting,
// keyed by the field the store names. errors.go consults them first.
var meetingHints = map[string]func(v string) string{
	"chair": func(v string) string {
		if v == "" {
			return "Chưa có người chủ trì. Hãy chọn người chủ trì rồi thử lại."
		}
		return fmt.Sprintf("Người chủ trì «%s» không có mặt trong danh sách điểm danh. "+
			"Hãy chọn người chủ trì là đảng viên có mặt, hoặc sửa điểm danh.", v)
	},
	"minute_taker": func(string) string {
		return "Chưa có thư ký ghi biên bản. Hãy chọn thư ký ở ô «Thư ký» rồi chốt lại."
	},
	"votes_for": func(v string) string {
		return fmt.Sprintf("Số phiếu biểu quyết nghị quyết (%s) nhiều hơn số đảng viên có quyền biểu quyết. "+
			"Hãy kiểm tra lại số phiếu và điểm danh (đảng viên dự bị, vắng có lý do, miễn sinh hoạt vắng mặt không biểu quyết).", v)
	},
	"vote_extra": func(v string) string {
		return fmt.Sprintf("Số phiếu biểu quyết «%s» nhiều hơn số đảng viên có quyền biểu quyết. Hãy kiểm tra lại.", v)
	},
	"end_time": func(v string) string {
		return fmt.Sprintf("Giờ kết thúc «%s» sớm hơn giờ bắt đầu. Hãy sửa giờ kết thúc (dạng 21:30).", v)
	},
	"task_assignee": func(string) string {
		return "Người được giao nhiệm vụ không còn trong danh sách đảng viên. Hãy chọn lại người thực hiện."
	},
	"score": func(v string) string {
		return fmt.Sprintf("Điểm «%s» vượt quá điểm tối đa của tiêu chí. Hãy sửa lại.", v)
	},
}

// fieldHint is the meeting-specific message for fe, or "".
func fieldHint(fe *store.FieldError) string {
	if h, ok := meetingHints[fe.Field]; ok {
		return h(fe.Value)
	}
	if h, ok := duesHints[fe.Field]; ok { // dues_errors.go
		return h(fe)
	}
	return ""
}
