package sync

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"chibo/store"
)

// site is an open test data folder.
type site struct {
	dir string
	st  *store.Store
	id  string
}

func (s *site) close(tb testing.TB) {
	tb.Helper()
	if err := s.st.Close(); err != nil {
		tb.Fatal(err)
	}
}

func (s *site) reopen(tb testing.TB) {
	tb.Helper()
	st, err := store.Open(s.dir)
	if err != nil {
		tb.Fatal(err)
	}
	if err := st.Unlock(testPass); err != nil {
		tb.Fatal(err)
	}
	s.st = st
}

// dbHash closes the store, hashes chibo.db and reopens it, so a test can
// prove a refused import changed nothing on disk.
func (s *site) dbHash(tb testing.TB) string {
	tb.Helper()
	s.close(tb)
	b, err := os.ReadFile(filepath.Join(s.dir, store.FileName))
	if err != nil {
		tb.Fatal(err)
	}
	s.reopen(tb)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func newHub(tb testing.TB, name string) *site {
	tb.Helper()
	ctx := context.Background()
	dir := tb.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	out := &site{dir: dir, st: st}
	tb.Cleanup(func() { out.st.Close() })
	keys, err := GenerateKeys()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := st.Init(ctx, store.Setup{Passphrase: testPass, Role: store.RoleHub, Name: name, Place: "Tả Van", Keys: keys})
	if err != nil {
		tb.Fatal(err)
	}
	out.id = s.ID
	return out
}

// newCell starts a cell from the hub's card, as a secretary would.
func newCell(tb testing.TB, hub *site, name string) *site {
	tb.Helper()
	ctx := context.Background()
	card := filepath.Join(tb.TempDir(), "hub.json")
	if err := WriteHubCard(ctx, hub.st, card); err != nil {
		tb.Fatal(err)
	}
	peer, err := ReadHubCard(card)
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	out := &site{dir: dir, st: st}
	tb.Cleanup(func() { out.st.Close() })
	keys, err := GenerateKeys()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := st.Init(ctx, store.Setup{Passphrase: testPass, Role: store.RoleCell, Name: name, ParentName: "Đảng ủy xã Tả Van",
		Place: "Lao Chải", HasCommittee: true, Keys: keys, Hub: &peer})
	if err != nil {
		tb.Fatal(err)
	}
	out.id = s.ID
	return out
}

// fillCell adds members and meetings with agenda and attendance, and
// finalizes all but two meetings.
func fillCell(tb testing.TB, cell *site, members, meetings int) {
	tb.Helper()
	ctx := context.Background()
	ms := make([]store.Member, members)
	for i := range ms {
		ms[i] = store.Member{FullName: fmt.Sprintf("Giàng A Páo %02d", i), Sex: store.SexMale, BirthDate: "1980-03-04",
			Ethnicity: "H'Mông", HomeTown: "Lao Chải", CardNo: fmt.Sprintf("%08d", 1000+i), AdmissionDate: "2005-05-19",
			Status: store.StatusFull, Position: store.PositionMember, Notes: "ghi chú đầy đủ"}
		if i == 0 {
			ms[0].Position = store.PositionSecretary
		}
		if i%7 == 3 {
			ms[i].Status, ms[i].Sex = store.StatusProbationary, store.SexFemale
		}
	}
	if _, err := cell.st.SaveMembers(ctx, ms); err != nil {
		tb.Fatal(err)
	}
	for i := range meetings {
		m, err := cell.st.NewMeeting(ctx, store.MeetingRegular, fmt.Sprintf("2025-%02d-05", i%12+1))
		if err != nil {
			tb.Fatal(err)
		}
		m.Topic, m.MinuteTaker, m.Resolution = fmt.Sprintf("Sinh hoạt tháng %d", i+1), "Lò Thị Mai", "Nhất trí thông qua."
		m.VotesFor = members / 2 // at most the members who may vote
		m.Agenda = []store.AgendaItem{
			{Title: "Đánh giá tình hình tháng", Discussion: "Đ/c Páo: đề nghị bổ sung.", Conclusion: "Thống nhất."},
			{Title: "Phương hướng tháng tới", Discussion: "Ý kiến đóng góp", Conclusion: "Giao chi ủy."},
		}
		if len(m.Attendance) > 2 {
			m.Attendance[1].Status, m.Attendance[1].Reason = store.AttExcused, "Đi làm nương"
			m.Attendance[2].Status = store.AttUnexcused
		}
		m, err = cell.st.SaveMeeting(ctx, m)
		if err != nil {
			tb.Fatal(err)
		}
		if i < meetings-2 {
			if _, err := cell.st.FinalizeMeeting(ctx, m.ID); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// export writes one bundle from the cell into a fresh folder.
func export(tb testing.TB, cell *site) Exported {
	tb.Helper()
	e, err := Export(context.Background(), cell.st, tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func writeFile(tb testing.TB, name string, b []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}
