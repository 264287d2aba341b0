package ui

import (
	"fmt"

	"chibo/mailbox/carrier"
	bundle "chibo/sync"
)

// sendNet is "Gửi qua mạng": the send screen's bundle deposited at the
// mailbox instead of written to a stick, then the hub's answers fetched;
// in the background, with the same verification as the stick's.
func (s *sendScreen) sendNet() {
	s.button.Disable()
	s.netButton.Disable()
	s.bar.Show()
	s.bar.Start()
	s.result.SetText("Đang gửi qua mạng…")
	type result struct {
		x   carrier.Exchanged
		err error
	}
	background(func() result {
		working.Add(1) // the round the background loop would do, now
		defer working.Add(-1)
		x, err := carrier.Exchange(s.sh.ctx, s.sh.st)
		return result{x, err}
	}, func(r result) {
		s.bar.Stop()
		s.bar.Hide()
		s.button.Enable()
		s.netButton.Enable()
		s.net.refresh()
		if r.err != nil && len(r.x.Sent.Sent) == 0 {
			s.result.SetText("Chưa gửi được qua mạng.")
			showError(s.sh.win, r.err)
			return
		}
		msg := netSentText(r.x, s.hub)
		s.result.SetText(msg)
		if r.err != nil {
			showError(s.sh.win, r.err)
			return
		}
		showMessage(s.sh.win, "Đã gửi qua mạng", msg)
	})
}

// netSentText tells what went and what came back.
func netSentText(x carrier.Exchanged, hub string) string {
	changes, files := 0, 0
	for _, f := range x.Sent.Sent {
		changes += f.Changes
		files++
	}
	msg := fmt.Sprintf("Không có gì mới để gửi: hộp thư đang giữ các thay đổi, chờ %s nhận.", hub)
	switch {
	case files > 0:
		msg = fmt.Sprintf("Đã gửi qua mạng %d tệp (%d thay đổi) lên %s.", files, changes, hub)
	case x.Sent.Pending == 0:
		msg = "Không có gì mới để gửi: " + hub + " đã nhận mọi thay đổi."
	}
	for _, r := range x.Fetched {
		if r.Status == bundle.Accepted && r.Kind == "ack" {
			msg += "\nĐã nhận xác nhận của " + hub + "."
			break
		}
	}
	return msg
}
