package ui

import (
	"errors"
	"fmt"
	"strings"

	"chibo/rules"
	"chibo/store"
)

// cellWorkMessages words the refusals of reviews, candidates and dues.
// errors.go asks cellWorkMessage before its generic field message, since
// these errors arrive wrapped in a field error.
var cellWorkMessages = []struct {
	err error
	msg string
}{
	{rules.ErrNotRated, "Đồng chí này không được xếp loại năm đó (%s). Hãy bỏ mức xếp loại."},
	{rules.ErrAboveCap, "Mức xếp loại cao hơn mức được phép (%s). Hãy chọn mức thấp hơn."},
	{rules.ErrUnknownLevel, "Mức xếp loại không có trong quy định."},
	{store.ErrVotesOverVoters, "Số phiếu nhiều hơn số đảng viên biểu quyết. Hãy kiểm tra lại số phiếu."},
	{store.ErrStageOrder, "Ngày của bước này sớm hơn bước trước. Hãy kiểm tra lại các ngày."},
	{store.ErrStageSkipped, "Chưa có ngày của bước trước. Hãy nhập các bước theo thứ tự."},
	{store.ErrVoteFailed, "Số phiếu tán thành chưa đủ (cần ít nhất hai phần ba) nên chưa thể sang bước sau."},
	{store.ErrIntroducerBad, "Người giới thiệu phải là đảng viên chính thức ít nhất 12 tháng. Hãy chọn người khác."},
	{rules.ErrTooOld, "Người này đã quá 60 tuổi vào ngày chi bộ xét; cần cấp ủy cấp tỉnh đồng ý."},
	{rules.ErrEducation, "Trình độ học vấn chưa đạt mức tối thiểu (trung học cơ sở; tiểu học ở vùng cao)."},
	{rules.ErrCertExpired, "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng đã hết hạn vào ngày chi bộ xét. Cần học lại lớp nhận thức."},
	{rules.ErrNoBirthDate, "Hãy nhập ngày sinh trước khi chi bộ xét kết nạp."},
	{store.ErrDuesMonth, "Tháng đảng phí không đúng."},
}

func cellWorkMessage(err error) string {
	var ae *rules.AgeError
	if errors.As(err, &ae) && errors.Is(err, rules.ErrTooYoung) {
		return fmt.Sprintf("Người này chưa đủ 18 tuổi vào ngày chi bộ xét; đủ tuổi từ ngày %s.", ae.Eligible.Format("02/01/2006"))
	}
	for _, m := range cellWorkMessages {
		if !errors.Is(err, m.err) {
			continue
		}
		if strings.Contains(m.msg, "%s") {
			return fmt.Sprintf(m.msg, standingReason(err, m.err))
		}
		return m.msg
	}
	return ""
}

// standingReason digs the rules' Vietnamese reason out of a rating
// refusal: "rules: member is not rated that year: <reason>: invalid input".
func standingReason(err, kind error) string {
	_, rest, ok := strings.Cut(err.Error(), kind.Error()+": ")
	if !ok {
		return "theo quy định"
	}
	return strings.TrimSuffix(rest, ": "+store.ErrInvalid.Error())
}
