package ui

// The settings' choice of OpenGL, on Windows where the software one ships
// beside chibo.exe (internal/startup). Automatic is right for almost every
// laptop; the other two are for a window that is blank, smeared or slow,
// and take effect at the next start, since OpenGL is chosen before the
// window exists.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chibo/internal/startup"
)

// graphicsModes are the choices offered, in order.
var graphicsModes = []struct {
	mode  startup.Mode
	label string
}{
	{startup.ModeAuto, "Tự động (nên dùng)"},
	{startup.ModeHardware, "Card màn hình của máy"},
	{startup.ModeSoftware, "Đồ họa phần mềm (chậm hơn)"},
}

// graphicsUsed says what this start uses and why, in Vietnamese.
func graphicsUsed(g startup.Graphics) string {
	what := "card màn hình của máy"
	if g.Used == startup.UsedSoftware {
		what = "đồ họa phần mềm"
	}
	why := map[startup.Reason]string{
		startup.ReasonChosen:       "vì đã chọn ở đây",
		startup.ReasonNotProbed:    "vì không kiểm tra được card màn hình",
		startup.ReasonTooOld:       "vì card màn hình của máy chưa hỗ trợ OpenGL 2.1",
		startup.ReasonFailedBefore: "vì lần trước card màn hình không mở được cửa sổ",
		startup.ReasonGood:         "card hỗ trợ OpenGL " + g.System.Version,
		startup.ReasonWorkedBefore: "card đã chạy tốt lần trước",
	}[g.Why]
	if why != "" {
		why = " (" + why + ")"
	}
	return "Lần mở này đang dùng: " + what + why + "."
}

// newGraphicsCard is the card for the data folder dir, given what this
// start uses; nil where there is no software OpenGL to choose.
func newGraphicsCard(w fyne.Window, dir string, g startup.Graphics) fyne.CanvasObject {
	if g.Fallback == "" {
		return nil
	}
	labels := make([]string, len(graphicsModes))
	selected := labels[0]
	for i, m := range graphicsModes {
		labels[i] = m.label
		if m.mode == g.Mode {
			selected = m.label
		}
	}
	note := wrapped(graphicsUsed(g))
	r := widget.NewRadioGroup(labels, nil)
	r.Required = true
	r.SetSelected(selected)
	r.OnChanged = func(picked string) {
		for _, m := range graphicsModes {
			if m.label != picked {
				continue
			}
			if err := startup.SaveMode(dir, m.mode); err != nil {
				showError(w, err)
				return
			}
			note.SetText(graphicsUsed(g) + " Lựa chọn mới áp dụng từ lần mở sau.")
		}
	}
	return textCard("Hiển thị", "Chỉ cần đổi khi cửa sổ bị trắng, nhòe hoặc quá chậm.", container.NewVBox(r, note))
}

// graphicsCard is the card for this process, nil outside the real app
// on Windows.
func (s *settingsScreen) graphicsCard() fyne.CanvasObject {
	g := startup.Current()
	if g == nil {
		return nil
	}
	return newGraphicsCard(s.sh.win, g.Dir(), g.Graphics())
}
