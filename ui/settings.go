package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/internal/buildinfo"
)

// prefTextScale is the Fyne preference that remembers the text size.
const prefTextScale = "text_scale"

// textSizes are the choices offered, smallest first. Older eyes on a
// small laptop screen are the reason this screen exists.
var textSizes = []struct {
	label string
	scale float32
}{
	{"Vừa", 1.0},
	{"Lớn", 1.2},
	{"Rất lớn", 1.45},
}

// scaledTheme is the default theme with every size (text, padding, icons)
// multiplied, so larger text keeps its proportions and still lines up.
type scaledTheme struct {
	base  fyne.Theme
	scale float32
}

func (t scaledTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}
func (t scaledTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base.Font(s) }
func (t scaledTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }
func (t scaledTheme) Size(n fyne.ThemeSizeName) float32       { return t.base.Size(n) * t.scale }

// applyTextSize sets the app's theme from the saved preference.
func applyTextSize(a fyne.App) {
	scale := float32(a.Preferences().FloatWithFallback(prefTextScale, 1))
	if scale < textSizes[0].scale || scale > textSizes[len(textSizes)-1].scale {
		scale = 1 // a hand-edited preference must not make the window unusable
	}
	a.Settings().SetTheme(scaledTheme{base: theme.DefaultTheme(), scale: scale})
}

// settingsScreen lets the user pick the text size; it applies at once.
type settingsScreen struct {
	sh    *shell
	sizes *widget.RadioGroup
	idle  *widget.RadioGroup // minutes before the window locks itself
}

func newSettings(sh *shell) *settingsScreen {
	s := &settingsScreen{sh: sh}
	labels := make([]string, len(textSizes))
	current := sh.app.Preferences().FloatWithFallback(prefTextScale, 1)
	selected := textSizes[0].label
	for i, ts := range textSizes {
		labels[i] = ts.label
		if float64(ts.scale) == current {
			selected = ts.label
		}
	}
	s.sizes = widget.NewRadioGroup(labels, s.pick)
	s.sizes.Horizontal = true
	s.sizes.SetSelected(selected)
	s.idle = newIdleChoice(sh.app)
	return s
}

// newIdleChoice offers lockChoices (idle.go) and saves the pick at once.
func newIdleChoice(a fyne.App) *widget.RadioGroup {
	label := func(m int) string { return fmt.Sprintf("%d phút", m) }
	labels := make([]string, len(lockChoices))
	for i, m := range lockChoices {
		labels[i] = label(m)
	}
	r := widget.NewRadioGroup(labels, func(picked string) {
		for _, m := range lockChoices {
			if label(m) == picked {
				a.Preferences().SetInt(prefLockMinutes, m)
			}
		}
	})
	r.Horizontal = true
	r.Required = true
	r.SetSelected(label(a.Preferences().IntWithFallback(prefLockMinutes, defaultLockMinutes)))
	return r
}

// lockCard is the passphrase's part of the settings.
func (s *settingsScreen) lockCard() fyne.CanvasObject {
	lock := widget.NewButtonWithIcon("Khóa ngay", theme.LogoutIcon(), func() {
		if working.Load() > 0 { // locking would take the key from the work halfway
			showMessage(s.sh.win, "Chưa khóa được", "Chương trình đang làm một việc (nhận hoặc gửi dữ liệu, sao lưu…). "+
				"Hãy chờ việc đó xong rồi bấm «Khóa ngay».")
			return
		}
		s.sh.lockNow()
	})
	change := widget.NewButtonWithIcon("Đổi mật khẩu", theme.AccountIcon(), func() { askChangePassphrase(s.sh) })
	return textCard("Khóa và mật khẩu", "Máy tự khóa khi không ai bấm phím hay di chuột trong:",
		container.NewVBox(s.idle, container.NewHBox(lock, change),
			wrapped("Trước khi rời máy, hãy bấm «Khóa ngay». Mở lại bằng mật khẩu; màn hình đang làm dở vẫn còn nguyên.")))
}

func (s *settingsScreen) pick(label string) {
	for _, ts := range textSizes {
		if ts.label == label {
			s.sh.app.Preferences().SetFloat(prefTextScale, float64(ts.scale))
			applyTextSize(s.sh.app)
			s.sh.fitNav()
		}
	}
}

// versionText names the release this window runs (the one its bundles
// carry), for whoever asks by phone which version a cell has.
func versionText() string {
	if buildinfo.Version == "dev" {
		return "Sổ tay Chi bộ, bản dựng thử (không phải bản phát hành)"
	}
	return "Sổ tay Chi bộ, phiên bản " + buildinfo.Version
}

func (s *settingsScreen) view() fyne.CanvasObject {
	sample := wrapped("Chữ mẫu: Chi bộ thôn Sín Chéng họp sinh hoạt thường kỳ tháng 11.")
	box := container.NewVBox(
		heading("Cài đặt"),
		textCard("Cỡ chữ", "Chọn cỡ chữ dễ đọc nhất; máy nhớ cho lần mở sau.", container.NewVBox(s.sizes, sample)),
		s.lockCard(),
		networkCard(s.sh),
		textCard("Bàn phím", "", wrapped("Phím Tab sang ô tiếp theo, Shift+Tab về ô trước, phím cách (Space) bấm nút đang chọn.")),
		textCard("Phiên bản", "", wrapped(versionText())),
	)
	if c := s.graphicsCard(); c != nil { // settings_graphics.go: Windows only
		box.Add(c)
	}
	return container.NewPadded(container.NewVScroll(box))
}
