package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/storage"

	"chibo/store"
)

// printDir is the data folder's subfolder for printed documents, so the
// secretary can find an old PDF again without searching.
const printDir = "in"

// printMinutes writes the minutes as shown on screen to a PDF and opens it
// in the system viewer, which does the printing. Nothing is stored.
func (f *meetingForm) printMinutes() {
	m, err := f.collect()
	if p, ok := err.(fieldProblem); ok {
		showMessage(f.sh.win, "Chưa in được", string(p))
		return
	}
	org, members, dir := f.sh.site.Org, f.members, filepath.Join(f.sh.st.Dir(), printDir)
	done := busy(f.sh.win, "Đang tạo biên bản…")
	type result struct {
		path string
		err  error
	}
	background(func() result {
		p, err := writeMinutes(dir, org, m, members)
		return result{p, err}
	}, func(r result) {
		done()
		if r.err != nil {
			showError(f.sh.win, r.err)
			return
		}
		u, err := url.Parse(storage.NewFileURI(r.path).String())
		if err == nil {
			err = f.sh.app.OpenURL(u)
		}
		if err != nil {
			showMessage(f.sh.win, "Đã tạo biên bản", "Đã lưu biên bản vào tệp:\n"+r.path+"\nHãy mở tệp này để in.")
		}
	})
}

// writeMinutes renders to a temporary name and renames, so a half-written
// PDF never sits under the real name.
func writeMinutes(dir string, org store.Org, m store.Meeting, members []store.Member) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := fmt.Sprintf("bien-ban-%s-%s.pdf", m.Date, m.Kind)
	if m.Number > 0 {
		name = fmt.Sprintf("bien-ban-%s-so-%d.pdf", m.Date, m.Number)
	}
	path := filepath.Join(dir, name)
	tmp, err := os.CreateTemp(dir, name+".*.tmp")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if err := minutesPDF(tmp, org, m, members); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp.Name(), path)
}
