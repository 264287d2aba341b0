package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// Bringing drafts back: at start (a crash or a closed window left some)
// and from the overview's reminders. Each opens the form the draft
// belongs to the way its list would; the form then takes the draft back
// (shell.startForm).

// goSection opens a navigation entry by its title (without a count) and
// returns its screen.
func (s *shell) goSection(title string) screen {
	for i, it := range s.items {
		if sectionKey(it.title) == title {
			s.selectQuietly(i)
			s.display(it.open())
			return s.current
		}
	}
	return nil
}

// openDraft opens the form of a draft key (see each form's draftKey).
func (s *shell) openDraft(key string) error {
	kind, id, _ := strings.Cut(key, ":")
	switch kind {
	case "member":
		m := store.Member{}
		if id != "new" {
			var err error
			if m, err = s.st.Member(s.ctx, id); err != nil {
				return err
			}
		}
		s.goSection(sectionMembers).(*membersScreen).edit(m)
	case "meeting":
		list := s.goSection(sectionMeetings).(*meetingsScreen)
		if id == "new" {
			list.add()
			return nil
		}
		m, err := s.st.Meeting(s.ctx, id)
		if err != nil {
			return err
		}
		list.edit(m)
	case "candidate":
		list := s.goSection(sectionCandidates).(*candidatesScreen)
		c := store.Candidate{}
		for _, x := range list.rows {
			if x.ID == id {
				c = x
			}
		}
		if id != "new" && c.ID == "" {
			return store.ErrNotFound
		}
		list.edit(c)
	case "review":
		return s.openReviewDraft(id)
	default:
		return store.ErrNotFound
	}
	return nil
}

// openReviewDraft opens a review form from "year:member" ("cell" for the
// cell's own review).
func (s *shell) openReviewDraft(id string) error {
	year, who, _ := strings.Cut(id, ":")
	r := s.goSection(sectionReview).(*reviewScreen)
	r.year.SetSelected(year)
	if who == "cell" {
		rv := r.sheet.Cell
		rv.Year, _ = strconv.Atoi(year)
		r.edit("Chi bộ tự đánh giá, xếp loại", rv, rules.Standing{Reviewed: true, Rated: true})
		return nil
	}
	for i, x := range r.sheet.Rows {
		if x.Member.ID == who {
			r.open(i)
			return nil
		}
	}
	return store.ErrNotFound
}

// The navigation titles that drafts and reminders open.
const (
	sectionMembers    = "Đảng viên"
	sectionMeetings   = "Sinh hoạt chi bộ"
	sectionSend       = "Gửi cấp trên"
	sectionConflicts  = "Xung đột dữ liệu"
	sectionCandidates = "Phát triển đảng viên"
	sectionReview     = "Kiểm điểm cuối năm"
	sectionDues       = "Đảng phí"
)

// offerDrafts asks, right after the window opens, whether to open the
// forms left half-typed last time.
func (s *shell) offerDrafts() {
	if s.site.Role != store.RoleCell {
		return
	}
	drafts, err := s.st.Drafts(s.ctx)
	if err != nil || len(drafts) == 0 {
		return
	}
	box := container.NewVBox(wrapped("Lần trước còn phần đang sửa dở chưa lưu vào sổ (máy tắt đột ngột, hoặc chương trình " +
		"bị đóng khi đang sửa). Chương trình đã tự lưu lại; bấm để mở và xem lại:"))
	var d dialog.Dialog
	for _, dr := range drafts {
		key := dr.Key
		b := widget.NewButtonWithIcon(draftLine(dr), theme.DocumentCreateIcon(), func() {
			d.Hide()
			s.reopen(key)
		})
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
	later := widget.NewButton("Để sau (xem ở «Tổng quan»)", func() { d.Hide() })
	box.Add(container.NewHBox(later))
	d = dialog.NewCustomWithoutButtons("Phần đang sửa dở", box, s.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// reopen opens a draft's form, or says the record is gone and drops it.
func (s *shell) reopen(key string) {
	if err := s.openDraft(key); err != nil {
		s.st.DeleteDraft(s.ctx, key)
		showMessage(s.win, "Không mở được", "Không tìm thấy bản ghi của phần sửa dở này (có thể đã bị xóa); phần sửa dở đã được bỏ.")
	}
}

// draftLine names a draft with the time it was last written.
func draftLine(d store.Draft) string {
	return fmt.Sprintf("%s (tự lưu lúc %s ngày %s)", d.Title, d.SavedAt.Local().Format("15:04"), d.SavedAt.Local().Format("02/01/2006"))
}
