package cli

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"chibo/store"
	bundle "chibo/sync"
)

// demoPeople are invented villagers of a Mông and Nùng highland commune.
var demoPeople = []struct {
	name, sex, ethnicity, status, position, occupation string
	born                                               int
}{
	{"Giàng A Páo", "male", "Mông", "full", "secretary", "Nông dân", 1978},
	{"Lù Thị Mai", "female", "Nùng", "full", "deputy", "Giáo viên", 1986},
	{"Thào A Lử", "male", "Mông", "full", "committee", "Trưởng thôn", 1981},
	{"Vàng Seo Chứ", "male", "Mông", "probationary", "member", "Nông dân", 1999},
	{"Sùng Thị Dợ", "female", "Mông", "exempt", "member", "Hưu trí", 1950},
	{"Ly Seo Dín", "male", "Mông", "full", "member", "Nông dân", 1972},
	{"Hầu A Dế", "male", "Mông", "full", "member", "Nông dân", 1969},
	{"Giàng Thị Mỷ", "female", "Mông", "full", "member", "Y tá thôn bản", 1990},
	{"Mùa A Chảo", "male", "Mông", "full", "member", "Công an viên", 1988},
	{"Vàng Thị Súa", "female", "Mông", "full", "member", "Hội Phụ nữ", 1984},
	{"Nông Văn Hòa", "male", "Nùng", "full", "member", "Nông dân", 1975},
	{"Hoàng Thị Lan", "female", "Nùng", "full", "member", "Nông dân", 1983},
	{"Triệu Tài Vần", "male", "Dao", "full", "member", "Nông dân", 1979},
	{"Bàn Thị Mây", "female", "Dao", "probationary", "member", "Nông dân", 2001},
	{"Nguyễn Văn An", "male", "Kinh", "full", "member", "Giáo viên", 1980},
	{"Trần Thị Hà", "female", "Kinh", "temporary", "member", "Giáo viên", 1995},
	{"Lù Văn Sáng", "male", "Nùng", "full", "member", "Nông dân", 1966},
	{"Sùng A Tỉnh", "male", "Mông", "full", "member", "Dân quân", 1993},
	{"Giàng Seo Phử", "male", "Mông", "full", "member", "Nông dân", 1961},
	{"Thào Thị Dung", "female", "Mông", "full", "member", "Chi hội trưởng phụ nữ", 1987},
	{"Hoàng Văn Thắng", "male", "Tày", "full", "member", "Cán bộ xã", 1977},
	{"Ma Seo Lủ", "male", "Mông", "full", "member", "Nông dân", 1958},
	{"Cư Thị Pà", "female", "Mông", "full", "member", "Nông dân", 1992},
	{"Vàng A Sình", "male", "Mông", "exempt", "member", "Hưu trí", 1948},
	{"Lò Văn Tiến", "male", "Giáy", "full", "member", "Bí thư Đoàn", 1997},
}

var demoAgenda = []struct{ title, discussion, conclusion string }{
	{"Thông tin thời sự, chủ trương, chính sách mới",
		"Đồng chí Bí thư phổ biến nghị quyết của Đảng ủy xã về phát triển kinh tế nông nghiệp, trồng cây dược liệu dưới tán rừng.",
		"Chi bộ nhất trí triển khai đến từng hộ gia đình đảng viên."},
	{"Đánh giá kết quả thực hiện nghị quyết tháng trước",
		"Đồng chí Thào A Lử báo cáo: 100 % hộ đã đăng ký làm chuồng trại hợp vệ sinh; còn 3 hộ chưa hoàn thành đường nội đồng.",
		"Giao đồng chí Trưởng thôn đôn đốc các hộ còn lại hoàn thành trong tháng."},
	{"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
		"Đồng chí Lù Thị Mai trình bày chuyên đề về tinh thần đoàn kết các dân tộc; đồng chí Nguyễn Văn An liên hệ bản thân.",
		"Mỗi đảng viên đăng ký một việc làm cụ thể."},
	{"Ý kiến của đảng viên và nhân dân",
		"Đồng chí Giàng Thị Mỷ phản ánh tình hình tiêm chủng cho trẻ em; đồng chí Mùa A Chảo báo cáo an ninh trật tự ổn định.",
		"Đề nghị trạm y tế xã hỗ trợ buổi tiêm chủng tại thôn."},
	{"Nhiệm vụ tháng tới",
		"Chi bộ thảo luận kế hoạch chăm sóc lúa, phòng chống rét cho gia súc và thu đảng phí.",
		"Thống nhất các nhiệm vụ; phân công đồng chí chi ủy viên phụ trách từng nhóm hộ."},
}

