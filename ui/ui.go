// Package ui is the Fyne window of Sổ tay Chi bộ: the first-start setup,
// then the screens of a cell (members, meetings, sending upward) or of a
// hub (cells, receiving, the hub card).
//
// Screens hold no rules and know no file formats: they collect what the
// user typed, make one store (or sync, or report) call per action, and
// turn errors into Vietnamese with errors.go. Long work runs in a
// goroutine and comes back through bridge.go. Only main imports Fyne's
// app package, so everything here runs under the headless test driver.
package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// appTitle starts every window title.
const appTitle = "Sổ tay Chi bộ"

// screen is one page shown right of the navigation.
type screen interface {
	view() fyne.CanvasObject
}

// section is one entry of the navigation.
type section struct {
	title string
	icon  fyne.Resource
	open  func() screen
}

// shell is the window: navigation on the left, the open screen on the right.
type shell struct {
	app     fyne.App
	win     fyne.Window
	st      *store.Store
	ctx     context.Context
	site    store.Site
	nav     *widget.List
	body    *fyne.Container
	items   []section
	current screen
	idle    *idleWatch // idle.go: locks the window when left alone
	cover   *covered   // lock.go: what the lock hides, while locked
	// onUnlock runs once when the start's unlock screen opens the data
	// (the daily backup waits for the key).
	onUnlock func()
	net      *netLoop // network_loop.go: the exchange through mailboxes
}

// Start builds the main window for the data folder and shows it. It never blocks.
func Start(a fyne.App, st *store.Store) fyne.Window {
	s := newShell(a, st)
	s.win.Show()
	return s.win
}

// newShell builds the window without showing it, for Start and the tests.
func newShell(a fyne.App, st *store.Store) *shell {
	return newShellIn(a, newMainWindow(a), st)
}

// newMainWindow is the main window, empty.
func newMainWindow(a fyne.App) fyne.Window {
	w := a.NewWindow(appTitle)
	w.Resize(fyne.NewSize(1100, 720))
	return w
}

// newShellIn fills w, which may already show "opening" (launch.go).
func newShellIn(a fyne.App, w fyne.Window, st *store.Store) *shell {
	w.SetTitle(appTitle)
	s := &shell{app: a, win: w, st: st, ctx: context.Background()}
	s.idle = newIdleWatch(s)
	site, err := st.Site(s.ctx)
	switch {
	case errors.Is(err, store.ErrNotInitialized):
		setup := newSetup(s)
		s.current = setup
		w.SetContent(setup.view())
	case err != nil:
		msg := widget.NewLabel(message(err))
		msg.Wrapping = fyne.TextWrapWord
		w.SetContent(container.NewPadded(msg))
	case st.Protected() && !st.Unlocked():
		s.showUnlock(site)
	case !st.Protected():
		p := newProtect(s, site) // a folder from before the lock
		s.current = p
		w.SetContent(p.view())
	default:
		s.showMain(site)
	}
	return s
}

// showMain swaps the setup screen (or nothing) for the role's screens.
func (s *shell) showMain(site store.Site) {
	s.site = site
	s.win.SetTitle(appTitle + " — " + site.Name)
	if s.net == nil {
		s.net = newNetLoop(s)
	}
	s.items = s.sections()
	s.body = container.NewStack()
	s.nav = widget.NewList(
		func() int { return len(s.items) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Sinh hoạt chi bộ"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.items[i].icon)
			row.Objects[1].(*widget.Label).SetText(s.items[i].title)
		})
	s.nav.OnSelected = func(i widget.ListItemID) { s.show(s.items[i].open()) }
	split := container.NewHSplit(s.nav, s.body)
	split.Offset = 0.17
	s.win.SetContent(s.idle.wrap(split))
	s.nav.Select(0)
}

// sections lists the navigation for this site's role.
func (s *shell) sections() []section {
	if s.site.Role == store.RoleHub {
		return []section{
			{"Các chi bộ", theme.ListIcon(), func() screen { return newHubCells(s) }},
			{"Nhận dữ liệu", theme.DownloadIcon(), func() screen { return newHubImport(s) }},
			{"Thẻ cấp ủy", theme.AccountIcon(), func() screen { return newHubCard(s) }},
			{"Gửi xác nhận", theme.MailSendIcon(), func() screen { return newHubAcks(s) }},
			{"Khóa của chi bộ", theme.VisibilityIcon(), func() screen { return newHubKeys(s) }},
			{"Quyết định", theme.ConfirmIcon(), func() screen { return newHubDecisions(s) }},
			{"Xung đột dữ liệu", theme.WarningIcon(), func() screen { return newConflicts(s) }},
			{"Số liệu tổng hợp", theme.GridIcon(), func() screen { return newHubDashboard(s) }},
			{"Quy định áp dụng", theme.InfoIcon(), func() screen { return newRulesPage(s) }},
			{"Sao lưu", theme.StorageIcon(), func() screen { return newBackup(s) }},
			{"Cài đặt", theme.SettingsIcon(), func() screen { return newSettings(s) }},
			{"Hướng dẫn", theme.HelpIcon(), func() screen { return newHelp(s) }},
		}
	}
	return []section{
		{"Tổng quan", theme.HomeIcon(), func() screen { return newOverview(s) }},
		{"Đảng viên", theme.AccountIcon(), func() screen { return newMembers(s) }},
		{"Sinh hoạt chi bộ", theme.CalendarIcon(), func() screen { return newMeetings(s) }},
		{"Gửi cấp trên", theme.UploadIcon(), func() screen { return newSend(s) }},
		{"Xung đột dữ liệu", theme.WarningIcon(), func() screen { return newConflicts(s) }},
		{"Việc cần làm", theme.ListIcon(), func() screen { return newTodo(s) }},
		{"Kiểm điểm cuối năm", theme.DocumentIcon(), func() screen { return newReview(s) }},
		{"Phát triển đảng viên", theme.ContentAddIcon(), func() screen { return newCandidates(s) }},
		{"Đảng phí", theme.FileIcon(), func() screen { return newDues(s) }},
		{"Quy định áp dụng", theme.InfoIcon(), func() screen { return newRulesPage(s) }},
		{"Sao lưu", theme.StorageIcon(), func() screen { return newBackup(s) }},
		{"Cài đặt", theme.SettingsIcon(), func() screen { return newSettings(s) }},
		{"Hướng dẫn", theme.HelpIcon(), func() screen { return newHelp(s) }},
	}
}

// show puts sc right of the navigation.
func (s *shell) show(sc screen) {
	s.current = sc
	s.body.Objects = []fyne.CanvasObject{sc.view()}
	s.body.Refresh()
}

// heading is a screen's title line.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// wrapped is a label that wraps, for explanations.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
