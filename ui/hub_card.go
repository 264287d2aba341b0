package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	bundle "chibo/sync"
)

// hubCardFile is the name offered when saving the card.
const hubCardFile = "the-cap-uy.json"

// hubCardScreen saves the hub's public card, which every cell needs at
// its first start, and shows the fingerprint to read out on the phone.
type hubCardScreen struct {
	sh     *shell
	fp     string
	result *widget.Label
}

func newHubCard(sh *shell) *hubCardScreen {
	h := &hubCardScreen{sh: sh, result: wrapped("")}
	if k, err := sh.st.Keys(sh.ctx); err == nil {
		h.fp = ownFingerprint(k)
	}
	return h
}

func (h *hubCardScreen) view() fyne.CanvasObject {
	save := widget.NewButtonWithIcon("Lưu thẻ cấp ủy ra USB…", theme.DocumentSaveIcon(), h.pick)
	save.Importance = widget.HighImportance
	fp := widget.NewLabelWithStyle(h.fp, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})
	return container.NewPadded(container.NewVBox(
		heading("Thẻ cấp ủy"),
		wrapped("Mỗi chi bộ cần thẻ cấp ủy khi thiết lập chương trình lần đầu. Lưu thẻ ra USB rồi chép sang máy của chi bộ. "+
			"Khi chi bộ chọn thẻ, hãy đọc mã khóa dưới đây để chi bộ đối chiếu."),
		fitForm(widget.NewFormItem("Mã khóa", fp)),
		container.NewHBox(save), h.result))
}

func (h *hubCardScreen) pick() {
	saveAs(h.sh.win, hubCardFile, h.write) // sync writes the file itself, atomically
}

func (h *hubCardScreen) write(path string) {
	if err := bundle.WriteHubCard(h.sh.ctx, h.sh.st, path); err != nil {
		showError(h.sh.win, err)
		return
	}
	h.result.SetText("Đã lưu thẻ cấp ủy vào " + path + ".")
	showMessage(h.sh.win, "Đã lưu", "Đã lưu thẻ cấp ủy vào:\n"+path)
}
