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
	h.begin()
	h.status.SetText("Đang nhận qua mạng…")
	type result struct {
		d   carrier.Downloaded
		err error
	}
	ctx := h.task.ctx
	background(func() result {
		d, err := carrier.Download(ctx, h.sh.st)
		return result{d, err}
	}, func(r result) {
		if r.err != nil || ctx.Err() != nil {
			r.d.Close()
			if h.end() { // «Dừng» while downloading: the files stay at the mailboxes
				h.status.SetText("Đã dừng theo yêu cầu: chưa nhận tệp nào; các tệp vẫn chờ ở hộp thư, lần sau nhận tiếp.")
				return
			}
			h.status.SetText("Chưa nhận được qua mạng.")
			showError(h.sh.win, r.err)
			return
		}
		if len(r.d.Files) == 0 {
			r.d.Close()
			h.end()
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
// answers the cells, after the person has seen every question. After
// «Dừng» the cells are not answered now (that is more network work);
// what was imported is still settled, and the rest waits at the mailboxes.
func (h *hubImportScreen) settleNet(stopped bool) {
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
		if stopped {
			return result{0, err}
		}
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
		if !stopped {
			h.status.SetText(h.status.Text + fmt.Sprintf("\nĐã gửi qua mạng %d tệp xác nhận và quyết định cho các chi bộ.", r.sent))
		}
	})
}
