package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

// statusDeclined marks a first bundle whose fingerprint the user did not
// confirm; it is a UI outcome, sync never returns it.
const statusDeclined = "declined"

// hubImportScreen reads every bundle in a folder (a USB stick), asks a
// person to confirm each new cell's fingerprint, and lists the outcome
// per file.
type hubImportScreen struct {
	sh      *shell
	button  *widget.Button
	bar     *widget.ProgressBar
	status  *widget.Label
	summary *fyne.Container
	results []imported
	trusted map[string]bool // fingerprint → confirmed (true) or declined (false) this run
}

func newHubImport(sh *shell) *hubImportScreen {
	h := &hubImportScreen{sh: sh, bar: widget.NewProgressBar(), status: wrapped(""), summary: container.NewVBox()}
	h.bar.Hide()
	h.button = widget.NewButtonWithIcon("Chọn thư mục (USB) và nhận dữ liệu", theme.DownloadIcon(), h.pick)
	h.button.Importance = widget.HighImportance
	return h
}

func (h *hubImportScreen) view() fyne.CanvasObject {
	top := container.NewVBox(
		heading("Nhận dữ liệu từ các chi bộ"),
		wrapped("Cắm USB có tệp của các chi bộ (đuôi .chibo), bấm nút dưới đây và chọn thư mục chứa các tệp. "+
			"Tệp đã nhận rồi sẽ được bỏ qua, không bị nhập hai lần."),
		container.NewHBox(h.button), h.bar, h.status)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(h.summary)))
}

func (h *hubImportScreen) pick() {
	pickFolder(h.sh.win, h.run)
}

// run imports every bundle of dir in the background with a progress bar.
func (h *hubImportScreen) run(dir string) {
	files, err := bundles.BundleFiles(dir)
	if err != nil {
		showError(h.sh.win, err)
		return
	}
	if len(files) == 0 {
		showMessage(h.sh.win, "Không có tệp", "Thư mục này không có tệp dữ liệu nào (đuôi .chibo). Hãy chọn đúng thư mục trên USB.")
		return
	}
	h.button.Disable()
	h.summary.RemoveAll()
	h.trusted = map[string]bool{}
	h.bar.SetValue(0)
	h.bar.Show()
	h.status.SetText(fmt.Sprintf("Đang nhận %d tệp…", len(files)))
	progress := func(done, total int) {
		onUI(func() { h.bar.SetValue(float64(done) / float64(max(total, 1))) })
	}
	background(func() []imported {
		return bundles.ImportFiles(h.sh.ctx, h.sh.st, files, false, progress)
	}, func(rs []imported) {
		h.results = rs
		h.confirmFrom(0)
	})
}

// confirmFrom walks the results from i, asking about each new cell once;
// files from a cell already answered follow that answer.
func (h *hubImportScreen) confirmFrom(i int) {
	for ; i < len(h.results); i++ {
		r := h.results[i]
		if r.Status != statusConfirm {
			continue
		}
		fp := r.Sender.Fingerprint
		if ok, seen := h.trusted[fp]; seen {
			if ok {
				h.reimport(i)
			} else {
				h.results[i].Status = statusDeclined
				continue
			}
			return
		}
		h.ask(i)
		return
	}
	h.finish()
}

func (h *hubImportScreen) ask(i int) {
	r := h.results[i]
	q := fmt.Sprintf("%s lần đầu gửi dữ liệu.\nMã khóa: %s\nĐọc thành lời: %s\n\nĐúng mã khóa do chi bộ báo?", cellName(r.Sender.Name),
		r.Sender.Fingerprint, bundle.FingerprintWords(r.Sender.SignPub, r.Sender.AgeRecipient))
	d := dialog.NewConfirm("Chi bộ mới", q, func(yes bool) {
		h.trusted[r.Sender.Fingerprint] = yes
		if !yes {
			h.results[i].Status = statusDeclined
			h.confirmFrom(i + 1)
			return
		}
		h.reimport(i)
	}, h.sh.win)
	d.SetConfirmText("Đúng, nhận dữ liệu")
	d.SetDismissText("Không đúng")
	d.Show()
}

// reimport imports file i again, pinning the sender now a person confirmed it.
func (h *hubImportScreen) reimport(i int) {
	path := h.results[i].File
	background(func() imported {
		return bundles.Import(h.sh.ctx, h.sh.st, path, true)
	}, func(r imported) {
		h.results[i] = r
		h.confirmFrom(i + 1)
	})
}

func (h *hubImportScreen) finish() {
	h.bar.SetValue(1)
	h.bar.Hide()
	h.button.Enable()
	counts := map[string]int{}
	for _, r := range h.results {
		counts[r.Status]++
		h.summary.Add(wrapped(outcomeText(r)))
	}
	h.status.SetText(fmt.Sprintf("Xong: %d tệp đã nhận, %d tệp trùng, %d tệp bị từ chối.",
		counts[statusAccepted], counts[statusDuplicate], counts[statusRefused]+counts[statusDeclined]+counts[statusConfirm]))
}

// outcomeText is one line of the summary.
func outcomeText(r imported) string {
	name := filepath.Base(r.File)
	from := r.Sender.Name
	if from != "" {
		from = " — " + from
	}
	switch r.Status {
	case statusAccepted:
		return fmt.Sprintf("✔ %s%s: Đã nhận (%d thay đổi).", name, from, r.Changes)
	case statusDuplicate:
		return fmt.Sprintf("• %s%s: Trùng, đã có.", name, from)
	case statusDeclined, statusConfirm:
		return fmt.Sprintf("✘ %s%s: Chưa nhận vì mã khóa chưa được xác nhận.", name, from)
	}
	why := "không rõ lý do"
	if r.Err != nil {
		why = message(r.Err)
	}
	return fmt.Sprintf("✘ %s%s: Bị từ chối: %s", name, from, why)
}

// cellName is "Chi bộ X" whether or not the cell typed "Chi bộ" in its name.
func cellName(name string) string {
	if strings.HasPrefix(store.Fold(name), "chi bo") {
		return name
	}
	return "Chi bộ " + name
}
