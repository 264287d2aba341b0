package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The one place files and folders are chosen (bridge.go's pickFolder and
// pickFile open it). Fyne's own file dialog shows no drive letters or
// stick names, hides the files when a folder is chosen and says "Mở"
// when writing; this one lists the removable drives by name first
// (drives_*.go), shows what is already on the stick, and words its button
// for what it does.

// pickPurpose is what a chosen folder is for: the dialog's title and the
// button that chooses.
type pickPurpose struct {
	title, button string
}

var (
	saveHere  = pickPurpose{"Chọn nơi lưu (USB)", "Lưu vào đây"}
	readHere  = pickPurpose{"Chọn thư mục có tệp cần nhận (USB)", "Nhận các tệp ở đây"}
	fileThere = pickPurpose{"Chọn tệp", "Mở tệp này"}
)

// picker is the dialog's state.
type picker struct {
	win      fyne.Window
	purpose  pickPurpose
	files    bool     // choosing a file, not a folder
	exts     []string // the files that may be chosen (lower case), nil = any
	dir      string
	chosen   string // the file tapped, in file mode
	entries  []os.DirEntry
	list     *widget.List
	where    *widget.Label
	ok       *widget.Button
	dialog   dialog.Dialog
	use      func(path string)
	problems *widget.Label
}

// showPicker opens the dialog on the first stick, or the folder last used.
func showPicker(w fyne.Window, p pickPurpose, files bool, exts []string, use func(string)) *picker {
	k := &picker{win: w, purpose: p, files: files, use: use, where: wrapped(""), problems: wrapped("")}
	for _, e := range exts {
		k.exts = append(k.exts, strings.ToLower(e))
	}
	k.list = widget.NewList(func() int { return len(k.entries) }, k.newRow, k.updateRow)
	k.list.OnSelected = func(i widget.ListItemID) {
		k.list.UnselectAll()
		if i < len(k.entries) {
			k.tap(k.entries[i])
		}
	}
	k.ok = widget.NewButtonWithIcon(p.button, theme.ConfirmIcon(), k.choose)
	k.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Thôi", theme.CancelIcon(), func() { k.dialog.Hide() })
	up := widget.NewButtonWithIcon("Lên thư mục trên", theme.MoveUpIcon(), func() { k.open(filepath.Dir(k.dir)) })
	places := container.NewVBox(subhead("Ổ đĩa, USB"))
	for _, pl := range pickPlaces() {
		b := widget.NewButtonWithIcon(pl.name, pl.icon, func() { k.open(pl.path) })
		b.Alignment = widget.ButtonAlignLeading
		places.Add(b)
	}
	top := container.NewVBox(k.where, k.problems, container.NewHBox(up))
	body := container.NewBorder(top, flow(k.ok, cancel), container.NewVScroll(places), nil, k.list)
	k.dialog = dialog.NewCustomWithoutButtons(p.title, body, w)
	size := w.Canvas().Size()
	k.dialog.Resize(fyne.NewSize(size.Width*0.9, size.Height*0.9))
	k.open(startDir())
	k.dialog.Show()
	return k
}

// place is a starting point offered on the left.
type place struct {
	name, path string
	icon       fyne.Resource
}

// pickPlaces are the removable drives first, then the laptop's folders.
func pickPlaces() []place {
	var out []place
	for _, d := range removableDrives() {
		out = append(out, place{d.name, d.path, theme.StorageIcon()})
	}
	if home, err := os.UserHomeDir(); err == nil {
		for _, sub := range []string{"Documents", "Desktop"} {
			if fi, err := os.Stat(filepath.Join(home, sub)); err == nil && fi.IsDir() {
				out = append(out, place{map[string]string{"Documents": "Thư mục Tài liệu", "Desktop": "Màn hình nền"}[sub],
					filepath.Join(home, sub), theme.FolderIcon()})
			}
		}
		out = append(out, place{"Thư mục của tôi trên máy", home, theme.HomeIcon()})
	}
	return out
}

// placeName names a folder by the place it is in: "KINGSTON (E:)",
// or "KINGSTON (E:) › bien-ban" inside it; else its path.
func placeName(dir string) string {
	for _, p := range pickPlaces() {
		rel, err := filepath.Rel(p.path, dir)
		switch {
		case err != nil || strings.HasPrefix(rel, ".."):
		case rel == ".":
			return p.name
		default:
			return p.name + " › " + strings.ReplaceAll(rel, string(filepath.Separator), " › ")
		}
	}
	return dir
}

// startDir is the first stick, else the home folder.
func startDir() string {
	if ds := removableDrives(); len(ds) > 0 {
		return ds[0].path
	}
	home, _ := os.UserHomeDir()
	return home
}

// open lists a folder: its folders first, then its files, hidden ones left out.
func (k *picker) open(dir string) {
	entries, err := os.ReadDir(dir)
	k.problems.SetText("")
	k.problems.Hide()
	if err != nil {
		k.problems.SetText("Không mở được thư mục này: " + message(err))
		k.problems.Show()
		return
	}
	k.dir, k.chosen = dir, ""
	k.entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return strings.HasPrefix(e.Name(), ".") })
	slices.SortFunc(k.entries, func(a, b os.DirEntry) int {
		if a.IsDir() != b.IsDir() {
			if a.IsDir() {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.Name()), strings.ToLower(b.Name()))
	})
	k.showWhere()
	k.list.Refresh()
}

