package ui

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// conflictsScreen lists the edits that met on two laptops (a copied or
// restored database) and lets a person settle each: keep the value in
// use, take the other one, or type a corrected one. A record deleted on
// one side and edited on the other is kept deleted or brought back. The
// choice is saved as a new change, so it travels like any edit.
type conflictsScreen struct {
	sh     *shell
	list   *fyne.Container
	status *widget.Label
}

func newConflicts(sh *shell) *conflictsScreen {
	c := &conflictsScreen{sh: sh, list: container.NewVBox(), status: wrapped("")}
	c.refresh()
	return c
}

func (c *conflictsScreen) view() fyne.CanvasObject {
	top := container.NewVBox(heading("Xung đột dữ liệu"),
		wrapped("Khi cùng một thông tin được sửa khác nhau trên hai máy (máy sao chép hoặc khôi phục từ bản sao lưu), "+
			"chương trình tạm giữ giá trị «đang dùng» và ghi lại đây để người phụ trách chọn. Không có gì bị mất."),
		c.status)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(c.list))
}

// refresh reloads the open conflicts.
func (c *conflictsScreen) refresh() {
	cs, err := c.sh.st.Conflicts(c.sh.ctx, false)
	c.list.Objects = nil
	switch {
	case err != nil:
		c.status.SetText(message(err))
	case len(cs) == 0:
		c.status.SetText("Không có xung đột nào cần xử lý.")
	default:
		c.status.SetText(fmt.Sprintf("Có %d xung đột cần xử lý.", len(cs)))
	}
	for _, x := range cs {
		c.list.Add(c.card(x))
	}
	c.list.Refresh()
}

// card shows one conflict with base, ours and theirs and the choices.
func (c *conflictsScreen) card(x store.Conflict) fyne.CanvasObject {
	title := entityLabel(x.Entity) + " «" + c.recordName(x) + "»"
	if x.Deleted() {
		keep := widget.NewButtonWithIcon("Giữ việc xóa", theme.DeleteIcon(), func() { c.resolve(x, store.ConflictKeepDeleted) })
		back := widget.NewButtonWithIcon("Khôi phục bản ghi", theme.ContentUndoIcon(), func() { c.resolve(x, store.ConflictRestore) })
		return widget.NewCard(title, "Một máy đã xóa bản ghi này, máy kia lại sửa nó",
			container.NewVBox(wrapped("Nội dung đã sửa: "+editText(x.Theirs)), container.NewHBox(keep, back)))
	}
	edit := widget.NewEntry()
	edit.SetText(x.Ours)
	ours := widget.NewButton("Giữ giá trị đang dùng", func() { c.resolve(x, x.Ours) })
	theirs := widget.NewButton("Lấy giá trị bên kia", func() { c.resolve(x, x.Theirs) })
	save := widget.NewButtonWithIcon("Lưu giá trị đã sửa", theme.DocumentSaveIcon(), func() { c.resolve(x, edit.Text) })
	form := fitForm(
		widget.NewFormItem("Trước khi sửa", widget.NewLabel(shown(x.Base))),
		widget.NewFormItem("Đang dùng", widget.NewLabel(shown(x.Ours))),
		widget.NewFormItem("Bên kia", widget.NewLabel(shown(x.Theirs))),
		widget.NewFormItem("Sửa thành", edit))
	return widget.NewCard(title, "Ô «"+fieldLabel(x.Field)+"» được sửa khác nhau trên hai máy",
		container.NewVBox(form, container.NewHBox(ours, theirs, save)))
}

func (c *conflictsScreen) resolve(x store.Conflict, value string) {
	if err := c.sh.st.ResolveConflict(c.sh.ctx, x.ID, value); err != nil {
		showError(c.sh.win, err)
		return
	}
	c.refresh()
	c.status.SetText("Đã lưu lựa chọn. " + c.status.Text)
}

// recordName finds a human name for the record, falling back to its id.
func (c *conflictsScreen) recordName(x store.Conflict) string {
	if x.Entity == "member" {
		if m, err := c.sh.st.Member(c.sh.ctx, x.EntityID); err == nil {
			return m.FullName
		}
	}
	var f map[string]any
	if json.Unmarshal([]byte(x.Theirs), &f) == nil {
		if n, ok := f["full_name"].(string); ok && n != "" {
			return n
		}
	}
	if len(x.EntityID) > 8 {
		return x.EntityID[len(x.EntityID)-8:]
	}
	return x.EntityID
}

var entityLabels = map[string]string{
	"member": "Đảng viên", "meeting": "Cuộc họp", "attendance": "Điểm danh", "agenda_item": "Nội dung họp",
	"org": "Tổ chức", "review": "Kiểm điểm", "candidate": "Quần chúng ưu tú", "dues": "Đảng phí",
}

func entityLabel(e string) string {
	if l, ok := entityLabels[e]; ok {
		return l
	}
	return e
}

func fieldLabel(f string) string {
	if l, ok := fieldLabels[f]; ok {
		return l
	}
	return f
}

func shown(v string) string {
	if v == "" {
		return "(để trống)"
	}
	return v
}

// editText lists an edit's fields as "Ô: giá trị" lines.
func editText(js string) string {
	var f map[string]any
	if json.Unmarshal([]byte(js), &f) != nil {
		return js
	}
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		if s := fmt.Sprint(f[k]); s != "" {
			parts = append(parts, fieldLabel(k)+": "+s)
		}
	}
	return strings.Join(parts, "; ")
}
