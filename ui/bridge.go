package ui

import (
	gosync "sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// spawn starts background work. Tests replace it to run work inline so
// they can check the result without sleeping.
var spawn = func(f func()) { go f() }

// background runs work off the UI thread and hands its result to done on
// the UI thread: the only way screens touch widgets from long work. While
// it runs the window counts as in use, so the idle lock never takes the
// data key from a hub's import or an export halfway (idle.go).
func background[T any](work func() T, done func(T)) {
	working.Add(1)
	spawn(func() {
		r := work()
		fyne.Do(func() {
			defer working.Add(-1)
			done(r)
		})
	})
}

// onUI runs f on the UI thread; progress callbacks from goroutines use it.
func onUI(f func()) { fyne.Do(f) }

// busy shows a modal "please wait" with an endless bar and returns the
// function that closes it, so nothing can be tapped twice meanwhile.
func busy(w fyne.Window, text string) func() {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(text, bar, w)
	d.Resize(fyne.NewSize(360, 120))
	d.Show()
	working.Add(1) // the idle lock waits for the work (idle.go)
	var once gosync.Once
	return func() {
		once.Do(func() { working.Add(-1) })
		bar.Stop()
		d.Hide()
	}
}

// pickFolder asks for a folder (usually a USB stick) and hands its path to
// use; every screen that reads or writes a stick starts here. purpose
// words the dialog: saveHere for writing, readHere for reading (picker.go).
func pickFolder(w fyne.Window, purpose pickPurpose, use func(path string)) {
	showPicker(w, purpose, false, nil, use)
}

// pickFile asks for one file, of one of exts when any are given, and
// hands its path to use.
func pickFile(w fyne.Window, exts []string, use func(path string)) {
	showPicker(w, fileThere, true, exts, use)
}

// confirm asks a yes-or-no question whose «yes» says what it does
// ("Xóa", "Vẫn lưu"); «Thôi» leaves everything as it was.
func confirm(w fyne.Window, title, question, yes string, then func()) {
	d := dialog.NewConfirm(title, question, func(ok bool) {
		if ok {
			then()
		}
	}, w)
	d.SetConfirmText(yes)
	d.SetDismissText("Thôi")
	d.Show()
}
