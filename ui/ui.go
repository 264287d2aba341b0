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
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
	ctx     context.Context    // cancelled when the window closes; long tasks derive from it (task.go)
	cancel  context.CancelFunc // closes ctx
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
	form     *formState        // drafts.go: the open form, nil for other screens
	section  int               // the navigation entry shown
	quietNav bool              // the navigation is being put back, not chosen
	closeWin func()            // closes the window once a form may be left; tests watch it
	navWidth *canvas.Rectangle // holds the navigation as wide as its longest entry
	net      *netLoop          // network_loop.go: the exchange through mailboxes
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

// newMainWindow is the main window, empty, at its remembered size
// (window_size.go).
func newMainWindow(a fyne.App) fyne.Window {
	w := a.NewWindow(appTitle)
	w.Resize(startSize(a.Preferences()))
	return w
}

// newShellIn fills w, which may already show "opening" (launch.go).
func newShellIn(a fyne.App, w fyne.Window, st *store.Store) *shell {
	w.SetTitle(appTitle)
	ctx, cancel := context.WithCancel(context.Background())
	s := &shell{app: a, win: w, st: st, ctx: ctx, cancel: cancel, closeWin: w.Close}
	s.idle = newIdleWatch(s)
	w.SetCloseIntercept(s.closeRequested) // drafts.go: a form with changes asks first
	w.SetOnClosed(cancel)
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
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.items[i].icon)
			row.Objects[1].(*widget.Label).SetText(s.items[i].title)
		})
	s.nav.OnSelected = func(i widget.ListItemID) {
		if s.quietNav {
			return
		}
		prev := s.section
		s.leave(func() {
			s.section = i
			s.display(s.items[i].open())
		}, func() { s.selectQuietly(prev) })
	}
	s.navWidth = canvas.NewRectangle(color.Transparent)
	split := container.NewHSplit(container.NewStack(s.navWidth, s.nav), s.body)
	split.Offset = 0 // as narrow as the longest entry allows (fitNav)
	s.fitNav()
	s.win.SetContent(s.idle.wrap(split))
	s.nav.Select(0)
	s.offerDrafts() // drafts_open.go: what a crash or a closed window left
}

// fitNav makes the navigation as wide as its longest entry at the current
// text size, so no entry is ever cut; the screens get the rest.
func (s *shell) fitNav() {
	if s.navWidth == nil {
		return
	}
	w := float32(0)
	for _, it := range s.items {
		w = max(w, textWidth(it.title, fyne.TextStyle{}))
	}
	w += theme.IconInlineSize() + 2*theme.Padding() + 2*theme.InnerPadding()
	if s.navWidth.MinSize().Width != w {
		s.navWidth.SetMinSize(fyne.NewSize(w, 0))
		s.nav.Refresh() // its rows take the new text size too
	}
}

// selectQuietly marks navigation entry i without opening it.
func (s *shell) selectQuietly(i int) {
	s.quietNav = true
	defer func() { s.quietNav = false }()
	s.section = i
	s.nav.Select(i)
}

