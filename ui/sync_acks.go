package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	bundle "chibo/sync"
)

// ackPanel is the cell's half of the acknowledgements on the send screen:
// what the hub has confirmed receiving, and a button to read the hub's
// acknowledgement files from a stick.
type ackPanel struct {
	sh     *shell
	status *widget.Label
	button *widget.Button
}

// newAckPanel is what the send screen shows under its export button.
func newAckPanel(sh *shell) fyne.CanvasObject {
	p := makeAckPanel(sh)
	return container.NewVBox(widget.NewSeparator(), p.status, container.NewHBox(p.button))
}

func makeAckPanel(sh *shell) *ackPanel {
	p := &ackPanel{sh: sh, status: wrapped("")}
	p.button = widget.NewButtonWithIcon("Nhận xác nhận của cấp trên (từ USB)", theme.DownloadIcon(), p.pick)
	p.refresh()
	return p
}

// ackText words the hub's newest acknowledgement for the secretary.
func ackText(a bundle.AckInfo) string {
	var b strings.Builder
	if a.At.IsZero() {
		b.WriteString("Cấp trên chưa gửi xác nhận đã nhận dữ liệu.")
	} else {
		fmt.Fprintf(&b, "Ngày %s cấp trên báo đã nhận dữ liệu.", a.At.In(time.Local).Format("02/01/2006"))
	}
	switch {
	case a.Pending > 0 && a.At.IsZero():
		b.WriteString(" Có dữ liệu chưa gửi: lần gửi tới sẽ mang theo.")
	case a.Pending > 0:
		b.WriteString(" Có dữ liệu nhập, sửa từ sau đó chưa gửi: lần gửi tới sẽ mang theo.")
	default:
		b.WriteString(" Cấp trên đã nhận hết dữ liệu.")
	}
	if len(a.Resend) > 0 {
		b.WriteString("\nCấp trên báo còn thiếu một phần dữ liệu đã gửi trước đây: hãy ghi dữ liệu ra USB và gửi lại.")
	}
	if n := len(a.Refused); n > 0 {
		fmt.Fprintf(&b, "\nCấp trên đã từ chối %d tệp (lần gần nhất ngày %s). Hãy ghi dữ liệu và gửi lại; nếu vẫn bị từ chối, báo cán bộ phụ trách.",
			n, showDate(a.Refused[n-1].At))
	}
	return b.String()
}

func (p *ackPanel) refresh() {
	a, err := bundle.Acks(p.sh.ctx, p.sh.st)
	if err != nil {
		p.status.SetText(message(err))
		return
	}
	p.status.SetText(ackText(a))
}

func (p *ackPanel) pick() {
	pickFolder(p.sh.win, readHere, p.read)
}

// read imports every acknowledgement in dir. Files meant for other cells
// on a shared stick are skipped quietly: they are not refusals.
func (p *ackPanel) read(dir string) {
	files, err := bundle.BundleFiles(dir)
	if err != nil {
		showError(p.sh.win, err)
		return
	}
	t := newTask(p.sh.ctx)
	t.show(p.sh.win, "Đang đọc xác nhận…")
	background(func() []imported {
		return importFiles(t.ctx, p.sh.st, files, nil, t.progress)
	}, func(rs []imported) {
		stopped := t.finish()
		got, left := 0, 0
		for _, r := range rs {
			switch r.Status {
			case statusAccepted, statusDuplicate:
				got++
			case statusStopped:
				left++
			}
		}
		p.refresh()
		if stopped {
			showMessage(p.sh.win, "Đã dừng", stoppedText(len(rs)-left, len(rs), "tệp", "đã đọc xong", "chưa được đọc")+
				"\n\n"+p.status.Text)
			return
		}
		if got == 0 {
			showMessage(p.sh.win, "Chưa có xác nhận", "Thư mục này không có tệp xác nhận nào của cấp trên gửi cho chi bộ.")
			return
		}
		showMessage(p.sh.win, "Đã nhận xác nhận", p.status.Text)
	})
}
