package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

// Error kinds become Vietnamese at the UI edge only: here, through
// message, which first asks the *_errors.go files beside it (the mailbox's
// refusals in network_errors.go, the hub's decisions, the cell's reviews,
// candidates and dues, the hints of meeting and dues forms). Every
// message says what went wrong and what the secretary can do about it,
// because the person reading it is not a computer person and has nobody
// to ask in the village.

// kindMessages is checked in order with errors.Is; the first match wins.
var kindMessages = []struct {
	err error
	msg string
}{
	{store.ErrLocked, "Biên bản này đã chốt nên không sửa được nữa."},
	{store.ErrWrongPassphrase, "Mật khẩu không đúng. Hãy gõ lại; chú ý chữ hoa, chữ thường, dấu tiếng Việt và phím Caps Lock. Quên mật khẩu: bấm «Quên mật khẩu?»."},
	{store.ErrWeakPassphrase, passShort},
	{store.ErrUnprotected, "Dữ liệu trên máy này chưa có mật khẩu. Hãy khởi động lại chương trình và đặt mật khẩu trước."},
	{store.ErrRecoveryEdited, "Yêu cầu khôi phục này đã bị sửa: nó ghi tên một chi bộ, nhưng chìa khóa dự phòng bên trong là của một chi bộ khác. Không trả lời yêu cầu này; hãy báo cán bộ phụ trách."},
	{store.ErrRecoveryUnbound, "Yêu cầu khôi phục này do phiên bản chương trình cũ tạo ra và không cho biết chìa khóa bên trong là của chi bộ nào, nên cấp ủy không trả lời được (trả lời có thể mở khóa máy của người khác). Hãy báo cán bộ phụ trách."},
	{store.ErrNoEscrow, "Máy này không để lại chìa khóa dự phòng ở cấp ủy cấp trên nên không khôi phục qua cấp ủy được. Hãy dùng mã khôi phục chép trên giấy, hoặc báo cán bộ phụ trách."},
	{store.ErrStoreLocked, "Chương trình đang khóa. Hãy gõ mật khẩu để mở khóa rồi làm lại việc vừa rồi."},
	{store.ErrNotInitialized, "Thư mục dữ liệu chưa được thiết lập. Hãy khởi động lại chương trình và làm bước thiết lập."},
	{store.ErrAlreadySetUp, "Thư mục dữ liệu này đã được thiết lập rồi."},
	{store.ErrNotFound, "Không tìm thấy bản ghi này; có thể nó đã bị xóa. Hãy quay lại danh sách và mở lại."},
	{store.ErrWrongRole, "Việc này không làm được ở vai trò hiện tại của máy."},
	{bundle.ErrCopiedLaptop, "Tệp này đến từ một máy (hoặc thư mục dữ liệu) được sao chép từ máy của chi bộ: nó đánh số những thay đổi khác trùng với những thay đổi đã nhận. " +
		"Máy đã cất riêng tệp này để xem xét, không nhận gì. Chép lại tệp cũng không giúp được; hãy hỏi chi bộ máy nào là máy thật và báo cán bộ phụ trách."},
	{bundle.ErrTooLarge, "Tệp này chứa nhiều dữ liệu hơn bất kỳ sổ sách thật nào (một bản ghi quá lớn, hoặc quá nhiều bản ghi), nên máy đã từ chối có chủ ý. " +
		"Chép lại tệp cũng không giúp được; hãy báo cán bộ phụ trách và chi bộ gửi tệp."},
	{bundle.ErrInvalidBundle, "Tệp này do máy gửi tạo ra sai quy cách hoặc đã bị ai đó sửa có chủ ý (chữ ký vẫn là của máy gửi), nên máy đã từ chối. " +
		"Chép lại tệp cũng không giúp được; hãy báo cán bộ phụ trách và chi bộ gửi tệp."},
	{store.ErrFork, "Dữ liệu nhận được trùng số thứ tự nhưng khác nội dung (có thể máy của chi bộ bị sao chép). Hãy báo cán bộ phụ trách."},
	{bundle.ErrNotHubCard, "Tệp này không phải thẻ cấp ủy. Hãy chọn đúng tệp thẻ do cấp ủy cấp trên gửi."},
	{bundle.ErrTruncated, "Tệp bị thiếu (chép chưa hết). Hãy chép lại tệp từ máy chi bộ."},
	{bundle.ErrDamaged, "Tệp bị hỏng. Hãy chép lại tệp từ máy chi bộ."},
	{bundle.ErrNotForUs, "Tệp này gửi cho cấp ủy khác, máy này không mở được."},
	{bundle.ErrBadSignature, "Chữ ký của tệp không hợp lệ; tệp có thể đã bị sửa. Hãy xin chi bộ gửi lại."},
	{bundle.ErrWrongKey, "Tệp ký bằng mã khóa khác với mã khóa đã đăng ký của chi bộ. Hãy liên hệ chi bộ để kiểm tra."},
	{bundle.ErrUnknownSender, "Chi bộ gửi tệp chưa được đăng ký ở cấp ủy."},
	{bundle.ErrNewerFormat, "Tệp do phiên bản chương trình mới hơn tạo ra. Hãy cập nhật phần mềm lên phiên bản mới rồi nhận lại tệp."},
	{bundle.ErrFingerprintMismatch, "Mã khóa vừa nhập không khớp với mã khóa trong tệp. Hãy nhờ bí thư chi bộ đọc lại chậm từng nhóm rồi nhập lại; nếu vẫn khác, đừng nhận tệp này."},
	{bundle.ErrOwnKeyRevoked, "Cấp ủy cấp trên đã thu hồi mã khóa của máy này (chi bộ đã chuyển sang máy mới). Hãy gửi dữ liệu từ máy mới."},
	{bundle.ErrRevoked, "Tệp ký bằng mã khóa đã bị thu hồi (máy cũ của chi bộ). Hãy xin chi bộ gửi lại từ máy mới đã đăng ký."},
	{bundle.ErrNotBundle, "Tệp này không phải tệp dữ liệu của Sổ tay Chi bộ."},
	{bundle.ErrNotBundleName, "Không phải tệp dữ liệu của Sổ tay Chi bộ (tên không có đuôi .chibo), đã bỏ qua."},
	{bundle.ErrNotAFile, "Đây là thư mục, lối tắt hoặc thiết bị chứ không phải tệp, đã bỏ qua."},
	{bundle.ErrWrongRecipient, "Tệp này gửi cho đơn vị khác, không phải máy này."},
	{bundle.ErrNotRelayed, "Tệp chuyển tiếp này của một chi bộ chưa có trong danh sách do cấp ủy cấp dưới ký. Hãy nhận tệp danh sách (tên bắt đầu bằng «roster-») cùng USB trước."},
	{bundle.ErrNoOnward, "Chưa chọn cấp ủy cấp trên để chuyển tiếp. Hãy bấm «Chọn thẻ của cấp ủy cấp trên…» trước."},
	{store.ErrRosterConflict, "Danh sách chuyển tiếp ghi một chi bộ đã đăng ký qua đơn vị khác với mã khóa khác. Không nhận danh sách này; hãy liên hệ cấp ủy cấp dưới."},
	{store.ErrBackupKey, "Máy này không mở được bản sao lưu này (của chi bộ khác hoặc máy khác). Hãy mang tệp lên cấp ủy cấp trên để được giúp khôi phục."},
	{store.ErrNotBackup, "Tệp này không phải bản sao lưu của Sổ tay Chi bộ. Hãy chọn tệp có đuôi .chibak."},
	{store.ErrNewerBackup, "Bản sao lưu do phiên bản chương trình mới hơn tạo ra. Hãy cập nhật phần mềm rồi khôi phục lại."},
	{context.Canceled, "Đã dừng theo yêu cầu; phần chưa làm không bị thay đổi gì."},
	{store.ErrNewerData, "Dữ liệu này do phiên bản chương trình mới hơn ghi. Hãy cài phiên bản mới nhất rồi mở lại; dữ liệu vẫn còn nguyên."},
	{store.ErrDamaged, "Dữ liệu hoặc bản sao lưu bị hỏng. Hãy chọn bản sao lưu cũ hơn, hoặc mang máy lên cấp ủy cấp trên để được giúp."},
	{fs.ErrPermission, "Không có quyền đọc hoặc ghi ở chỗ này. Hãy chọn thư mục khác, hoặc kiểm tra USB có bị khóa ghi không."},
	{fs.ErrNotExist, "Không tìm thấy tệp hoặc thư mục. Hãy kiểm tra USB đã cắm chắc chưa rồi chọn lại."},
	{syscall.ENOSPC, "Ổ đĩa hoặc USB đã đầy. Hãy xóa bớt tệp hoặc dùng USB khác."},
	{store.ErrBadClock, "Tệp ghi mốc thời gian đồng bộ vượt xa mức một chi bộ có thể có (máy gửi có thể đã bị sửa). Không nhận tệp này; hãy báo cán bộ phụ trách."},
	{store.ErrInvalid, "Thông tin nhập chưa đúng. Hãy kiểm tra lại các ô rồi lưu lại."},
	{errPrintFolderShared, "Thư mục tạm để in trên máy này thuộc về một tài khoản khác hoặc ai cũng vào được, nên chưa in để khỏi lộ biên bản. Hãy báo cán bộ phụ trách kiểm tra máy."},
}

