package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/mailbox/carrier"
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
	running *fyne.Container // the task's bar and «Dừng» while it runs (task.go)
	task    *task           // the run under way, nil between runs
	status  *widget.Label
	summary *fyne.Container
	results []imported
	trusted map[string]bool // fingerprint → confirmed (true) or declined (false) this run
	relay   *relayPanel     // hub_relay.go: carry the cells' files on to the hub above
	retried bool            // relayed bundles were imported again after a roster, this run
	skipped []string        // hub_import_skipped.go: the folder's entries that are not bundles, and why
	// network_fetch.go: "Nhận qua mạng" and what it took from the mailboxes
	netButton *widget.Button
	net       *carrier.Downloaded
	netState  *netStatus
}

func newHubImport(sh *shell) *hubImportScreen {
	h := &hubImportScreen{sh: sh, running: container.NewStack(), status: wrapped(""), summary: container.NewVBox()}
	h.button = widget.NewButtonWithIcon("Chọn thư mục (USB) và nhận dữ liệu", theme.DownloadIcon(), h.pick)
	h.button.Importance = widget.HighImportance
	h.relay = newRelayPanel(sh)
	h.netButton = widget.NewButtonWithIcon("Nhận qua mạng", theme.MailComposeIcon(), h.fetchNet)
	h.netState = newNetStatus(sh)
	return h
}

func (h *hubImportScreen) view() fyne.CanvasObject {
	top := container.NewVBox(
		heading("Nhận dữ liệu từ các chi bộ"),
		wrapped("Cắm USB có tệp của các chi bộ (đuôi .chibo), bấm nút dưới đây và chọn thư mục chứa các tệp. "+
			"Tệp đã nhận rồi sẽ được bỏ qua, không bị nhập hai lần."),
		flow(h.button, h.netButton), h.running, h.status, h.netState.label)
	return container.NewPadded(container.NewVScroll(container.NewVBox(top, h.summary, h.relay.view())))
}

func (h *hubImportScreen) pick() {
	pickFolder(h.sh.win, readHere, h.run)
}

// run imports every bundle of dir in the background with a progress bar.
func (h *hubImportScreen) run(dir string) {
	files, err := bundle.BundleFiles(dir)
	if err != nil {
		showError(h.sh.win, err)
		return
	}
	_, skipped, _ := bundle.ScanFolder(dir)
	h.skipped = skippedLines(skipped)
	if len(files) == 0 {
		showMessage(h.sh.win, "Không có tệp", "Thư mục này không có tệp dữ liệu nào (đuôi .chibo). Hãy chọn đúng thư mục trên USB.")
		return
	}
	h.net = nil
	h.begin()
	h.importFiles(files)
}

// begin starts a run: the buttons wait, the bar and «Dừng» show.
func (h *hubImportScreen) begin() {
	h.button.Disable()
	h.netButton.Disable()
	h.task = newTask(h.sh.ctx)
	h.running.Objects = []fyne.CanvasObject{h.task.row}
	h.running.Refresh()
}

// end closes a run and reports whether «Dừng» stopped it.
func (h *hubImportScreen) end() (stopped bool) {
	stopped = h.task.finish()
	h.running.Objects = nil
	h.running.Refresh()
	h.button.Enable()
	h.netButton.Enable()
	return stopped
}

// importFiles imports files (from a stick, or taken from the mailboxes)
// with a progress bar, then asks about new senders.
func (h *hubImportScreen) importFiles(files []string) {
	h.summary.RemoveAll()
	h.trusted, h.retried = map[string]bool{}, false
	h.status.SetText(fmt.Sprintf("Đang nhận %d tệp…", len(files)))
	t := h.task
	background(func() []imported {
		return importFiles(t.ctx, h.sh.st, files, nil, t.progress)
	}, func(rs []imported) {
		h.results = rs
		h.confirmFrom(0)
	})
}

// confirmFrom walks the results from i, asking about each new cell once;
// files from a cell already answered follow that answer.
func (h *hubImportScreen) confirmFrom(i int) {
	if h.task.ctx.Err() != nil { // stopped: a new cell is asked about next time
		h.finish()
		return
	}
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
	h.retryRelayed()
}

// retryRelayed imports once more the cells' bundles refused for want of
// a roster, when a roster was confirmed only after they were read.
func (h *hubImportScreen) retryRelayed() {
	var again []int
	roster := false
	for i, r := range h.results {
		roster = roster || (isRoster(r) && r.Status == statusAccepted)
		if r.Status == statusRefused && errors.Is(r.Err, bundle.ErrNotRelayed) {
			again = append(again, i)
		}
	}
	if h.retried || !roster || len(again) == 0 {
		h.finish()
		return
	}
	h.retried = true
	ctx := h.task.ctx
	background(func() []imported {
		out := make([]imported, len(again))
		for j, i := range again {
			out[j] = importOne(ctx, h.sh.st, h.results[i].File, nil)
		}
		return out
	}, func(rs []imported) {
		for j, i := range again {
			h.results[i] = rs[j]
		}
		h.finish()
	})
}

