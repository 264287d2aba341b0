package ui

import (
	"errors"
	"fmt"
	"strings"

	"chibo/store"
)

// Catching and undoing a member's mistakes: the same person entered
// twice, a member entered by mistake.

// likelyTwin is another member with the same name (diacritics and case
// aside) and birth date as m, if there is one.
func likelyTwin(sh *shell, m store.Member) (store.Member, bool) {
	if strings.TrimSpace(m.FullName) == "" {
		return store.Member{}, false
	}
	all, err := sh.st.Members(sh.ctx, "", "")
	if err != nil {
		return store.Member{}, false
	}
	name := store.Fold(strings.TrimSpace(m.FullName))
	for _, x := range all {
		if x.ID != m.ID && store.Fold(x.FullName) == name && x.BirthDate == m.BirthDate {
			return x, true
		}
	}
	return store.Member{}, false
}

// askTwin asks before saving a member who looks like one already listed;
// «Vẫn lưu» saves and leaves the form.
func (f *memberForm) askTwin(twin store.Member) {
	born := "không ghi ngày sinh"
	if twin.BirthDate != "" {
		born = "sinh ngày " + showDate(twin.BirthDate)
	}
	q := fmt.Sprintf("Danh sách đã có đồng chí %s, %s (%s). Có thể đây là cùng một người được nhập hai lần. Vẫn lưu thêm?",
		twin.FullName, born, store.LabelOf(store.StatusLabels, twin.Status))
	confirm(f.sh.win, "Có thể trùng người", q, "Vẫn lưu", func() {
		f.twinOK = true
		f.submit()
	})
}

// askDelete deletes a member entered by mistake, after saying whether the
// hub already has them (then the deletion reaches it as a correction).
func (f *memberForm) askDelete() {
	sent, err := f.sh.st.Sent(f.sh.ctx, "member", f.m.ID)
	if err != nil {
		showError(f.sh.win, err)
		return
	}
	q := fmt.Sprintf("Xóa đồng chí %s khỏi danh sách? Chỉ xóa khi nhập nhầm.", f.m.FullName)
	if sent {
		q += " Cấp trên đã nhận thông tin này: lần gửi tới sẽ báo cấp trên xóa theo."
	}
	q += " Đảng viên chuyển đi, từ trần hay ra khỏi Đảng thì đừng xóa mà sửa ô «Trạng thái»."
	confirm(f.sh.win, "Xóa đảng viên", q, "Xóa", func() {
		f.delete()
	})
}

func (f *memberForm) delete() {
	err := f.sh.st.DeleteMember(f.sh.ctx, f.m.ID)
	var fe *store.FieldError
	switch {
	case errors.Is(err, store.ErrInUse) && errors.As(err, &fe):
		showMessage(f.sh.win, "Không xóa được", fmt.Sprintf("Đồng chí %s đã có trong %s nên không xóa được. "+
			"Nếu đồng chí đã chuyển đi, từ trần hay ra khỏi Đảng, hãy sửa ô «Trạng thái».", f.m.FullName, usesText(fe.Value)))
		return
	case err != nil:
		showError(f.sh.win, err)
		return
	}
	f.sh.st.DeleteDraft(f.sh.ctx, f.draftKey())
	f.sh.form = nil // gone: nothing left to ask about
	f.done()
}

// usesText words what refers to a member (store.DeleteMember).
func usesText(uses string) string {
	words := map[string]string{"roll": "biên bản đã chốt", "speaker": "ý kiến phát biểu", "task": "nhiệm vụ được giao",
		"review": "kiểm điểm", "dues": "sổ đảng phí", "candidate": "hồ sơ phát triển đảng viên"}
	var out []string
	for _, u := range strings.Split(uses, ",") {
		out = append(out, words[u])
	}
	return strings.Join(out, ", ")
}