// fieldLabels names stored columns the way the forms label them.
var fieldLabels = map[string]string{
	"full_name": "Họ và tên", "other_name": "Tên gọi khác", "sex": "Giới tính", "birth_date": "Ngày sinh",
	"ethnicity": "Dân tộc", "religion": "Tôn giáo", "home_town": "Quê quán", "residence": "Nơi ở hiện nay",
	"citizen_id": "Số CCCD", "card_no": "Số thẻ đảng viên", "background_no": "Số lý lịch",
	"admission_date": "Ngày vào Đảng (quyết định kết nạp)", "ceremony_date": "Ngày lễ kết nạp", "full_date": "Ngày chính thức",
	"status": "Trạng thái", "hub_decision_date": "Ngày quyết định kết nạp", "class_date": "Ngày học lớp nhận thức",
	"cell_vote_date": "Ngày chi bộ biểu quyết",
	"education":      "Học vấn", "theory_level": "Lý luận chính trị", "occupation": "Nghề nghiệp",
	"position": "Chức vụ", "phone": "Điện thoại", "notes": "Ghi chú",
	"date": "Ngày họp", "kind": "Loại buổi sinh hoạt", "start_time": "Giờ bắt đầu", "end_time": "Giờ kết thúc",
	"votes_for": "Số tán thành", "votes_against": "Số không tán thành", "votes_abstain": "Số không biểu quyết",
	"attendance": "Điểm danh", "voters": "Số đảng viên có quyền biểu quyết", "full_voters": "Số đảng viên có quyền biểu quyết",
	"meeting_min_regular": "Sinh hoạt thường kỳ (phút)", "meeting_min_combined": "Thường kỳ kết hợp chuyên đề (phút)",
}

