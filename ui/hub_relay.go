package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

// relayPanel sits on the hub's "Nhận dữ liệu" screen: a commune picks
// the province's card once, then carries its cells' files on to the
// province with one button (sync/relay_out.go).
type relayPanel struct {
	sh      *shell
	onward  *widget.Label
	pin     *widget.Button
	button  *widget.Button
	running *fyne.Container // the task's bar and «Dừng» while it runs (task.go)
	summary *widget.Label
}

// relayFiles is bundle.Relay, a variable only so the stop test can press
// «Dừng» between two files.
var relayFiles = bundle.Relay

func newRelayPanel(sh *shell) *relayPanel {
	p := &relayPanel{sh: sh, onward: wrapped(""), running: container.NewStack(), summary: wrapped("")}
	p.pin = widget.NewButtonWithIcon("Chọn thẻ của cấp ủy cấp trên…", theme.FileIcon(), p.pickCard)
	p.button = widget.NewButtonWithIcon("Chuyển tiếp dữ liệu các chi bộ lên cấp trên", theme.UploadIcon(), p.pickStick)
	p.refresh()
	return p
}

func (p *relayPanel) view() fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), heading("Chuyển tiếp lên cấp trên"),
		wrapped("Cấp ủy cấp trên (ví dụ Tỉnh ủy) có thể nhận nguyên vẹn các tệp các chi bộ đã gửi về đây. "+
			"Chọn thẻ của cấp trên một lần; sau đó mỗi lần bấm nút chuyển tiếp, chương trình ghi ra USB các tệp gốc của các chi bộ "+
			"cùng danh sách chi bộ có chữ ký của cấp ủy này."),
		p.onward, flow(p.pin, p.button), p.running, p.summary)
}

// refresh shows the pinned onward hub, and enables relaying only then.
func (p *relayPanel) refresh() {
	ps, err := p.sh.st.Onward(p.sh.ctx)
	if err != nil || len(ps) == 0 {
		p.onward.SetText("Chưa chọn cấp ủy cấp trên để chuyển tiếp.")
		p.button.Disable()
		return
	}
	p.onward.SetText(fmt.Sprintf("Cấp trên nhận chuyển tiếp: %s (mã khóa %s).", ps[0].Name, ps[0].Fingerprint))
	p.button.Enable()
}

func (p *relayPanel) pickCard() {
	pickFile(p.sh.win, []string{".json"}, p.confirmCard)
}

// confirmCard shows the card's fingerprint to compare with the one the
// province reads out, and pins the card only on "Đúng".
func (p *relayPanel) confirmCard(path string) {
	c, err := bundle.ReadCard(path)
	if err != nil {
		showError(p.sh.win, err)
		return
	}
	q := fmt.Sprintf("Thẻ của %s.\nMã khóa: %s\nĐọc thành lời: %s\n\nĐúng mã khóa do cấp trên báo?", c.Hub.Name,
		c.Hub.Fingerprint, bundle.FingerprintWords(c.Hub.SignPub, c.Hub.AgeRecipient))
	d := dialog.NewConfirm("Cấp ủy cấp trên", q, func(yes bool) {
		if !yes {
			return
		}
		if _, err := bundle.PinOnward(p.sh.ctx, p.sh.st, path, c.Hub.Fingerprint); err != nil {
			showError(p.sh.win, err)
			return
		}
		p.refresh()
		showMessage(p.sh.win, "Đã chọn cấp trên", "Từ nay thẻ cấp ủy và các tệp gửi về chi bộ ghi tên "+c.Hub.Name+
			"; tệp chi bộ gửi lên sau đó sẽ chuyển tiếp được.")
	}, p.sh.win)
	d.SetConfirmText("Đúng")
	d.SetDismissText("Không đúng")
	d.Show()
}

func (p *relayPanel) pickStick() {
	pickFolder(p.sh.win, saveHere, p.relay)
}

// relay writes the roster and the originals in the background.
func (p *relayPanel) relay(dir string) {
	p.button.Disable()
	t := newTask(p.sh.ctx)
	p.running.Objects = []fyne.CanvasObject{t.row}
	p.running.Refresh()
	p.summary.SetText("Đang ghi, chưa rút USB…")
	type result struct {
		out bundle.Relayed
		err error
	}
	background(func() result {
		out, err := relayFiles(t.ctx, p.sh.st, dir, t.progress)
		return result{out, err}
	}, func(r result) {
		stopped := t.finish()
		p.running.Objects = nil
		p.running.Refresh()
		p.button.Enable()
		if stopped && r.err != nil { // pressed after the last file, the work is whole: say so
			msg := fmt.Sprintf("Đã dừng theo yêu cầu: đã ghi %d tệp của các chi bộ vào %s; các tệp còn lại chưa ghi, dữ liệu trên máy không bị thay đổi gì. "+
				"Những tệp đã ghi vẫn mang lên cấp trên được; lần sau bấm chuyển tiếp lại sẽ ghi đủ.", r.out.Bundles, dir)
			p.summary.SetText(msg)
			showMessage(p.sh.win, "Đã dừng", msg)
			return
		}
		if r.err != nil {
			p.summary.SetText("Chưa chuyển tiếp được.")
			showError(p.sh.win, r.err)
			return
		}
		msg := relayMessage(r.out, dir)
		p.summary.SetText(msg)
		showMessage(p.sh.win, "Đã ghi xong", msg)
	})
}

func relayMessage(r bundle.Relayed, dir string) string {
	msg := fmt.Sprintf("Đã ghi %d tệp của các chi bộ và danh sách %d chi bộ (%s) vào %s. Có thể rút USB và mang lên cấp trên.",
		r.Bundles, r.Cells, humanBytes(r.Bytes), dir)
	if r.Skipped > 0 {
		msg += fmt.Sprintf("\n%d tệp cũ không chuyển tiếp được vì chi bộ gửi về trước khi chọn cấp trên (cấp trên không mở được). Lần gửi sau, mỗi chi bộ tự gửi lại toàn bộ dữ liệu cũ.", r.Skipped)
	}
	return msg
}

// isRoster tells a commune's roster from a cell's bundle in the results.
func isRoster(r imported) bool { return r.Sender.Role == store.RoleHub }