func (h *hubImportScreen) ask(i int) {
	r := h.results[i]
	title, q := "Chi bộ mới", fmt.Sprintf("%s lần đầu gửi dữ liệu.\nMã khóa: %s\nĐọc thành lời: %s\n%s\nĐúng mã khóa do chi bộ báo?", cellName(r.Sender.Name),
		r.Sender.Fingerprint, bundle.FingerprintWords(r.Sender.SignPub, r.Sender.AgeRecipient), sameNameWarning(r))
	if isRoster(r) {
		title, q = "Cấp ủy cấp dưới chuyển tiếp", fmt.Sprintf("%s lần đầu chuyển tiếp dữ liệu các chi bộ của mình.\nMã khóa: %s\nĐọc thành lời: %s\n\nĐúng mã khóa do cấp ủy đó báo?",
			r.Sender.Name, r.Sender.Fingerprint, bundle.FingerprintWords(r.Sender.SignPub, r.Sender.AgeRecipient))
	}
	d := dialog.NewConfirm(title, q, func(yes bool) {
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

// reimport imports file i again, pinning its sender now a person
// confirmed that sender's fingerprint: only that fingerprint, so a file
// swapped on the stick meanwhile enrols nobody.
func (h *hubImportScreen) reimport(i int) {
	path, fp, ctx := h.results[i].File, h.results[i].Sender.Fingerprint, h.task.ctx
	background(func() imported {
		return importOne(ctx, h.sh.st, path, []string{fp})
	}, func(r imported) {
		h.results[i] = r
		h.confirmFrom(i + 1)
	})
}

func (h *hubImportScreen) finish() {
	stopped := h.end()
	counts := map[string]int{}
	deleting := 0
	for _, r := range h.results {
		counts[r.Status]++
		if r.Status != statusStopped { // one line below says what was left
			h.summary.Add(outcomeLine(r))
		}
		if r.Status == statusAccepted && deletedText(r.Deleted) != "" {
			deleting++
		}
	}
	for _, l := range h.skipped {
		h.summary.Add(wrapped(l))
	}
	done := fmt.Sprintf("%d tệp đã nhận, %d tệp trùng, %d tệp bị từ chối.",
		counts[statusAccepted], counts[statusDuplicate], counts[statusRefused]+counts[statusDeclined]+counts[statusConfirm])
	if deleting > 0 {
		done += fmt.Sprintf("\nCHÚ Ý: %d tệp có mục chi bộ đã xóa (xem các dòng tô màu bên dưới).", deleting)
	}
	if stopped {
		h.status.SetText(stoppedText(len(h.results)-counts[statusStopped], len(h.results), "tệp", "đã đọc xong", "chưa được đọc") +
			"\nTrong số đã đọc: " + done)
	} else {
		h.status.SetText("Xong: " + done)
	}
	if h.net != nil {
		h.settleNet(stopped)
	}
}

// outcomeLine is outcomeText as a line of the summary: a refusal, and a
// bundle that deleted records, stand out.
func outcomeLine(r imported) *widget.Label {
	l := wrapped(outcomeText(r))
	switch {
	case r.Status == statusAccepted && deletedText(r.Deleted) != "":
		l.Importance = widget.WarningImportance
	case r.Status == statusRefused, r.Status == statusDeclined, r.Status == statusConfirm:
		l.Importance = widget.DangerImportance
	}
	return l
}

// outcomeText is one line of the summary. Every line starts with "•", a
// glyph every font has (the bundled font has no tick or cross, and under
// Wine the fallback font drew them as boxes): the words say the outcome.
func outcomeText(r imported) string {
	name := filepath.Base(r.File)
	from := r.Sender.Name
	if from != "" {
		from = " — " + from
	}
	switch {
	case r.Status == statusAccepted && isRoster(r):
		return fmt.Sprintf("• %s%s: Đã nhận danh sách %d chi bộ chuyển tiếp.", name, from, r.Changes)
	}
	switch r.Status {
	case statusAccepted:
		if del := deletedText(r.Deleted); del != "" {
			return fmt.Sprintf("• %s%s: Đã nhận (%s).", name, from, del)
		}
		return fmt.Sprintf("• %s%s: Đã nhận.", name, from)
	case statusDuplicate:
		return fmt.Sprintf("• %s%s: Trùng, đã có.", name, from)
	case statusDeclined, statusConfirm:
		return fmt.Sprintf("• %s%s: Chưa nhận vì mã khóa chưa được xác nhận.", name, from)
	}
	why := "không rõ lý do"
	if r.Err != nil {
		why = message(r.Err)
	}
	return fmt.Sprintf("• %s%s: Bị từ chối: %s", name, from, why)
}

// deletedKinds are the records whose deletion by a cell a clerk must see,
// in the order they are named. The other deletions are their parts (a
// deleted meeting's roll and agenda) or ordinary edits (a dues tick
// taken back).
var deletedKinds = []struct{ entity, word string }{
	{"member", "đảng viên"}, {"meeting", "buổi sinh hoạt"},
}

// deletedText says what a bundle deleted, "" when nothing a clerk must
// see: "có 2 mục chi bộ đã xóa: 1 đảng viên, 1 buổi sinh hoạt".
func deletedText(deleted map[string]int) string {
	var parts []string
	total := 0
	for _, k := range deletedKinds {
		if n := deleted[k.entity]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k.word))
			total += n
		}
	}
	if total == 0 {
		return ""
	}
	return fmt.Sprintf("có %d mục chi bộ đã xóa: %s", total, strings.Join(parts, ", "))
}

// sameNameWarning warns, before a new sender is enrolled, that an
// enrolled unit already carries its name: it may be posing as that unit.
func sameNameWarning(r imported) string {
	if len(r.NameTaken) == 0 {
		return ""
	}
	p := r.NameTaken[0]
	return fmt.Sprintf("\nCHÚ Ý: đã có một đơn vị đăng ký tên «%s» (mã khóa %s). Tệp này có thể do đơn vị khác mạo danh; "+
		"chỉ nhận khi chắc chắn đây là một chi bộ khác, mới, và mã khóa đúng như chi bộ đó báo.\n", p.Name, p.Fingerprint)
}

// cellName is "Chi bộ X" whether or not the cell typed "Chi bộ" in its name.
func cellName(name string) string {
	if strings.HasPrefix(store.Fold(name), "chi bo") {
		return name
	}
	return "Chi bộ " + name
}
