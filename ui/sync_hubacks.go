package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	bundle "chibo/sync"
)

// hubAcksScreen writes the hub's acknowledgements, one file per enrolled
// cell, onto the stick that goes back down to the cells.
type hubAcksScreen struct {
	sh     *shell
	button *widget.Button
	result *widget.Label
}

func newHubAcks(sh *shell) *hubAcksScreen {
	h := &hubAcksScreen{sh: sh, result: wrapped("")}
	h.button = widget.NewButtonWithIcon("Chọn thư mục (USB) và ghi xác nhận", theme.UploadIcon(), h.pick)
	h.button.Importance = widget.HighImportance
	return h
}

func (h *hubAcksScreen) view() fyne.CanvasObject {
	return container.NewPadded(container.NewVBox(
		heading("Gửi xác nhận cho các chi bộ"),
		wrapped("Mỗi chi bộ nhận một tệp cho biết cấp ủy đã nhận dữ liệu đến đâu, tệp nào bị từ chối và vì sao, "+
			"phần nào còn thiếu cần gửi lại. Chi bộ nhận tệp này ở mục «Gửi cấp trên». "+
			"Tên tệp không cho biết là của chi bộ nào; mỗi tệp chỉ chi bộ được gửi mở được."),
		container.NewHBox(h.button), h.result))
}

func (h *hubAcksScreen) pick() {
	pickFolder(h.sh.win, saveHere, h.write)
}

func (h *hubAcksScreen) write(dir string) {
	done := busy(h.sh.win, "Đang ghi xác nhận, chưa rút USB…")
	type result struct {
		n   int
		err error
	}
	background(func() result {
		xs, err := bundle.ExportAcks(h.sh.ctx, h.sh.st, dir)
		return result{len(xs), err}
	}, func(r result) {
		done()
		if r.err != nil {
			h.result.SetText("Chưa ghi được xác nhận.")
			showError(h.sh.win, r.err)
			return
		}
		msg := fmt.Sprintf("Đã ghi %d tệp xác nhận vào %s. Có thể rút USB.", r.n, dir)
		h.result.SetText(msg)
		showMessage(h.sh.win, "Đã ghi xong", msg)
	})
}
