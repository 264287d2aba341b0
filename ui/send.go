package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// sendScreen writes everything the hub has not yet acknowledged into one
// file on a USB stick, or several above the size cap (sync/split.go).
type sendScreen struct {
	sh     *shell
	button *widget.Button
	bar    *widget.ProgressBarInfinite
	result *widget.Label
	hub    string
	// network_send.go: the same bundle through a mailbox
	netButton *widget.Button
	net       *netStatus
}

func newSend(sh *shell) *sendScreen {
	s := &sendScreen{sh: sh, bar: widget.NewProgressBarInfinite(), result: wrapped("")}
	s.bar.Stop()
	s.bar.Hide()
	s.button = widget.NewButtonWithIcon("Chọn thư mục (USB) và ghi dữ liệu", theme.UploadIcon(), s.pick)
	s.button.Importance = widget.HighImportance
	s.netButton = widget.NewButtonWithIcon("Gửi qua mạng", theme.MailSendIcon(), s.sendNet)
	s.net = newNetStatus(sh)
	s.hub = "cấp ủy cấp trên"
	if hub, err := sh.st.Hub(sh.ctx); err == nil {
		s.hub = hub.Name
	}
	return s
}

func (s *sendScreen) view() fyne.CanvasObject {
	return container.NewPadded(container.NewVScroll(container.NewVBox(
		heading("Gửi dữ liệu lên cấp trên"),
		wrapped("Cắm USB vào máy, bấm nút dưới đây và chọn USB (hoặc một thư mục trên USB). "+
			"Chương trình ghi một tệp (vài tệp nếu dữ liệu nhiều) chứa mọi thông tin nhập, sửa mà "+s.hub+" chưa báo đã nhận. "+
			"Tệp được mã hóa: chỉ "+s.hub+" mở được."),
		flow(s.button, s.netButton), s.bar, s.result, s.net.label, newAckPanel(s.sh), newCellKeyPanel(s.sh))))
}

func (s *sendScreen) pick() {
	pickFolder(s.sh.win, saveHere, s.export)
}

// export runs in the background; the file is verified by sync before the
// message says the stick can be pulled out.
func (s *sendScreen) export(dir string) {
	s.button.Disable()
	s.bar.Show()
	s.bar.Start()
	s.result.SetText("Đang ghi dữ liệu, chưa rút USB…")
	type result struct {
		out exported
		err error
	}
	background(func() result {
		out, err := exportTo(s.sh.ctx, s.sh.st, dir)
		return result{out, err}
	}, func(r result) {
		s.bar.Stop()
		s.bar.Hide()
		s.button.Enable()
		if r.err != nil {
			s.result.SetText("Chưa ghi được dữ liệu.")
			showError(s.sh.win, r.err)
			return
		}
		msg := sentMessage(r.out)
		s.result.SetText(msg)
		showMessage(s.sh.win, "Đã ghi xong", msg)
	})
}

// sentMessage tells the secretary which files to carry: one, or every
// part when the changes were too many for one file.
func sentMessage(out exported) string {
	if len(out.Parts) < 2 {
		return fmt.Sprintf("Đã ghi tệp %s (%s) vào %s. Có thể rút USB.",
			filepath.Base(out.Path), humanBytes(out.Bytes), placeName(filepath.Dir(out.Path)))
	}
	names := make([]string, len(out.Parts))
	for i, p := range out.Parts {
		names[i] = filepath.Base(p)
	}
	return fmt.Sprintf("Dữ liệu nhiều nên đã ghi thành %d tệp (%s) vào %s:\n%s\n"+
		"Mang đủ cả %d tệp lên cấp trên, thứ tự không quan trọng. Có thể rút USB.",
		len(names), humanBytes(out.Bytes), placeName(filepath.Dir(out.Path)), strings.Join(names, "\n"), len(names))
}