// demoPassphrase locks the demo folders: CHIBO_PASSPHRASE when set, else
// the documented DemoPassphrase, so `make run` and the scripts need no
// prompt.
func demoPassphrase() string {
	if p := os.Getenv(envPass); p != "" {
		return p
	}
	return DemoPassphrase
}

func runDemo(e env, args []string) error {
	fs, data := newFlags(e, "demo")
	card := fs.String("hub-card", "", "hub card to send to (default: make a demo hub beside the data folder)")
	asHub := fs.Bool("hub", false, "build a hub from --cells synthetic cells' bundles instead (see hubdemo.go)")
	hd := parseHubDemo(fs)
	if err := parse(fs, args, data); err != nil {
		return err
	}
	e.pass = demoPassphrase()
	if *asHub {
		hd.dir = *data
		return runHubDemo(e, hd)
	}
	hubNote := ""
	if *card == "" {
		hubDir := strings.TrimSuffix(filepath.Clean(*data), string(filepath.Separator)) + "-hub"
		c, err := demoHub(e, hubDir)
		if err != nil {
			return err
		}
		*card, hubNote = c, fmt.Sprintf("; demo hub in %s", hubDir)
	}
	c, err := bundle.ReadCard(*card)
	if err != nil {
		return err
	}
	if _, err := initSite(e, *data, store.Setup{Role: store.RoleCell, Name: "Chi bộ thôn Sín Chéng",
		ParentName: "Đảng bộ xã Sín Chéng", Place: "Sín Chéng", HasCommittee: true, Hub: &c.Hub,
		Onward: c.Onward, Mailboxes: c.Mailboxes}); err != nil {
		return err
	}
	st, _, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	n, meetings, err := fillDemo(e, st, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "demo cell in %s: %d members, %d meetings%s\n", *data, n, meetings, hubNote)
	return nil
}

// demoHub sets up a hub for the demo (or reuses one) and returns its card.
func demoHub(e env, dir string) (string, error) {
	card := filepath.Join(dir, "the-cap-uy.json")
	st, err := store.Open(dir)
	if err != nil {
		return "", err
	}
	st.Close()
	if _, err := initSite(e, dir, store.Setup{Role: store.RoleHub, Name: "Đảng ủy xã Sín Chéng", Place: "Sín Chéng"}); err != nil &&
		!strings.Contains(err.Error(), "already set up") {
		return "", err
	}
	st, _, err = openSite(e, dir, "")
	if err != nil {
		return "", err
	}
	defer st.Close()
	return card, bundle.WriteHubCard(e.ctx, st, card)
}

