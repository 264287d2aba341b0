package ui

// The passphrase lock in the window: the unlock screen shown on start and
// when the app locks itself, and the cover that hides the open screen
// while locked and gives it back exactly as it was.

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// Texts the lock shows in more than one place.
var (
	passRule = fmt.Sprintf("Mật khẩu có ít nhất %d ký tự; nên là một câu ngắn dễ nhớ, gõ tiếng Việt có dấu cũng được. "+
		"Không có mật khẩu thì không ai đọc được dữ liệu trên máy này, kể cả khi chép trộm cả thư mục.", store.MinPassphrase)
	passShort    = fmt.Sprintf("Mật khẩu phải có ít nhất %d ký tự. Hãy chọn mật khẩu dài hơn, ví dụ một câu ngắn dễ nhớ.", store.MinPassphrase)
	passMismatch = "Hai lần gõ mật khẩu không giống nhau. Hãy gõ lại cả hai ô cho giống nhau."
	// passWhy says, per store.PassphraseError reason, why a passphrase
	// is too easy to guess.
	passWhy = map[string]string{
		store.PassCommon:   "đó là một mật khẩu hay một cụm từ rất nhiều người dùng (như 12345678, matkhau, anhyeuem)",
		store.PassName:     "nó làm từ tên hoặc địa danh của chính đơn vị này, người ngoài đoán được ngay",
		store.PassSequence: "đó là một dãy liên tiếp như 12345678 hay abcdefgh",
		store.PassRepeat:   "nó chỉ lặp lại vài ký tự giống nhau",
		store.PassKeyboard: "nó đi theo một hàng phím trên bàn phím",
		store.PassDate:     "đó là một ngày tháng hoặc một năm",
		store.PassShort:    "nó quá ngắn so với những gì nó chứa",
	}
)

// passMessage words the passphrase policy's refusal in Vietnamese.
func passMessage(err error) string {
	var pe *store.PassphraseError
	if errors.As(err, &pe) {
		return "Mật khẩu này quá dễ đoán: " + passWhy[pe.Reason] + ". Người lấy được máy hoặc bản sao dữ liệu có thể cho máy tính thử " +
			"hàng triệu mật khẩu như vậy. Hãy chọn một câu ngắn của riêng mình, ví dụ ba bốn từ không liên quan đến nhau " +
			"(gõ tiếng Việt có dấu cũng được), và đừng dùng tên chi bộ, tên thôn hay ngày sinh."
	}
	if errors.Is(err, store.ErrWeakPassphrase) {
		return passShort
	}
	return message(err)
}

// unlockScreen asks for the passphrase; nothing of the data shows until
// it is right.
type unlockScreen struct {
	sh     *shell
	pass   *widget.Entry
	msg    *widget.Label
	button *widget.Button
	opened func() // what to show once unlocked
}

func newUnlock(sh *shell, opened func()) *unlockScreen {
	u := &unlockScreen{sh: sh, opened: opened, pass: widget.NewPasswordEntry(), msg: wrapped("")}
	u.pass.SetPlaceHolder("Mật khẩu")
	u.pass.OnSubmitted = func(string) { u.unlock() }
	u.button = widget.NewButtonWithIcon("Mở khóa", theme.LoginIcon(), u.unlock)
	u.button.Importance = widget.HighImportance
	u.msg.Importance = widget.DangerImportance
	return u
}

func (u *unlockScreen) view() fyne.CanvasObject {
	name := u.sh.site.Name
	if name == "" {
		name = appTitle
	}
	forgot := widget.NewButtonWithIcon("Quên mật khẩu?", theme.QuestionIcon(), func() { forgotPassphrase(u) })
	box := container.NewVBox(
		heading("Sổ tay Chi bộ đang khóa"),
		wrapped(name+"\nHãy gõ mật khẩu để mở. Máy tự khóa khi để lâu không dùng, để người khác không xem được dữ liệu."),
		u.pass, container.NewHBox(u.button), u.msg, widget.NewSeparator(), container.NewHBox(forgot))
	if u.sh.site.Role == store.RoleCell {
		answer := widget.NewButtonWithIcon("Nhập phản hồi từ cấp trên", theme.MailReplyIcon(), func() { enterAnswer(u) })
		box.Add(container.NewHBox(answer))
	}
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 420), box))
}

// unlock checks the passphrase off the UI thread: age's scrypt takes about
// a second on an old laptop, and the window must not freeze meanwhile.
func (u *unlockScreen) unlock() {
	pass := u.pass.Text
	if strings.TrimSpace(pass) == "" {
		u.msg.SetText("Hãy gõ mật khẩu vào ô trên rồi bấm «Mở khóa».")
		return
	}
	if u.button.Disabled() {
		return // Enter pressed again while the first try runs
	}
	u.button.Disable()
	u.pass.Disable() // keys typed meanwhile would be wiped with the wrong passphrase
	u.msg.SetText("Đang mở khóa…")
	st := u.sh.st
	background(func() error { return st.Unlock(pass) }, func(err error) {
		u.button.Enable()
		u.pass.Enable()
		u.pass.SetText("")
		if err != nil {
			u.msg.SetText(message(err))
			u.sh.win.Canvas().Focus(u.pass)
			return
		}
		u.msg.SetText("")
		u.opened()
	})
}

// lockedTitle says in the task bar that the window is locked (and tells
// scripts driving the real window when the unlock is done).
func lockedTitle(name string) string { return appTitle + " — " + name + " (đang khóa)" }

// showUnlock puts the unlock screen in the window at start.
func (s *shell) showUnlock(site store.Site) {
	s.site = site
	s.win.SetTitle(lockedTitle(site.Name))
	u := newUnlock(s, func() {
		s.showMain(site)
		if s.onUnlock != nil {
			s.onUnlock()
			s.onUnlock = nil
		}
	})
	s.current = u
	s.win.SetContent(u.view())
	s.win.Canvas().Focus(u.pass)
}

// covered is what the lock hid: the window's content and its open dialogs,
// put back untouched so a half-typed form is still there after unlocking.
type covered struct {
	content  fyne.CanvasObject
	overlays []fyne.CanvasObject
	focused  fyne.Focusable
	current  screen
}

// lockNow forgets the data key and covers the window with the unlock
// screen. A folder without a passphrase has nothing to lock.
func (s *shell) lockNow() {
	if s.cover != nil || !s.st.Protected() || !s.st.Unlocked() {
		return
	}
	s.autosave() // drafts.go: the half-typed form survives a crash while locked
	s.st.Lock()
	c := s.win.Canvas()
	s.cover = &covered{content: s.win.Content(), focused: c.Focused(), current: s.current}
	s.cover.overlays = append(s.cover.overlays, c.Overlays().List()...)
	for _, o := range s.cover.overlays {
		c.Overlays().Remove(o)
	}
	u := newUnlock(s, s.uncover)
	s.win.SetTitle(lockedTitle(s.site.Name))
	s.current = u
	s.win.SetContent(u.view())
	c.Focus(u.pass)
}

// uncover gives back what lockNow hid.
func (s *shell) uncover() {
	cv := s.cover
	if cv == nil {
		return
	}
	s.cover = nil
	s.win.SetTitle(appTitle + " — " + s.site.Name)
	s.current = cv.current
	s.win.SetContent(cv.content)
	for _, o := range cv.overlays {
		s.win.Canvas().Overlays().Add(o)
	}
	if cv.focused != nil {
		s.win.Canvas().Focus(cv.focused)
	}
	s.idle.touch()
}