// csvReasons words the CSV reader's reasons.
var csvReasons = []struct {
	err error
	msg string
}{
	{store.ErrCSVNoName, "thiếu họ và tên"},
	{store.ErrCSVBadDate, "ngày không đúng, hãy viết dạng ngày/tháng/năm như 05/03/1980"},
	{store.ErrCSVBadValue, "giá trị không nằm trong danh sách cho phép"},
	{store.ErrCSVNoHeader, "dòng đầu không có cột «Họ và tên»"},
	{store.ErrCSVEmpty, "tệp không có dòng đảng viên nào"},
	{store.ErrCSVDupColumn, "cột này xuất hiện hai lần"},
	{store.ErrCSVUnreadable, "không đọc được, tệp phải là CSV (lưu từ Excel bằng «CSV UTF-8»)"},
	{store.ErrCSVNotUTF8Text, "chữ không phải mã UTF-8, hãy lưu lại từ Excel bằng «CSV UTF-8»"},
	{store.ErrCSVLineTooLong, "dòng này dài quá mức (hơn một triệu ký tự), không phải một dòng đảng viên thật; hãy kiểm tra lại tệp"},
	{store.ErrCSVNotHistory, "năm này chi bộ đã ghi sổ bằng chương trình, nên xếp loại năm này do cấp ủy cấp trên quyết định trong chương trình; tệp chỉ nhập được kết quả các năm trước đó"},
	{store.ErrXLSXUnreadable, "không đọc được tệp Excel; hãy mở bằng Excel và lưu lại dạng «Excel Workbook (.xlsx)»"},
}

// message turns any error into a Vietnamese sentence for a dialog.
func message(err error) string {
	var ce *store.CSVError
	if errors.As(err, &ce) {
		return csvMessage(ce)
	}
	if m := tooLongMessage(err); m != "" {
		return m
	}
	if m := networkMessage(err); m != "" { // network_errors.go
		return m
	}
	if m := hubDecisionMessage(err); m != "" { // hub_decisions_errors.go
		return m
	}
	if m := cellWorkMessage(err); m != "" { // review_errors.go
		return m
	}
	var fe *store.FieldError
	if errors.As(err, &fe) {
		if h := fieldHint(fe); h != "" {
			return h
		}
		name := fieldLabel(fe.Field)
		if fe.Value == "" {
			return fmt.Sprintf("Ô «%s» chưa đúng hoặc còn trống. Hãy sửa rồi lưu lại.", name)
		}
		return fmt.Sprintf("Ô «%s» có giá trị «%s» chưa đúng. Hãy sửa rồi lưu lại.", name, fe.Value)
	}
	if m := lockMessage(err); m != "" {
		return m
	}
	var pe *store.PassphraseError
	if errors.As(err, &pe) {
		return passMessage(err)
	}
	for _, k := range kindMessages {
		if errors.Is(err, k.err) {
			return k.msg
		}
	}
	return "Có lỗi chưa rõ nguyên nhân. Hãy thử lại; nếu vẫn lỗi, báo cán bộ phụ trách kèm dòng sau:\n" + err.Error()
}

