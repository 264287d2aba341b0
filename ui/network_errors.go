package ui

import (
	"errors"

	"chibo/mailbox/carrier"
	"chibo/mailbox/client"
	bundle "chibo/sync"
)

// netMessages words the network carrier's refusals; message (errors.go)
// asks here first. Each says that nothing on the laptop was lost, when
// that is the worry, and what to do.
var netMessages = []struct {
	err error
	msg string
}{
	{carrier.ErrNoMailbox, "Chưa có hộp thư qua mạng. Cấp ủy cấp trên cần cài hộp thư rồi gửi xác nhận (hoặc thẻ cấp ủy mới); hoặc vào «Cài đặt» → «Hộp thư qua mạng» để thêm."},
	{bundle.ErrBadMailbox, "Địa chỉ hộp thư hoặc mã ghim chưa đúng. Địa chỉ có dạng https://máy:cổng; mã ghim có dạng sha256:… đúng như hộp thư in ra."},
	{client.ErrPin, "Máy trả lời ở địa chỉ hộp thư không phải hộp thư của cấp ủy (mã ghim không khớp), nên không gửi gì cả. Hãy báo cán bộ phụ trách."},
	{client.ErrClock, "Đồng hồ của máy lệch quá xa so với hộp thư. Hãy chỉnh lại ngày giờ của máy rồi gửi lại."},
	{client.ErrReplay, "Hộp thư từ chối vì yêu cầu bị gửi lặp lại. Hãy bấm gửi lại."},
	{client.ErrBadSignature, "Hộp thư không kiểm tra được chữ ký của máy này. Hãy báo cán bộ phụ trách."},
	{client.ErrWrongKey, "Hộp thư biết đơn vị này với mã khóa khác (máy cũ, hoặc có người giả danh). Hãy báo cán bộ phụ trách."},
	{client.ErrRevoked, "Cấp ủy cấp trên đã thu hồi mã khóa của máy này nên hộp thư không nhận. Hãy gửi từ máy mới đã đăng ký."},
	{client.ErrForbidden, "Hộp thư không cho máy này làm việc đó: mỗi máy chỉ gửi cho cấp ủy của mình và chỉ nhận thư gửi cho mình."},
	{client.ErrNotRegistered, "Cấp ủy cấp trên chưa đăng ký ở hộp thư này. Hãy nhờ cấp ủy thêm hộp thư trong «Cài đặt» trên máy của cấp ủy."},
	{client.ErrRateLimited, "Hộp thư đang bận vì máy này gửi quá nhiều yêu cầu. Chờ một lát rồi gửi lại; dữ liệu không mất."},
	{client.ErrQuota, "Hộp thư đang giữ quá nhiều tệp chờ từ máy này (hoặc chi bộ chưa được cấp trên xác nhận mã khóa). Chờ cấp trên nhận rồi gửi lại."},
	{client.ErrDiskFull, "Ổ đĩa của hộp thư đã đầy. Dữ liệu vẫn còn nguyên trên máy; hãy báo người quản lý hộp thư, hoặc gửi bằng USB."},
	{client.ErrTooLarge, "Tệp quá lớn đối với hộp thư. Hãy gửi bằng USB."},
	{client.ErrNotBundle, "Hộp thư từ chối vì tệp không phải tệp dữ liệu của Sổ tay Chi bộ."},
	{client.ErrConflict, "Hộp thư đang giữ một tệp khác cùng tên. Hãy bấm gửi lại."},
	{client.ErrHash, "Tệp bị hỏng trên đường truyền. Hãy bấm gửi lại."},
	{client.ErrNotFound, "Hộp thư không còn tệp này (có thể máy này đã nhận rồi). Hãy bấm nhận lại."},
	{client.ErrServer, "Hộp thư gặp lỗi. Hãy gửi lại sau; dữ liệu vẫn còn nguyên trên máy."},
	{client.ErrUnreachable, "Không kết nối được với hộp thư (máy chưa có mạng, hoặc hộp thư chưa chạy). Dữ liệu vẫn còn nguyên trên máy; chương trình tự gửi lại khi có mạng, hoặc hãy dùng USB."},
}

// networkMessage is the Vietnamese for a network refusal, "" for others.
func networkMessage(err error) string {
	for _, m := range netMessages {
		if errors.Is(err, m.err) {
			return m.msg
		}
	}
	return ""
}
