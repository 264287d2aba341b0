package ui

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// membersScreen is the member roll with a search box. The store folds
// diacritics, so "giang a pao" finds "Giàng A Páo".
type membersScreen struct {
	sh     *shell
	search *widget.Entry
	table  *grid
	count  *widget.Label
	rows   []store.Member
}

var memberColumns = []column{
	{"Họ và tên"}, {"Giới tính"}, {"Ngày sinh"}, {"Chức vụ"},
	{"Trạng thái"}, {"Ngày vào Đảng"}, {"Điện thoại"},
}

func newMembers(sh *shell) *membersScreen {
	m := &membersScreen{sh: sh, count: widget.NewLabel("")}
	m.search = widget.NewEntry()
	m.search.SetPlaceHolder("Tìm theo tên (gõ có dấu hay không dấu đều được)")
	m.search.OnChanged = func(string) { m.reload() }
	m.table = newGrid(memberColumns, func() int { return len(m.rows) }, m.cell, m.open)
	m.reload()
	return m
}

func (m *membersScreen) view() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("Thêm đảng viên", theme.ContentAddIcon(), func() { m.edit(store.Member{}) })
	add.Importance = widget.HighImportance
	csv := widget.NewButtonWithIcon("Nhập từ tệp Excel/CSV", theme.FolderOpenIcon(), m.pickCSV)
	top := container.NewVBox(
		titleBar("Danh sách đảng viên", csv, add),
		container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), m.count, m.search))
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, m.table))
}

// reload reads the roll for the current search text.
func (m *membersScreen) reload() {
	rows, err := m.sh.st.Members(m.sh.ctx, "", m.search.Text)
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	m.rows = rows
	m.count.SetText(fmt.Sprintf("%d người", len(rows)))
	m.table.Refresh()
}

func (m *membersScreen) cell(r, c int) string {
	x := m.rows[r]
	switch c {
	case 0:
		return x.FullName
	case 1:
		return store.LabelOf(store.SexLabels, x.Sex)
	case 2:
		return showDate(x.BirthDate)
	case 3:
		return store.LabelOf(store.PositionLabels, x.Position)
	case 4:
		return store.LabelOf(store.StatusLabels, x.Status)
	case 5:
		return showDate(x.AdmissionDate)
	}
	return x.Phone
}

func (m *membersScreen) open(r int) { m.edit(m.rows[r]) }

// edit opens the form; leaving it comes back to this list, reloaded.
func (m *membersScreen) edit(x store.Member) {
	m.sh.show(newMemberForm(m.sh, x, func() { m.sh.back(m, m.reload) }))
}

func (m *membersScreen) pickCSV() {
	pickFile(m.sh.win, []string{".csv", ".CSV", ".txt", ".xlsx", ".XLSX"}, func(path string) { m.importCSV(path) })
}

// importCSV reads the file, asks for confirmation with the count, then
// saves every row in one transaction: a bad row saves nothing. A row that
// matches a member already listed updates it, so importing twice is safe.
func (m *membersScreen) importCSV(path string) {
	f, err := os.Open(path)
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	ms, err := store.ParseMembersFile(path, f)
	f.Close()
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	q := fmt.Sprintf("Tệp có %d đảng viên. Thêm tất cả vào danh sách?", len(ms))
	dialog.ShowConfirm("Nhập danh sách đảng viên", q, func(ok bool) {
		if ok {
			m.saveImported(ms)
		}
	}, m.sh.win)
}

func (m *membersScreen) saveImported(ms []store.Member) {
	created, updated, err := m.sh.st.ImportMembers(m.sh.ctx, ms)
	if err != nil {
		showError(m.sh.win, err)
		return
	}
	m.reload()
	showMessage(m.sh.win, "Đã nhập", fmt.Sprintf("Đã thêm %d đảng viên mới, cập nhật %d đảng viên đã có.", created, updated))
}
