package report

import (
	"fmt"
	"strings"
	"time"

	"chibo/rules"
	"chibo/store"
)

// sampleOrg is a highland cell under a commune party committee.
func sampleOrg() store.Org {
	return store.Org{ID: "org-1", Name: "Chi bộ thôn Sín Chéng", Kind: store.OrgKindCell,
		ParentName: "Đảng bộ xã Sín Chéng", Place: "Sín Chéng", HasCommittee: true}
}

var sampleNames = []string{
	"Giàng A Páo", "Lý Thị Mai", "Vàng A Sử", "Sùng Seo Chứ", "Thào Thị Dung", "Lù Văn Thắng",
	"Hầu A Lử", "Ma Thị Hoa", "Cư Seo Lềnh", "Tráng A Dế", "Nông Văn Đức", "Hoàng Thị Ngọc",
	"Vừ A Chính", "Lò Thị Ơn", "Phàn Văn Quý", "Chảo Thị Dìn", "Sầm Văn Tuấn", "Đặng Thị Yến",
	"Triệu Văn Ươn", "Mùa A Trừ", "Hờ A Sình", "Lầu Thị Dợ", "Giàng Seo Phử", "Vàng Thị Mỷ", "Ly A Quẩy",
}

// sampleMeeting builds a finalized 25-member regular meeting with items
// agenda items whose discussion is repeated long times, and its members.
func sampleMeeting(items, long int) (store.Meeting, []store.Member) {
	var ms []store.Member
	m := store.Meeting{ID: "mtg-1", OrgID: "org-1", Kind: store.MeetingRegular, Date: "2026-11-05",
		StartTime: "19:30", EndTime: "21:30", Place: "Nhà văn hóa thôn Sín Chéng",
		Chair: "Giàng A Páo", MinuteTaker: "Lý Thị Mai",
		Guests: "đồng chí Hoàng Văn Chiến, Đảng ủy viên, phụ trách địa bàn",
		Resolution: "Chi bộ thống nhất thông qua nghị quyết tháng 11 năm 2026 với các nhiệm vụ: " +
			"hoàn thành thu hoạch lúa mùa, vận động 100 % hộ tham gia bảo hiểm y tế, chuẩn bị đánh giá, xếp loại đảng viên cuối năm.",
		VotesFor: 15, VotesAgainst: 1, VotesAbstain: 1, State: store.StateFinalized, Number: 11, Revision: 1,
		FinalizedAt: "2026-11-06T08:00:00Z"}
	for i, name := range sampleNames {
		mem := store.Member{ID: fmt.Sprintf("m%02d", i), OrgID: "org-1", FullName: name,
			Status: store.StatusFull, Position: store.PositionMember}
		a := store.Attendance{MemberID: mem.ID, Status: store.AttPresent}
		switch i {
		case 0:
			mem.Position = store.PositionSecretary
		case 1:
			mem.Position = store.PositionDeputy
		case 20, 21:
			mem.Status = store.StatusProbationary
		case 22:
			mem.Status = store.StatusTemporary
		case 23:
			mem.Status, a.Status = store.StatusExempt, store.AttExempt
		case 3:
			a.Status, a.Reason = store.AttExcused, "ốm, nằm viện huyện"
		case 4:
			a.Status, a.Reason = store.AttExcused, "đi làm ăn xa ở Bình Dương"
		case 5:
			a.Status = store.AttUnexcused
		case 6:
			a.Status = store.AttElsewhere
		}
		ms = append(ms, mem)
		m.Attendance = append(m.Attendance, a)
	}
	titles := []string{"Thông tin thời sự, chính sách mới", "Tình hình tư tưởng đảng viên và nhân dân",
		"Kiểm điểm thực hiện nghị quyết tháng 10", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
		"Ý kiến của đảng viên và quần chúng", "Nhiệm vụ tháng 12 năm 2026", "Công tác phát triển đảng viên"}
	speech := "Đồng chí Vàng A Sử: nhất trí với báo cáo, đề nghị chi bộ phân công cụ thể từng đồng chí phụ trách các nhóm hộ, " +
		"theo dõi việc thu hoạch và bảo quản lúa, phòng chống rét cho gia súc trong mùa đông sắp tới. "
	for i := 0; i < items; i++ {
		disc := speech + "\nĐồng chí Ma Thị Hoa: đề nghị vận động bà con đưa trẻ đến trường đầy đủ, không để học sinh bỏ học giữa chừng."
		if long > 0 {
			disc += "\n" + strings.Repeat(speech, long)
		}
		m.Agenda = append(m.Agenda, store.AgendaItem{ID: fmt.Sprint("a", i), Title: titles[i%len(titles)],
			Discussion: disc, Conclusion: "Chi bộ nhất trí, giao chi ủy chỉ đạo thực hiện và báo cáo kết quả tại kỳ sinh hoạt sau."})
	}
	return m, ms
}

func mustDay(iso string) time.Time {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		panic(err)
	}
	return t
}

func testLayout() rules.Layout {
	s, err := rules.Current(mustDay("2026-11-05"))
	if err != nil {
		panic(err)
	}
	return s.Layout()
}
