package ui

import (
	"context"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"chibo/store"
)

// TestScreenshots renders every main screen to a PNG in $CHIBO_SCREENSHOTS
// (`make screenshots`), with the normal theme and some demo data.
func TestScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	ctx := context.Background()
	shot := func(s *shell, name string) { t.Helper(); snapshot(t, s, dir, name, shotSize) }

	setup := newTestShell(t, openStore(t))
	shot(setup, "01-thiet-lap")

	cell, hubStore := newCellAndHub(t)
	seedCell(t, cell.st)
	cell.show(newOverview(cell)) // built before the seed data went in
	shot(cell, "02-tong-quan")
	m := openMembers(t, cell)
	shot(cell, "03-dang-vien")
	m.open(0)
	shot(cell, "04-dang-vien-sua")
	cell.nav.Select(2)
	list := cell.current.(*meetingsScreen)
	shot(cell, "05-sinh-hoat")
	list.open(0)
	shot(cell, "06-bien-ban")
	cell.nav.Select(3)
	shot(cell, "07-gui-cap-tren")

	stick := t.TempDir()
	if _, err := exportTo(ctx, cell.st, stick); err != nil {
		t.Fatal(err)
	}
	hub := newTestShell(t, hubStore)
	hub.nav.Select(1)
	imp := hub.current.(*hubImportScreen)
	imp.run(stick)
	shot(hub, "08-nhan-du-lieu-xac-nhan")
	closeDialogs(hub.win)
	imp.results[0] = importOne(ctx, hubStore, imp.results[0].File, []string{imp.results[0].Sender.Fingerprint})
	imp.finish()
	shot(hub, "09-nhan-du-lieu")
	hub.nav.Select(0)
	shot(hub, "10-cac-chi-bo")
	hub.nav.Select(2)
	shot(hub, "11-the-cap-uy")

	// The lock: what a start, or a laptop left alone, shows first.
	shot(lockedCellShell(t), "16-mo-khoa")

	// The cell's daily screens again at «Rất lớn», the size for older
	// eyes: the window stays within the laptop's screen.
	fyne.SetCurrentApp(cell.app) // the lock's shell made its own app current
	cell.app.Preferences().SetFloat(prefTextScale, 1.45)
	applyTextSize(cell.app)
	for _, sc := range []struct {
		name string
		open func()
	}{
		{"02-tong-quan-rat-lon", func() { cell.goSection("Tổng quan") }},
		{"03-dang-vien-rat-lon", func() { cell.goSection(sectionMembers) }},
		{"04-dang-vien-sua-rat-lon", func() { cell.current.(*membersScreen).open(0) }},
		{"06-bien-ban-rat-lon", func() {
			cell.form = nil // the member form was only looked at
			cell.goSection(sectionMeetings).(*meetingsScreen).open(0)
		}},
		{"17-dang-phi-rat-lon", func() { cell.form = nil; cell.goSection(sectionDues) }},
	} {
		sc.open()
		closeDialogs(cell.win)
		shot(cell, sc.name)
	}
}

// shotSize is the screenshots' window: a 1366x768 laptop screen less the
// title bar and the task bar.
var shotSize = fyne.NewSize(1366, 728)

// screenshotDir is $CHIBO_SCREENSHOTS (`make screenshots`), or a
// temporary folder, so a screen that no longer renders fails here first.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CHIBO_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot writes the window as dir/name.png at size, in the light theme
// at the text size chosen in the app's settings.
func snapshot(t *testing.T, s *shell, dir, name string, size fyne.Size) {
	t.Helper()
	fyne.SetCurrentApp(s.app) // widgets read the theme of the current app
	scale := float32(s.app.Preferences().FloatWithFallback(prefTextScale, 1))
	s.app.Settings().SetTheme(scaledTheme{base: lightTheme{theme.DefaultTheme()}, scale: scale})
	settle(s, size)
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, s.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// seedCell fills a cell with a few members and one meeting.
func seedCell(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	ms := []store.Member{
		{FullName: "Giàng A Páo", Sex: store.SexMale, BirthDate: "1975-04-12", Ethnicity: "Mông", Position: store.PositionSecretary, AdmissionDate: "1999-05-19", Phone: "0912 345 678"},
		{FullName: "Lù Thị Mai", Sex: store.SexFemale, BirthDate: "1988-09-02", Ethnicity: "Dao", Position: store.PositionDeputy, AdmissionDate: "2012-02-03"},
		{FullName: "Vàng Seo Chứ", Sex: store.SexMale, BirthDate: "1990-01-20", Ethnicity: "Mông", AdmissionDate: "2016-12-22"},
		{FullName: "Thào Thị Dua", Sex: store.SexFemale, BirthDate: "1999-07-07", Status: store.StatusProbationary, AdmissionDate: "2026-03-26"},
		{FullName: "Sùng A Lử", Sex: store.SexMale, BirthDate: "1950-03-03", Status: store.StatusExempt, AdmissionDate: "1972-08-30"},
	}
	if _, err := st.SaveMembers(ctx, ms); err != nil {
		t.Fatal(err)
	}
	m, err := st.NewMeeting(ctx, store.MeetingRegular, "2026-11-05")
	if err != nil {
		t.Fatal(err)
	}
	m.Topic = "Sinh hoạt thường kỳ tháng 11 năm 2026"
	m.MinuteTaker = "Lù Thị Mai"
	m.Guests = "Đ/c Hoàng Văn Thắng, Đảng ủy viên phụ trách thôn"
	m.Attendance[len(m.Attendance)-1].Status = store.AttExcused
	m.Attendance[len(m.Attendance)-1].Reason = "Đi làm ăn xa"
	m.Agenda = []store.AgendaItem{
		{Title: "Kết quả thực hiện nghị quyết tháng 10", Discussion: "Đ/c Páo: thu hoạch lúa xong, 100% hộ tham gia làm đường.\nĐ/c Mai: còn 3 hộ chưa nộp quỹ.", Conclusion: "Hoàn thành cơ bản; đôn đốc 3 hộ nộp quỹ."},
		{Title: "Nhiệm vụ tháng 12", Discussion: "Chuẩn bị kiểm điểm cuối năm.", Conclusion: "Mỗi đảng viên viết bản tự kiểm điểm trước 15/12."},
	}
	m.Resolution = "Chi bộ thống nhất nhiệm vụ tháng 12 như trên."
	m.VotesFor = 2 // two full members present may vote
	if _, err := st.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
}

// lightTheme is Fyne's default theme in its light variant, closest to what
// a Windows laptop shows by default.
type lightTheme struct{ fyne.Theme }

func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}