// tooLongMessage words a text over its column's cap (store/entities.go),
// typed here or carried by a cell's file.
func tooLongMessage(err error) string {
	var tl *store.TooLongError
	if !errors.As(err, &tl) {
		return ""
	}
	name := "này"
	var fe *store.FieldError
	if errors.As(err, &fe) {
		name = "«" + fieldLabel(fe.Field) + "»"
	}
	return fmt.Sprintf("Ô %s dài %d ký tự, quá mức %d ký tự cho phép, nên chưa lưu gì (tệp nhận từ chi bộ thì không nhận). "+
		"Hãy rút gọn nội dung ô đó rồi làm lại.", name, tl.Len, tl.Max)
}

// lockMessage words the lock's errors that errors.Is cannot see: a
// locked store's error that crossed SQLite keeps only its text, and a
// damaged keys.json is ErrDamaged like a damaged database.
func lockMessage(err error) string {
	switch {
	case store.IsTampered(err):
		return tamperMessage(store.TamperKindOf(err))
	case store.IsLocked(err):
		return "Chương trình đang khóa. Hãy gõ mật khẩu để mở khóa rồi làm lại việc vừa rồi."
	case errors.Is(err, store.ErrDamaged) && strings.Contains(err.Error(), store.LockFile):
		return "Tệp khóa " + store.LockFile + " trong thư mục dữ liệu bị hỏng. Đừng xóa thư mục dữ liệu; hãy mang máy lên cấp ủy cấp trên " +
			"hoặc nhờ cán bộ phụ trách: xóa riêng tệp " + store.LockFile + " thì chương trình tự lấy lại bản sao của nó."
	}
	return ""
}

// tamperMessages say what was found in a data folder changed outside the
// app (store/tamper.go).
var tamperMessages = map[store.TamperKind]string{
	store.TamperPlanted: "Trong thư mục dữ liệu có dữ liệu không do chương trình ghi: có người đã thêm vào tệp chibo.db bên ngoài chương trình.",
	store.TamperMoved:   "Một thông tin đã khóa trong thư mục dữ liệu bị sửa, hoặc bị chép từ chỗ khác sang, bên ngoài chương trình.",
	store.TamperRemoved: "Sổ ghi thay đổi trong thư mục dữ liệu bị xóa mất dòng bên ngoài chương trình.",
	store.TamperAltered: "Sổ ghi thay đổi trong thư mục dữ liệu bị sửa hoặc bị đảo thứ tự bên ngoài chương trình.",
}

func tamperMessage(k store.TamperKind) string {
	what, ok := tamperMessages[k]
	if !ok {
		what = "Thư mục dữ liệu đã bị sửa bên ngoài chương trình."
	}
	return what + " Chương trình không dùng và không gửi phần dữ liệu này. Đừng gửi dữ liệu đi; hãy báo cán bộ phụ trách " +
		"và khôi phục từ bản sao lưu gần nhất (mục «Sao lưu»)."
}

// isWrongPassphrase reports a passphrase or recovery code that did not
// open the key.
func isWrongPassphrase(err error) bool { return errors.Is(err, store.ErrWrongPassphrase) }

// csvMessage points at the line and column, as the secretary will open
// the file in Excel and look for them.
func csvMessage(ce *store.CSVError) string {
	why := ce.Err.Error()
	for _, r := range csvReasons {
		if errors.Is(ce.Err, r.err) {
			why = r.msg
			break
		}
	}
	if m := cellWorkMessage(ce.Err); m != "" && why == ce.Err.Error() { // review_errors.go: candidates, ratings, date order
		why = strings.TrimSuffix(m, ".")
	}
	where := fmt.Sprintf("Dòng %d", ce.Line)
	if ce.Column != "" {
		where += ", cột " + ce.Column
	}
	if ce.Value != "" && ce.Column != ce.Value {
		why = fmt.Sprintf("«%s»: %s", ce.Value, why)
	}
	return where + ": " + why + ". Chưa lưu đảng viên nào; hãy sửa tệp rồi nhập lại."
}

// showError explains err in a dialog. The form under it keeps what was
// typed, so the user fixes one field instead of starting over.
func showError(w fyne.Window, err error) {
	showMessage(w, "Có lỗi", message(err))
}

// showMessage shows a wrapped text in a dialog with one button.
func showMessage(w fyne.Window, title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Đóng", l, w)
	d.Resize(fyne.NewSize(480, 220))
	d.Show()
}
