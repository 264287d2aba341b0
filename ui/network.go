package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/mailbox/carrier"
	"chibo/store"
	bundle "chibo/sync"
)

// The network's part of the window: the status a cell sees under "Gửi
// cấp trên" and a hub under "Nhận dữ liệu" (last successful exchange,
// what is still waiting, what stopped the last try), and the settings
// card (mailboxes, automatic sending, a hub's own LAN mailbox).

// netStatus is the status lines; it refreshes after every round.
type netStatus struct {
	sh    *shell
	label *widget.Label
}

func newNetStatus(sh *shell) *netStatus {
	s := &netStatus{sh: sh, label: wrapped("")}
	s.refresh()
	if sh.net != nil {
		sh.net.onChange(s.refresh)
	}
	return s
}

func (s *netStatus) refresh() {
	s.label.SetText(netStatusText(s.sh))
}

// netStatusText words the exchange's state for the secretary.
func netStatusText(sh *shell) string {
	st, err := carrier.ReadStatus(sh.ctx, sh.st)
	if err != nil {
		return message(err)
	}
	if !st.Configured {
		return "Chưa có hộp thư qua mạng: dữ liệu chỉ đi bằng USB."
	}
	var b strings.Builder
	if st.LastOK.IsZero() {
		b.WriteString("Chưa trao đổi qua mạng lần nào.")
	} else {
		fmt.Fprintf(&b, "Trao đổi qua mạng thành công gần nhất: %s.", st.LastOK.In(time.Local).Format("15:04 ngày 02/01/2006"))
	}
	if sh.site.Role == store.RoleCell {
		if a, err := bundle.Acks(sh.ctx, sh.st); err == nil && a.Pending > 0 {
			fmt.Fprintf(&b, "\nCòn chờ: %d thay đổi cấp trên chưa xác nhận đã nhận.", a.Pending)
		} else if err == nil {
			b.WriteString("\nKhông còn gì chờ: cấp trên đã nhận mọi thay đổi.")
		}
	}
	var lastErr error
	waiting, running := 0, false
	if sh.net != nil {
		lastErr, waiting, running = sh.net.state()
	}
	if waiting > 0 {
		fmt.Fprintf(&b, "\nCòn chờ: %d tệp của chi bộ mới, cần xác nhận mã khóa: bấm «Nhận qua mạng».", waiting)
	}
	switch {
	case running:
		b.WriteString("\nĐang trao đổi qua mạng…")
	case lastErr != nil:
		b.WriteString("\nLần thử gần nhất chưa được: " + message(lastErr))
	case st.LastError != "":
		b.WriteString("\nLần thử gần nhất chưa được (chưa có mạng hoặc hộp thư từ chối); chương trình sẽ thử lại.")
	}
	if !st.Auto {
		b.WriteString("\nTự động gửi khi có mạng đang tắt (xem «Cài đặt»).")
	}
	return b.String()
}

// networkCard is the settings' card for the mailboxes.
func networkCard(sh *shell) fyne.CanvasObject {
	list := container.NewVBox()
	var fill func()
	fill = func() {
		list.RemoveAll()
		ms, err := sh.st.Mailboxes(sh.ctx)
		if err != nil {
			list.Add(wrapped(message(err)))
			return
		}
		if len(ms) == 0 {
			list.Add(wrapped("Chưa có hộp thư nào."))
		}
		for _, m := range ms {
			list.Add(mailboxRow(sh, m, fill))
		}
	}
	fill()
	url, pin := widget.NewEntry(), widget.NewEntry()
	url.SetPlaceHolder("https://máy-chủ:8443")
	pin.SetPlaceHolder("sha256:… (mã ghim hộp thư in ra)")
	add := widget.NewButtonWithIcon("Thêm hộp thư", theme.ContentAddIcon(), nil)
	add.OnTapped = func() {
		add.Disable()
		u, p := strings.TrimSpace(url.Text), strings.TrimSpace(pin.Text)
		background(func() error { _, err := carrier.Use(sh.ctx, sh.st, u, p); return err }, func(err error) {
			add.Enable()
			if err != nil {
				showError(sh.win, err)
				return
			}
			url.SetText("")
			pin.SetText("")
			fill()
			if sh.net != nil {
				sh.net.now()
			}
		})
	}
	items := []fyne.CanvasObject{list, url, pin, container.NewHBox(add), autoCheck(sh)}
	if sh.site.Role == store.RoleHub {
		items = append(items, lanMailbox(sh, fill))
	}
	return textCard("Hộp thư qua mạng", "Khi có mạng, máy tự gửi và nhận dữ liệu qua hộp thư; USB vẫn dùng được như cũ.",
		container.NewVBox(items...))
}

func mailboxRow(sh *shell, m store.Mailbox, refill func()) fyne.CanvasObject {
	from := "đặt trên máy này"
	if m.Source == store.MailboxFromHub {
		from = "do cấp trên báo"
	}
	remove := widget.NewButtonWithIcon("Bỏ", theme.DeleteIcon(), func() {
		if err := sh.st.RemoveMailbox(sh.ctx, m.URL); err != nil {
			showError(sh.win, err)
		}
		refill()
	})
	return container.NewBorder(nil, nil, nil, remove, wrapped(m.URL+" ("+from+")"))
}

// autoCheck is "Tự động gửi khi có mạng", on unless turned off.
func autoCheck(sh *shell) fyne.CanvasObject {
	c := widget.NewCheck("Tự động gửi khi có mạng", func(on bool) {
		v := "on"
		if !on {
			v = "off"
		}
		if err := sh.st.SetMailboxSetting(sh.ctx, store.MailboxAuto, v); err != nil {
			showError(sh.win, err)
		}
	})
	if s, err := carrier.ReadStatus(sh.ctx, sh.st); err == nil {
		c.SetChecked(s.Auto)
	}
	return c
}

// lanMailbox lets a hub run a mailbox on its own laptop, for cells on
// the same Wi-Fi with no internet.
func lanMailbox(sh *shell, refill func()) fyne.CanvasObject {
	info := wrapped("Không có Internet? Máy của cấp ủy có thể làm hộp thư cho các chi bộ cùng mạng Wi-Fi (để cửa sổ mở).")
	start := widget.NewButtonWithIcon("Chạy hộp thư trên máy này", theme.MediaPlayIcon(), nil)
	start.OnTapped = func() {
		if sh.net == nil {
			return
		}
		start.Disable()
		type res struct {
			url, pin string
			err      error
		}
		background(func() res {
			r, err := sh.net.startLAN(sh.ctx)
			if err != nil {
				return res{err: err}
			}
			return res{url: r.URL, pin: r.Pin}
		}, func(r res) {
			if r.err != nil {
				start.Enable()
				showError(sh.win, r.err)
				return
			}
			info.SetText("Hộp thư đang chạy tại " + r.url + "\nMã ghim: " + r.pin +
				"\nThẻ cấp ủy và xác nhận gửi từ nay có địa chỉ này; chi bộ đã có thẻ cũ nhận được địa chỉ qua xác nhận lần tới.")
			refill()
		})
	}
	return container.NewVBox(widget.NewSeparator(), info, container.NewHBox(start))
}