// fillDemo writes the members and a year of meetings up to now.
func fillDemo(e env, st *store.Store, now time.Time) (int, int, error) {
	r := rand.New(rand.NewPCG(2026, 11))
	ms := make([]store.Member, len(demoPeople))
	for i, p := range demoPeople {
		joined := time.Date(max(p.born+25, 1975+i), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		if p.status == store.StatusProbationary {
			joined = now.AddDate(0, -3-i%6, -r.IntN(20))
		}
		m := store.Member{FullName: p.name, Sex: p.sex, Ethnicity: p.ethnicity, Status: p.status, Position: p.position,
			Occupation: p.occupation, BirthDate: time.Date(p.born, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format("2006-01-02"),
			HomeTown: "Thôn Sín Chéng, xã Sín Chéng", Residence: "Thôn Sín Chéng, xã Sín Chéng",
			CitizenID: fmt.Sprintf("0100%02d%06d", p.born%100, 1000+i*37), Education: []string{"9/12", "12/12", "7/12"}[i%3],
			AdmissionDate: joined.Format("2006-01-02"), Phone: fmt.Sprintf("09%08d", 12345678+i*1111)}
		if p.status != store.StatusProbationary {
			m.FullDate = joined.AddDate(1, 0, 0).Format("2006-01-02")
			m.CardNo = fmt.Sprintf("250%05d", 10000+i*313)
			m.BackgroundNo = fmt.Sprintf("%06dLC", 10000+i*313)
		}
		ms[i] = m
	}
	saved, err := st.SaveMembers(e.ctx, ms)
	if err != nil {
		return 0, 0, err
	}
	dd := demoDues{now: now, occupation: map[string]string{}}
	for _, m := range saved {
		dd.occupation[m.ID] = m.Occupation
	}
	if err := dd.reliefs(e, st, saved); err != nil {
		return 0, 0, err
	}
	count := 0
	for k := 11; k >= 0; k-- {
		month := time.Date(now.Year(), now.Month(), 5, 0, 0, 0, 0, time.UTC).AddDate(0, -k, 0)
		if err := demoMeeting(e, st, saved, month, store.MeetingRegular, k > 0, r, dd); err != nil {
			return 0, 0, err
		}
		count++
		if month.Month()%3 == 0 && k > 0 {
			if err := demoMeeting(e, st, saved, month.AddDate(0, 0, 10), store.MeetingThematic, true, r, dd); err != nil {
				return 0, 0, err
			}
			count++
		}
	}
	return len(saved), count, nil
}

func demoMeeting(e env, st *store.Store, members []store.Member, day time.Time, kind string, finalize bool, r *rand.Rand, dd demoDues) error {
	m, err := st.NewMeeting(e.ctx, kind, day.Format("2006-01-02"))
	if err != nil {
		return err
	}
	m.Place = "Nhà văn hóa thôn Sín Chéng"
	m.MinuteTaker = members[1].FullName
	m.Guests = "Đồng chí Hoàng Văn Thắng, Đảng ủy viên, phụ trách chi bộ"
	if kind == store.MeetingThematic {
		m.Topic = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
	}
	present := 0
	for i := range m.Attendance {
		a := &m.Attendance[i]
		switch {
		case a.Status == store.AttExempt, a.MemberName == m.Chair: // the chair must be present
		case r.IntN(12) == 0:
			a.Status, a.Reason = store.AttExcused, []string{"Ốm", "Đi làm ăn xa", "Việc gia đình"}[r.IntN(3)]
		case r.IntN(30) == 0:
			a.Status = store.AttUnexcused
		default:
			present++
		}
	}
	m.Agenda = nil // the demo writes its own agenda instead of the standard one
	for _, it := range demoAgenda {
		m.Agenda = append(m.Agenda, store.AgendaItem{Title: it.title, Discussion: it.discussion, Conclusion: it.conclusion})
	}
	m.Resolution = fmt.Sprintf("Chi bộ thống nhất thực hiện các nhiệm vụ tháng %d/%d như đã thảo luận.", day.Month()%12+1, day.Year())
	m.VotesFor = max(present-3, 0)
	if kind == store.MeetingRegular {
		m.Dues = dd.ticks(m, day) // dues are handed over at the regular meeting
	}
	m, err = st.SaveMeeting(e.ctx, m)
	if err != nil {
		return err
	}
	if kind == store.MeetingRegular && finalize {
		if err := dd.afterMeeting(e, st, m, day, r); err != nil {
			return err
		}
	}
	if finalize {
		_, err = st.FinalizeMeeting(e.ctx, m.ID)
	}
	return err
}
