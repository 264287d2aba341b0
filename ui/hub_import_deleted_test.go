package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"chibo/store"
	bundle "chibo/sync"
)

// A cell takes back a member and a draft meeting it had already sent: the
// hub's import line of that bundle says so, by kind, and stands out, so a
// clerk never misses that a cell deleted a member.
func TestHubImportSaysWhatACellDeleted(t *testing.T) {
	ctx := context.Background()
	cell, hubStore := newCellAndHub(t)
	hub := newTestShell(t, hubStore)
	ms := addMembers(t, cell.st, "Giàng A Páo", "Lù Thị Mai", "Vàng Seo Chứ")
	m, err := cell.st.NewMeeting(ctx, store.MeetingRegular, "2026-03-05")
	if err != nil {
		t.Fatal(err)
	}
	if m, err = cell.st.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	hub.nav.Select(1)
	imp := hub.current.(*hubImportScreen)

	first := t.TempDir()
	if _, err := bundle.Export(ctx, cell.st, first); err != nil {
		t.Fatal(err)
	}
	imp.run(first)
	tapDialogButton(t, hub.win, "Đúng, nhận dữ liệu")
	if line := summaryLine(t, imp, 0); strings.Contains(line, "xóa") || !strings.HasSuffix(line, ": Đã nhận.") {
		t.Fatalf("a bundle that deleted nothing reads %q", line)
	}

	if err := cell.st.DeleteMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if err := cell.st.DeleteMember(ctx, ms[2].ID); err != nil {
		t.Fatal(err)
	}
	second := t.TempDir()
	if _, err := bundle.Export(ctx, cell.st, second); err != nil {
		t.Fatal(err)
	}
	imp.run(second)
	line := summaryLine(t, imp, 0)
	if want := "Đã nhận (có 2 mục chi bộ đã xóa: 1 đảng viên, 1 buổi sinh hoạt)."; !strings.Contains(line, want) {
		t.Fatalf("import line %q, want %q", line, want)
	}
	if l := imp.summary.Objects[0].(*widget.Label); l.Importance != widget.WarningImportance {
		t.Errorf("the line of a bundle that deleted a member does not stand out (importance %v)", l.Importance)
	}
	if !strings.Contains(imp.status.Text, "CHÚ Ý: 1 tệp có mục chi bộ đã xóa") {
		t.Errorf("status %q does not point at the deletions", imp.status.Text)
	}
	site, _ := cell.st.Site(ctx)
	if left, _ := hubStore.Members(ctx, site.ID, ""); len(left) != 2 {
		t.Errorf("the hub keeps %d members of the cell, want 2", len(left))
	}
}

// summaryLine is line i of the import summary.
func summaryLine(t *testing.T, imp *hubImportScreen, i int) string {
	t.Helper()
	if len(imp.summary.Objects) <= i {
		t.Fatalf("summary has %d lines; status %q", len(imp.summary.Objects), imp.status.Text)
	}
	return imp.summary.Objects[i].(*widget.Label).Text
}
