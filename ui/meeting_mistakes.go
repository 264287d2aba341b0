package ui

import (
	"fmt"

	"chibo/store"
)

// Catching and undoing a meeting's mistakes: a second regular meeting
// for a month, a draft started by mistake.

// monthTwin is another regular meeting of m's month, if there is one (a
// finalized meeting its correction supersedes does not count).
func (f *meetingForm) monthTwin(m store.Meeting) (store.Meeting, bool) {
	if m.Kind != store.MeetingRegular || len(m.Date) < 7 {
		return store.Meeting{}, false
	}
	for _, o := range f.others {
		if o.ID == m.ID || o.ID == m.Revises || f.superseded[o.ID] || o.Kind != store.MeetingRegular {
			continue
		}
		if len(o.Date) >= 7 && o.Date[:7] == m.Date[:7] {
			return o, true
		}
	}
	return store.Meeting{}, false
}

// askTwin asks before saving a second regular meeting for a month;
// «Vẫn lưu» then runs again what was asked for.
func (f *meetingForm) askTwin(twin store.Meeting, again func()) {
	q := fmt.Sprintf("Tháng %s đã có buổi sinh hoạt thường kỳ ngày %s (%s). Mỗi tháng thường chỉ có một buổi thường kỳ; "+
		"có thể đây là buổi đó được ghi hai lần, hoặc ngày họp gõ nhầm. Vẫn lưu buổi thứ hai?",
		showDate(twin.Date)[3:], showDate(twin.Date), stateText(twin))
	confirm(f.sh.win, "Có thể trùng buổi sinh hoạt", q, "Vẫn lưu", func() {
		f.twinOK = true
		again()
	})
}

// askDelete deletes a draft meeting (a finalized one is corrected).
func (f *meetingForm) askDelete() {
	sent, err := f.sh.st.Sent(f.sh.ctx, "meeting", f.m.ID)
	if err != nil {
		showError(f.sh.win, err)
		return
	}
	q := fmt.Sprintf("Xóa bản nháp biên bản ngày %s? Mọi nội dung đã ghi và đảng phí đánh dấu ở buổi này sẽ bị xóa.", showDate(f.m.Date))
	if sent {
		q += " Cấp trên đã nhận bản nháp này: lần gửi tới sẽ báo cấp trên xóa theo."
	}
	confirm(f.sh.win, "Xóa bản nháp", q, "Xóa", func() {
		if err := f.sh.st.DeleteMeeting(f.sh.ctx, f.m.ID); err != nil {
			showError(f.sh.win, err)
			return
		}
		f.sh.st.DeleteDraft(f.sh.ctx, f.draftKey())
		f.sh.form = nil // gone: nothing left to ask about
		f.done()
	})
}
