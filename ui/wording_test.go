package ui

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// fyneEnglish are the words Fyne shows by itself: its translations'
// English (fyne.io/fyne/v2 lang/translations/base.en.json), the Select's
// "(Select one)" and the file dialog's places, which it never translates.
var fyneEnglish = []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename", "Error",
	"Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo", "Save", "Select all",
	"Show Hidden Files", "Undo", "Yes", "Name", "Parent", "(Select one)", "Home", "Computer", "Desktop", "Documents",
	"Downloads", "Music", "Pictures", "Videos", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"} // the short day names ("Thu", "Sun") are Vietnamese words too, and show only in Fyne's calendar, unused

// developerWording is what a villager should never have to read: file
// formats, the sync machinery's words, counts of "changes", notes meant
// for whoever maintains the rules data (the rules page shows the data's
// notes, so they are written for a secretary), and Go's formatting
// mistakes.
var developerWording = []*regexp.Regexp{
	regexp.MustCompile(`\bJSON\b`),
	regexp.MustCompile(`(?i)\b(hub|bundle|sync|schema|database|uuid|nil|null|epoch|seq|lamport|entity|payload)\b`),
	regexp.MustCompile(`\d+ thay đổi`),
	regexp.MustCompile(`#\d`),
	regexp.MustCompile(`đối chiếu văn bản|dữ liệu quy định|DOMAIN\.md|\.sh\b|scripts/`),
	regexp.MustCompile(`(?i)\b(check|issue|provisional|test|todo)\b`),
	regexp.MustCompile(`%!|\{\{|<nil>`),
}

var englishRE = func() *regexp.Regexp {
	quoted := make([]string, len(fyneEnglish))
	for i, w := range fyneEnglish {
		quoted[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(^|[^\p{L}])(` + strings.Join(quoted, "|") + `)($|[^\p{L}])`)
}()

// TestNoEnglishOrDeveloperWording walks every main screen of a cell and
// a hub, the forms they open and the dialogs a secretary meets most, and
// fails on any of Fyne's English words or any developer wording.
func TestNoEnglishOrDeveloperWording(t *testing.T) {
	plugStick(t, "du-lieu.chibo")
	cell, hubStore := seededCellAndHub(t)
	check := func(s *shell, where string) {
		t.Helper()
		for _, text := range shownTexts(s.win) {
			if m := englishRE.FindStringSubmatch(text); m != nil {
				t.Errorf("%s: Fyne's English %q in %q", where, m[2], text)
			}
			for _, re := range developerWording {
				if re.MatchString(text) {
					t.Errorf("%s: developer wording %q in %q", where, re.FindString(text), text)
				}
			}
		}
	}
	visitAll := func(s *shell, role string) {
		for i, it := range s.items {
			s.nav.Select(i)
			closeDialogs(s.win)
			check(s, role+": "+it.title)
			for _, sub := range subScreens(s) {
				sub.open()
				closeDialogs(s.win)
				check(s, role+": "+it.title+" › "+sub.name)
			}
		}
	}
	visitAll(cell, "chi bộ")
	for _, d := range cellDialogs(t, cell) {
		d.open()
		check(cell, "chi bộ, hộp thoại: "+d.name)
		closeDialogs(cell.win)
	}
	hub := newTestShell(t, hubStore)
	applyTextSize(hub.app) // Fyne's test theme has no bold fixed-width font for the key
	visitAll(hub, "cấp ủy")
}

// cellDialogs are the dialogs a secretary meets most.
func cellDialogs(t *testing.T, s *shell) []subScreen {
	return []subScreen{
		{"chọn USB", func() { pickFolder(s.win, saveHere, func(string) {}) }},
		{"chọn tệp", func() { pickFile(s.win, []string{".csv"}, func(string) {}) }},
		{"ghi cả tháng đảng phí", func() { s.goSection(sectionDues).(*duesScreen).askMonth() }},
		{"miễn, giảm đảng phí", func() {
			d := s.goSection(sectionDues).(*duesScreen)
			d.askRelief(d.lines[0])
		}},
		{"lưu thay đổi?", func() {
			s.goSection(sectionMembers).(*membersScreen).edit(store.Member{})
			s.current.(*memberForm).fullName.SetText("Lò Văn Tiến")
			s.goSection("Tổng quan") // asks; goSection displays without asking, so ask by hand
			s.leave(func() {}, nil)
		}},
	}
}

// shownTexts is every text the window and its top dialog show, pickers'
// hints and choices included.
func shownTexts(w fyne.Window) []string {
	var out []string
	roots := []fyne.CanvasObject{w.Content()}
	if top := w.Canvas().Overlays().Top(); top != nil {
		roots = append(roots, top)
	}
	for _, root := range roots {
		for _, o := range test.LaidOutObjects(root) {
			out = append(out, textsOf(o)...)
		}
	}
	return out
}

func textsOf(o fyne.CanvasObject) []string {
	switch x := o.(type) {
	case *widget.Label:
		return []string{x.Text}
	case *widget.Button:
		return []string{x.Text}
	case *widget.Check:
		return []string{x.Text}
	case *widget.Hyperlink:
		return []string{x.Text}
	case *widget.Entry:
		return []string{x.PlaceHolder}
	case *widget.SelectEntry:
		return []string{x.PlaceHolder}
	case *widget.Select:
		return append([]string{x.Selected, x.PlaceHolder}, x.Options...)
	case *widget.RadioGroup:
		return x.Options
	case *widget.Card:
		return []string{x.Title, x.Subtitle}
	case *container.AppTabs:
		var out []string
		for _, it := range x.Items {
			out = append(out, it.Text)
		}
		return out
	case *canvas.Text:
		return []string{x.Text}
	}
	return nil
}
