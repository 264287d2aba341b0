package ui

// Drafts: no typed word is lost. Every form keeps what is on screen as a
// draft in the store (sealed like the sensitive data), written every few
// seconds and when the window locks; opening the form again, or starting
// the app after a crash, brings the draft back. Leaving a form with
// changes, by the menu, "Quay lại" or closing the window, asks «Lưu thay
// đổi?» first.

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// autosaveEvery is how often the open form's draft is written: at most
// this much typing is lost to a power cut.
const autosaveEvery = 5 * time.Second

// draftable is a form whose typing is kept as a draft.
type draftable interface {
	screen
	draftKey() string                 // which record: "member:<id>", "meeting:new", …
	draftTitle() string               // how the draft is named in lists
	draftFields() []fyne.CanvasObject // its inputs, always in the same order
	saveForm() bool                   // «Lưu»: stores the record (calling formSaved); false when refused
}

// shaped is a form whose lists grow and shrink (the meeting's agenda,
// speakers, tasks, votes): its draft records their lengths, and reshape
// makes a fresh form the same shape before the values go in.
type shaped interface {
	draftShape() []string
	reshape(shape []string) error
}

// draftBody is a draft as stored: the shape and each input's value.
type draftBody struct {
	Shape  []string `json:"shape,omitempty"`
	Values []string `json:"values"`
}

func encodeDraft(f draftable) string {
	var b draftBody
	if s, ok := f.(shaped); ok {
		b.Shape = s.draftShape()
	}
	for _, o := range f.draftFields() {
		b.Values = append(b.Values, fieldValue(o))
	}
	out, _ := json.Marshal(b)
	return string(out)
}

// errDraftMismatch is a draft that no longer fits its form (the roll
// changed since): it is dropped rather than put in the wrong boxes.
var errDraftMismatch = errors.New("ui: draft does not fit the form")

func applyDraft(f draftable, body string) error {
	var b draftBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return fmt.Errorf("ui: draft: %w", err)
	}
	if s, ok := f.(shaped); ok {
		if err := s.reshape(b.Shape); err != nil {
			return err
		}
	}
	fields := f.draftFields()
	if len(fields) != len(b.Values) {
		return errDraftMismatch
	}
	for i, o := range fields {
		setFieldValue(o, b.Values[i])
	}
	return nil
}

func fieldValue(o fyne.CanvasObject) string {
	switch w := o.(type) {
	case *widget.Entry:
		return w.Text
	case *widget.SelectEntry:
		return w.Text
	case *widget.Select:
		return w.Selected
	case *widget.Check:
		if w.Checked {
			return "1"
		}
		return "0"
	case *widget.RadioGroup:
		return w.Selected
	}
	return ""
}

func setFieldValue(o fyne.CanvasObject, v string) {
	switch w := o.(type) {
	case *widget.Entry:
		if w.Text != v {
			w.SetText(v)
		}
	case *widget.SelectEntry:
		if w.Text != v {
			w.SetText(v)
		}
	case *widget.Select:
		if v == "" {
			w.ClearSelected()
		} else if w.Selected != v {
			w.SetSelected(v)
		}
	case *widget.Check:
		w.SetChecked(v == "1")
	case *widget.RadioGroup:
		w.SetSelected(v)
	}
}

// formState is what the shell knows of the open form.
type formState struct {
	key      string
	baseline string // the form as stored: opened, or last saved
	written  string // the draft last written, "" for none
}

// dirty reports whether the open form differs from what is stored.
func (s *shell) dirty() bool {
	f, ok := s.current.(draftable)
	return ok && s.form != nil && encodeDraft(f) != s.form.baseline
}

// startForm notes a form just shown and brings back its draft, if any.
// It returns a line to show above the form when a draft came back.
func (s *shell) startForm(f draftable) fyne.CanvasObject {
	s.form = &formState{key: f.draftKey(), baseline: encodeDraft(f)}
	d, ok, err := s.st.DraftOf(s.ctx, s.form.key)
	if err != nil || !ok || d.Body == s.form.baseline {
		return nil
	}
	if err := applyDraft(f, d.Body); err != nil {
		s.st.DeleteDraft(s.ctx, s.form.key)
		return nil
	}
	s.form.written = d.Body
	note := wrapped(fmt.Sprintf("Đã mở lại phần đang sửa dở, tự lưu lúc %s ngày %s; phần này chưa lưu vào sổ. "+
		"Xem lại rồi bấm «Lưu».", d.SavedAt.Local().Format("15:04"), d.SavedAt.Local().Format("02/01/2006")))
	note.Importance = widget.WarningImportance
	var bar *fyne.Container
	drop := widget.NewButtonWithIcon("Bỏ phần sửa dở", theme.ContentUndoIcon(), func() {
		applyDraft(f, s.form.baseline)
		s.st.DeleteDraft(s.ctx, s.form.key)
		s.form.written = ""
		bar.Hide()
	})
	bar = container.NewBorder(nil, nil, nil, drop, note)
	return bar
}

// formSaved is called by a form that stored its record: what is on
// screen is the new baseline and the draft is no longer needed.
func (s *shell) formSaved(f draftable) {
	if s.form == nil {
		return
	}
	s.st.DeleteDraft(s.ctx, s.form.key)
	s.form.key, s.form.baseline, s.form.written = f.draftKey(), encodeDraft(f), ""
	s.st.DeleteDraft(s.ctx, s.form.key) // a new record's key changed with its id
}

// autosave writes the open form's draft when it changed, or drops it
// when the form is back to what is stored.
func (s *shell) autosave() {
	f, ok := s.current.(draftable)
	if !ok || s.form == nil || !s.st.Unlocked() {
		return
	}
	body := encodeDraft(f)
	switch {
	case body == s.form.baseline:
		if s.form.written != "" {
			s.st.DeleteDraft(s.ctx, s.form.key)
			s.form.written = ""
		}
	case body != s.form.written:
		if err := s.st.SaveDraft(s.ctx, store.Draft{Key: s.form.key, Title: f.draftTitle(), Body: body}); err == nil {
			s.form.written = body
		}
	}
}

// leave runs next once the open form may be left: at once when nothing
// changed, else after «Lưu thay đổi?» is answered Lưu (and the save
// worked) or Không lưu. Ở lại runs stay.
func (s *shell) leave(next, stay func()) {
	f, ok := s.current.(draftable)
	if !ok || !s.dirty() {
		next()
		return
	}
	var d dialog.Dialog
	save := widget.NewButtonWithIcon("Lưu", theme.DocumentSaveIcon(), func() {
		d.Hide()
		if f.saveForm() {
			next()
		} else if stay != nil {
			stay()
		}
	})
	save.Importance = widget.HighImportance
	drop := widget.NewButtonWithIcon("Không lưu", theme.CancelIcon(), func() {
		d.Hide()
		s.st.DeleteDraft(s.ctx, s.form.key)
		s.form = nil
		next()
	})
	back := widget.NewButtonWithIcon("Ở lại", theme.NavigateBackIcon(), func() {
		d.Hide()
		if stay != nil {
			stay()
		}
	})
	text := wrapped(fmt.Sprintf("«%s» có thay đổi chưa lưu. Lưu lại trước khi rời đi?", f.draftTitle()))
	d = dialog.NewCustomWithoutButtons("Lưu thay đổi?", container.NewVBox(text, container.NewHBox(save, drop, back)), s.win)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
}

// closeRequested is the window's close button: asks like leaving a form.
func (s *shell) closeRequested() {
	s.leave(s.closeWin, nil)
}
