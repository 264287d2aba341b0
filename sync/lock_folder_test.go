package sync

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"chibo/store"
)

// TestLockedFoldersRevealNothing copies a cell's and its hub's data
// folders after a real exchange (outbox, inbox, logs, backups, WAL) and
// greps every byte for the sensitive values the cell recorded.
func TestLockedFoldersRevealNothing(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	cell := newCell(t, hub, "Chi bộ thôn Lao Chải")
	secret := map[string]string{
		"citizen id":     "038095001234",
		"phone":          "0987654321",
		"card number":    "79.123456",
		"self-criticism": "Bản thân còn nể nang, ngại va chạm",
		"named remark":   "Đ/c Sùng phê bình đ/c Páo uống rượu",
		"rating":         "excellent",
	}
	m, err := cell.st.SaveMember(ctx, store.Member{FullName: "Sùng A Páo", Status: store.StatusFull,
		CitizenID: secret["citizen id"], Phone: secret["phone"], CardNo: secret["card number"], BirthDate: "1979-01-02"})
	if err != nil {
		t.Fatal(err)
	}
	fillCell(t, cell, 5, 0) // one "excellent" and five "good": within 20 % of the "good"
	ms, err := cell.st.Members(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	reviews := []store.Review{{MemberID: m.ID, Year: 2025, SelfText: secret["self-criticism"],
		SelfLevel: secret["rating"], CellLevel: secret["rating"]}}
	for _, o := range ms {
		if o.ID != m.ID {
			reviews = append(reviews, store.Review{MemberID: o.ID, Year: 2025, CellLevel: "good"})
		}
	}
	if _, err := cell.st.SaveReviews(ctx, reviews); err != nil {
		t.Fatal(err)
	}
	mt, err := cell.st.NewMeeting(ctx, store.MeetingRegular, "2025-11-05")
	if err != nil {
		t.Fatal(err)
	}
	mt.Agenda = []store.AgendaItem{{Title: "Kiểm điểm", Discussion: secret["named remark"], Conclusion: "Nhắc nhở."}}
	if _, err := cell.st.SaveMeeting(ctx, mt); err != nil {
		t.Fatal(err)
	}
	e := export(t, cell)
	if r := Import(ctx, hub.st, e.Path, acceptAll(hub.st, e.Path)); r.Status != Accepted {
		t.Fatalf("import: %+v", r)
	}
	// The hub's decision travels back: the ack body names ratings too.
	today := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	if n, err := hub.st.ApproveRatings(ctx, cell.id, 2025, decision, today); err != nil || n != 6 {
		t.Fatalf("approve: %d %v", n, err)
	}
	out, err := ExportDecisions(ctx, hub.st, t.TempDir(), nil)
	if err != nil || len(out) != 1 {
		t.Fatalf("export decisions: %+v %v", out, err)
	}
	if r := Import(ctx, cell.st, out[0].Path, Options{}); r.Status != Accepted {
		t.Fatalf("cell import of the decisions: %+v", r)
	}
	for _, s := range []*site{cell, hub} {
		if _, _, err := s.st.AutoBackup(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	for name, s := range map[string]*site{"cell": cell, "hub": hub} {
		t.Run(name, func(t *testing.T) {
			files := 0
			filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				files++
				b, _ := os.ReadFile(p)
				b = bytes.ReplaceAll(b, []byte("votes_excellent"), nil) // a column's name, not a value
				for what, v := range secret {
					if bytes.Contains(b, []byte(v)) {
						t.Errorf("%s: %s in clear", p[len(s.dir):], what)
					}
				}
				return nil
			})
			if files < 4 {
				t.Fatalf("only %d files", files)
			}
		})
	}
	// The hub reads what it received once unlocked.
	rs, err := hub.st.Reviews(ctx, cell.id, 2025)
	if err != nil || rs[m.ID].SelfText != secret["self-criticism"] || rs[m.ID].CellLevel != secret["rating"] {
		t.Fatalf("hub reviews: %+v, %v", rs, err)
	}
	if rs, err = cell.st.Reviews(ctx, "", 2025); err != nil || rs[m.ID].HubLevel != secret["rating"] {
		t.Fatalf("cell reviews after the decision: %+v, %v", rs, err)
	}
}
