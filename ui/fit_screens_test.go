package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chibo/store"
)

// TestEveryScreenFits renders every main screen of a cell and of a hub at
// the three text sizes in a 1366x728 and a 1024x600 window (issue 15):
// it fails when a screen needs more room than the window, when any text
// or button is cut, or when an action lies where it cannot be reached.
func TestEveryScreenFits(t *testing.T) {
	cell, hubStore := seededCellAndHub(t)
	eachScreen(t, cell, "chi bộ", func(name string) { checkFit(t, cell, name) })
	hub := newTestShell(t, hubStore)
	eachScreen(t, hub, "cấp ủy", func(name string) { checkFit(t, hub, name) })
}

// seededCellAndHub is a cell with members, a meeting, a candidate and its
// data received by its hub.
func seededCellAndHub(t *testing.T) (*shell, *store.Store) {
	t.Helper()
	cell, hubStore := newCellAndHub(t)
	seedCell(t, cell.st)
	ctx := context.Background()
	if _, err := cell.st.SaveCandidates(ctx, []store.Candidate{{FullName: "Ly Thị Sua", BirthDate: "2000-01-01",
		ListedDate: "2026-01-10"}}); err != nil {
		t.Fatal(err)
	}
	stick := t.TempDir()
	if _, err := exportTo(ctx, cell.st, stick); err != nil {
		t.Fatal(err)
	}
	hub := newTestShell(t, hubStore)
	hub.nav.Select(1)
	imp := hub.current.(*hubImportScreen)
	imp.run(stick)
	closeDialogs(hub.win)
	imp.results[0] = importOne(ctx, hubStore, imp.results[0].File, []string{imp.results[0].Sender.Fingerprint})
	imp.finish()
	closeDialogs(hub.win)
	return cell, hubStore
}

// eachScreen shows every main screen of s at every text size and window
// size and calls check with a name for each. Screens are built again
// after the text size changes, as the app does when a screen is opened.
func eachScreen(t *testing.T, s *shell, role string, check func(name string)) {
	t.Helper()
	fyne.SetCurrentApp(s.app) // widgets read the theme of the current app
	for _, ts := range textSizes {
		s.app.Preferences().SetFloat(prefTextScale, float64(ts.scale)) // as «Cài đặt» does
		applyTextSize(s.app)
		for _, size := range fitSizes {
			tag := fmt.Sprintf("%s, cỡ chữ %s, %.0fx%.0f", role, ts.label, size.Width, size.Height)
			for i, it := range s.items {
				s.nav.UnselectAll()
				s.nav.Select(i)
				closeDialogs(s.win)
				settle(s, size)
				check(tag + ": " + it.title)
				for _, sub := range subScreens(s) {
					sub.open()
					closeDialogs(s.win)
					settle(s, size)
					check(tag + ": " + it.title + " › " + sub.name)
				}
			}
		}
	}
}

// subScreen is a screen reached from a main screen: a form, a tab.
type subScreen struct {
	name string
	open func()
}

// subScreens are the forms reached from the screen shown now.
func subScreens(s *shell) []subScreen {
	switch sc := s.current.(type) {
	case *membersScreen:
		return []subScreen{{"sửa đảng viên", func() { sc.open(0) }}}
	case *meetingsScreen:
		var out []subScreen
		for i, part := range formParts {
			out = append(out, subScreen{"biên bản, " + part, func() {
				if _, ok := s.current.(*meetingForm); !ok {
					sc.open(0)
				}
				s.current.(*meetingForm).parts.SelectIndex(i)
			}})
		}
		return out
	case *candidatesScreen:
		return []subScreen{{"quần chúng ưu tú", func() { sc.edit(sc.rows[0]) }}}
	case *reviewScreen:
		return []subScreen{{"kiểm điểm", func() { sc.open(0) }}}
	case *hubCellsScreen:
		return []subScreen{{"một chi bộ", func() { sc.open(0) }}}
	}
	return nil
}

// settle lays the window out at size until it is stable, as the real
// driver does frame after frame: it lays out again every part whose
// children's minimum changed (wrapped text and flowing rows take their
// height from the width they were given). The test driver does not, so
// every container and widget is laid out again, top down, three times.
func settle(s *shell, size fyne.Size) {
	s.win.Resize(size)
	for range 3 {
		relayout(s.win.Content())
		if top := s.win.Canvas().Overlays().Top(); top != nil {
			relayout(top)
		}
	}
}

func relayout(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}

// checkFit reports what does not fit, a few lines per screen.
func checkFit(t *testing.T, s *shell, name string) {
	t.Helper()
	ps := fitProblems(s.win)
	if len(ps) == 0 {
		return
	}
	if len(ps) > 6 {
		ps = append(ps[:6], fmt.Sprintf("… and %d more", len(ps)-6))
	}
	t.Errorf("%s:\n  %s", name, strings.Join(ps, "\n  "))
}