func (k *picker) showWhere() {
	dirs := 0
	for _, e := range k.entries {
		if e.IsDir() {
			dirs++
		}
	}
	what := fmt.Sprintf("Đang xem: %s — %d thư mục, %d tệp", placeName(k.dir), dirs, len(k.entries)-dirs)
	switch {
	case k.files && k.chosen == "":
		what += ". Bấm vào tệp cần mở."
		k.ok.Disable()
	case k.files:
		what += ". Đã chọn: " + filepath.Base(k.chosen)
		k.ok.Enable()
	default:
		k.ok.Enable()
	}
	k.where.SetText(what)
}

// newRow is an icon and a name; a name too long for the dialog ends in
// "…" and shows whole once tapped («Đã chọn: …»).
func (k *picker) newRow() fyne.CanvasObject {
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, name)
}

func (k *picker) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	e := k.entries[i]
	var icon *widget.Icon
	var label *widget.Label
	for _, o := range row.Objects {
		switch x := o.(type) {
		case *widget.Icon:
			icon = x
		case *widget.Label:
			label = x
		}
	}
	label.Importance = widget.MediumImportance
	switch {
	case e.IsDir():
		icon.SetResource(theme.FolderIcon())
		label.SetText(e.Name())
	default:
		icon.SetResource(theme.FileIcon())
		text := e.Name()
		if fi, err := e.Info(); err == nil {
			text += " — " + humanBytes(fi.Size()) + ", " + fi.ModTime().Format("02/01/2006 15:04")
		}
		if filepath.Join(k.dir, e.Name()) == k.chosen {
			// An icon, not a "✔": the bundled font has no such glyph and
			// Windows drew a box in its place.
			icon.SetResource(theme.ConfirmIcon())
			label.Importance = widget.HighImportance
		}
		if !k.fits(e.Name()) {
			label.Importance = widget.LowImportance // shown so the stick never looks empty, not chosen
		}
		label.SetText(text)
	}
	label.Refresh()
}

// fits reports whether a file may be chosen.
func (k *picker) fits(name string) bool {
	if !k.files {
		return false
	}
	if k.exts == nil {
		return true
	}
	return slices.Contains(k.exts, strings.ToLower(filepath.Ext(name)))
}

// tap enters a folder, or chooses a file that fits.
func (k *picker) tap(e os.DirEntry) {
	path := filepath.Join(k.dir, e.Name())
	switch {
	case e.IsDir():
		k.open(path)
	case k.fits(e.Name()):
		k.chosen = path
		k.showWhere()
		k.list.Refresh()
	}
}

// choose hands the folder shown (or the file chosen) to use.
func (k *picker) choose() {
	path := k.dir
	if k.files {
		if k.chosen == "" {
			return
		}
		path = k.chosen
	}
	k.dialog.Hide()
	k.use(path)
}

// saveAs asks where to save a file called name and hands the full path
// to use, asking first when a file of that name is already there.
func saveAs(w fyne.Window, name string, use func(path string)) {
	pickFolder(w, saveHere, func(dir string) {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err != nil {
			use(path)
			return
		}
		dialog.ShowConfirm("Đã có tệp cùng tên", "Ở đây đã có tệp «"+name+"». Ghi đè lên tệp đó?", func(ok bool) {
			if ok {
				use(path)
			}
		}, w)
	})
}