// sections lists the navigation for this site's role. «Xung đột dữ liệu»
// is there, with its count, only while there are conflicts to settle.
func (s *shell) sections() []section {
	var conflicts []section
	if cs, err := s.st.Conflicts(s.ctx, false); err == nil && len(cs) > 0 {
		conflicts = []section{{fmt.Sprintf("%s (%d)", sectionConflicts, len(cs)), theme.WarningIcon(), func() screen { return newConflicts(s) }}}
	}
	with := func(before []section, after ...section) []section {
		return append(append(before, conflicts...), after...)
	}
	if s.site.Role == store.RoleHub {
		return with([]section{
			{"Các chi bộ", theme.ListIcon(), func() screen { return newHubCells(s) }},
			{"Nhận dữ liệu", theme.DownloadIcon(), func() screen { return newHubImport(s) }},
			{"Thẻ cấp ủy", theme.AccountIcon(), func() screen { return newHubCard(s) }},
			{"Gửi xác nhận", theme.MailSendIcon(), func() screen { return newHubAcks(s) }},
			{"Khóa của chi bộ", theme.VisibilityIcon(), func() screen { return newHubKeys(s) }},
			{"Quyết định", theme.ConfirmIcon(), func() screen { return newHubDecisions(s) }},
		},
			section{"Số liệu tổng hợp", theme.GridIcon(), func() screen { return newHubDashboard(s) }},
			section{"Quy định áp dụng", theme.InfoIcon(), func() screen { return newRulesPage(s) }},
			section{"Sao lưu", theme.StorageIcon(), func() screen { return newBackup(s) }},
			section{"Cài đặt", theme.SettingsIcon(), func() screen { return newSettings(s) }},
			section{"Hướng dẫn", theme.HelpIcon(), func() screen { return newHelp(s) }},
		)
	}
	return with([]section{
		{"Tổng quan", theme.HomeIcon(), func() screen { return newOverview(s) }},
		{sectionMembers, theme.AccountIcon(), func() screen { return newMembers(s) }},
		{sectionMeetings, theme.CalendarIcon(), func() screen { return newMeetings(s) }},
		{sectionSend, theme.UploadIcon(), func() screen { return newSend(s) }},
	},
		section{sectionReview, theme.DocumentIcon(), func() screen { return newReview(s) }},
		section{sectionCandidates, theme.ContentAddIcon(), func() screen { return newCandidates(s) }},
		section{sectionDues, theme.FileIcon(), func() screen { return newDues(s) }},
		section{"Quy định áp dụng", theme.InfoIcon(), func() screen { return newRulesPage(s) }},
		section{"Sao lưu", theme.StorageIcon(), func() screen { return newBackup(s) }},
		section{"Cài đặt", theme.SettingsIcon(), func() screen { return newSettings(s) }},
		section{"Hướng dẫn", theme.HelpIcon(), func() screen { return newHelp(s) }},
	)
}

// sectionKey is a navigation title without its count.
func sectionKey(title string) string {
	if i := strings.LastIndex(title, " ("); i > 0 && strings.HasSuffix(title, ")") {
		return title[:i]
	}
	return title
}

// syncSections rebuilds the navigation (a conflict appeared or was
// settled) and keeps the entry shown marked.
func (s *shell) syncSections() {
	if s.nav == nil {
		return
	}
	cur := ""
	if s.section < len(s.items) {
		cur = sectionKey(s.items[s.section].title)
	}
	s.items = s.sections()
	for i, it := range s.items {
		if sectionKey(it.title) == cur {
			s.selectQuietly(i)
		}
	}
	s.nav.Refresh()
}

// show puts sc right of the navigation, once the form open before may be
// left (drafts.go).
func (s *shell) show(sc screen) {
	s.leave(func() { s.display(sc) }, nil)
}

// back returns from a form to the screen it came from, reloading that
// screen once the form may be left (after a «Lưu» in the question, the
// list shows what was just saved).
func (s *shell) back(to screen, reload func()) {
	s.leave(func() {
		reload()
		s.display(to)
	}, nil)
}

// display puts sc right of the navigation; a form gets its draft back.
func (s *shell) display(sc screen) {
	s.current, s.form = sc, nil
	v := sc.view()
	if f, ok := sc.(draftable); ok {
		if note := s.startForm(f); note != nil {
			v = container.NewBorder(container.NewPadded(note), nil, nil, nil, v)
		}
	}
	s.body.Objects = []fyne.CanvasObject{v}
	s.syncSections()
	s.fitNav()
	s.body.Refresh()
}

// heading is a screen's title line.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// titleBar is a screen's title followed by its actions, wrapping onto more
// lines when the window is narrow or the text large.
func titleBar(title string, actions ...fyne.CanvasObject) fyne.CanvasObject {
	return flow(append([]fyne.CanvasObject{heading(title)}, actions...)...)
}

// wrapped is a label that wraps, for explanations.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
