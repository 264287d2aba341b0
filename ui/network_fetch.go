package ui

import (
	"fmt"

	"chibo/mailbox/carrier"
	bundle "chibo/sync"
)

// fetchNet is "Nhận qua mạng" on the hub's "Nhận dữ liệu": the files
// waiting at its mailboxes are taken into the data folder and imported
// exactly as a stick's are, a new cell's fingerprint asked the same way.
// Then the mailboxes hear what may be deleted, and the cells get their
// acknowledgements and decisions back.
func (h *hubImportScreen) fetchNet() {
	h.button.Disable()
	h.netButton.Disable()
	h.status.SetText("Đang nhận qua mạng…")
	type result struct {
		d   carrier.Downloaded
		err error
	}
	background(func() result {
		d, err := carrier.Download(h.sh.ctx, h.sh.st)
		return result{d, err}
	}, func(r result) {
		if r.err != nil {
			r.d.Close()
			h.button.Enable()
			h.netButton.Enable()
			h.status.SetText("Chưa nhận được qua mạng.")
			showError(h.sh.win, r.err)
			return
		}
		if len(r.d.Files) == 0 {
			r.d.Close()
			h.button.Enable()
			h.netButton.Enable()
			h.status.SetText("Không có tệp nào đang chờ ở hộp thư.")
			return
		}
		h.skipped = nil
		h.summary.RemoveAll()
		h.net = &r.d
		h.importFiles(r.d.Files)
	})
}

// settleNet tells the mailboxes what was imported (they delete it) and
// answers the cells, after the person has seen every question.
func (h *hubImportScreen) settleNet() {
	d := *h.net
	h.net = nil
	outs := make([]carrier.Outcome, len(h.results))
	for i, r := range h.results {
		st := bundle.Status(r.Status)
		if r.Status == statusDeclined { // not confirmed: it waits at the mailbox
			st = bundle.NeedsConfirmation
		}
		outs[i] = carrier.Outcome{File: r.File, Status: st, Err: r.Err}
	}
	h.netButton.Disable()
	type result struct {
		sent int
		err  error
	}
	background(func() result {
		defer d.Close()
		working.Add(1)
		defer working.Add(-1)
		_, err := carrier.Settle(h.sh.ctx, d, outs)
		rep, serr := carrier.Send(h.sh.ctx, h.sh.st)
		if err == nil {
			err = serr
		}
		carrier.Note(h.sh.ctx, h.sh.st, err)
		return result{len(rep.Sent), err}
	}, func(r result) {
		h.netButton.Enable()
		h.netState.refresh()
		if r.err != nil {
			showError(h.sh.win, r.err)
			return
		}
		h.status.SetText(h.status.Text + fmt.Sprintf("\nĐã gửi qua mạng %d tệp xác nhận và quyết định cho các chi bộ.", r.sent))
	})
}
