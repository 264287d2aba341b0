package mailbox_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"chibo/store"
	chibosync "chibo/sync"
)

// TestEndToEndThroughMailbox: a cell, its commune and the province,
// through one mailbox process. Twelve months of the cell's changes go up,
// acknowledgements and the commune's decision on the year's ratings come
// back, the province gets the relayed copies, and the result is, field
// by field, what the same history gives when it travels by stick to
// copies of the commune and province taken at the start.
func TestEndToEndThroughMailbox(t *testing.T) {
	ctx := context.Background()
	w := world{t, t.TempDir()}
	mb := startMailbox(t, w.path("mailbox-store"))
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(filepath.Join(w.path("mailbox-store"), "mailbox.log"))
			lines := strings.Split(string(b), "\n")
			t.Logf("mailbox log, last lines:\n%s", strings.Join(lines[max(0, len(lines)-25):], "\n"))
		}
	})
	province := w.hub("province", "Tỉnh ủy Lào Cai")
	commune := w.hub("commune", "Đảng ủy xã Tả Van")
	pinAbove(t, w, commune, province)
	w.use(province, mb)
	w.use(commune, mb)
	cell := w.cell("cell", "Chi bộ thôn Lao Chải", commune)
	communeS, provinceS := copyDir(t, commune, w.path("commune-stick")), copyDir(t, province, w.path("province-stick"))
	// The fingerprints a clerk confirms on the first month: the cell's at
	// the commune, the commune's (its roster) at the province.
	cellFP, communeFP := fingerprintOf(t, cell), fingerprintOf(t, commune)

	for month := 1; month <= 13; month++ {
		first := month == 1
		editMonth(t, cell, month)
		mustChibo(t, "send", "--data", cell)
		stick := t.TempDir()
		mustChibo(t, "export", "--data", cell, "--out", stick)
		fetch(t, commune, onFirst(first, cellFP)...)
		importStick(t, communeS, stick, onFirst(first, cellFP)...)
		if month == 12 {
			for _, hub := range []string{commune, communeS} {
				decide(t, hub, siteID(t, cell))
			}
		}
		mustChibo(t, "send", "--data", commune)
		fetch(t, cell)
		fetch(t, province, onFirst(first, communeFP)...)
		relayed := t.TempDir()
		mustChibo(t, "relay", "--data", communeS, "--out", relayed)
		importStick(t, provinceS, relayed, onFirst(first, communeFP)...)
	}

	cellID := siteID(t, cell)
	want := recordsOf(t, cell, "")
	if len(want.members) != 26 || len(want.meetings) != 13 || len(want.reviews) != 26 {
		t.Fatalf("the cell holds %d members, %d meetings, %d reviews", len(want.members), len(want.meetings), len(want.reviews))
	}
	for _, r := range want.reviews {
		if r.HubLevel != "good" || r.HubDecisionNo != decision.No {
			t.Fatalf("the hub's decision did not reach the cell: %+v", r)
		}
	}
	// The commune holds what the cell holds; the province what the stick
	// brought it (the commune's decisions are the commune's, not relayed).
	byStick := recordsOf(t, provinceS, cellID)
	if !reflect.DeepEqual(byStick.members, want.members) || !reflect.DeepEqual(byStick.meetings, want.meetings) {
		t.Error("the province by stick differs from the cell")
	}
	for _, c := range []struct {
		name string
		dir  string
		want records
	}{{"commune", commune, want}, {"commune by stick", communeS, want}, {"province", province, byStick}} {
		if got := recordsOf(t, c.dir, cellID); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s differs:\n got %d members, %d meetings, %d reviews\nwant %d members, %d meetings, %d reviews",
				c.name, len(got.members), len(got.meetings), len(got.reviews), len(c.want.members), len(c.want.meetings), len(c.want.reviews))
		}
	}
	_ = ctx
	if left := waitingFiles(t, w.path("mailbox-store")); len(left) > 0 {
		t.Fatalf("files left waiting at the mailbox after every exchange: %v", left)
	}
}

var decision = store.Decision{No: "125-QĐ/ĐU", Date: "2026-01-15"}

// pinAbove makes hub relay to upper, after "comparing" the fingerprint.
func pinAbove(t *testing.T, w world, hub, upper string) {
	t.Helper()
	card := w.card(upper)
	c, err := chibosync.ReadCard(card)
	if err != nil {
		t.Fatal(err)
	}
	mustChibo(t, "onward", "--data", hub, "--card", card, "--fingerprint", c.Hub.Fingerprint)
}

// fetch takes what waits for site, enrolling the new senders whose
// fingerprints a clerk confirmed (accept).
func fetch(t *testing.T, site string, accept ...string) string {
	t.Helper()
	args := []string{"fetch", "--data", site}
	for _, fp := range accept {
		args = append(args, "--accept-new", fp)
	}
	return mustChibo(t, args...)
}

// onFirst is the fingerprint to confirm when first, else none.
func onFirst(first bool, fp string) []string {
	if first {
		return []string{fp}
	}
	return nil
}

// fingerprintOf is a site's own key fingerprint, as its screen shows it.
func fingerprintOf(t *testing.T, dir string) string {
	t.Helper()
	st := open(t, dir)
	defer st.Close()
	keys, err := st.Keys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	pub, rcpt, err := chibosync.PublicKeys(keys)
	if err != nil {
		t.Fatal(err)
	}
	return chibosync.Fingerprint(pub, rcpt)
}

func importStick(t *testing.T, site, stick string, accept ...string) {
	t.Helper()
	files, err := chibosync.BundleFiles(stick)
	if err != nil || len(files) == 0 {
		t.Fatalf("stick %s: %v %v", stick, files, err)
	}
	args := []string{"import", "--data", site}
	for _, fp := range accept {
		args = append(args, "--accept-new", fp)
	}
	mustChibo(t, append(args, files...)...)
}

// editMonth is a month of a cell's book: the members at the start, a
// regular meeting every month, a newcomer in March, a changed phone in
// June, the year's ratings in December, and a January meeting after.
func editMonth(t *testing.T, dir string, month int) {
	t.Helper()
	ctx := context.Background()
	st := open(t, dir)
	defer st.Close()
	if month == 1 {
		ms := make([]store.Member, 25)
		for i := range ms {
			ms[i] = store.Member{FullName: fmt.Sprintf("Giàng A Páo %02d", i), Sex: store.SexMale, BirthDate: "1980-03-04",
				Ethnicity: "H'Mông", HomeTown: "Lao Chải", AdmissionDate: "2005-05-19", Status: store.StatusFull,
				Position: store.PositionMember}
		}
		ms[0].Position = store.PositionSecretary
		must(t, func() error { _, err := st.SaveMembers(ctx, ms); return err })
	}
	if month == 3 {
		must(t, func() error {
			_, err := st.SaveMembers(ctx, []store.Member{{FullName: "Lù Thị Mai", Sex: store.SexFemale, BirthDate: "1990-01-02",
				Ethnicity: "Nùng", AdmissionDate: "2025-03-01", Status: store.StatusProbationary, Position: store.PositionMember}})
			return err
		})
	}
	ms, err := st.Members(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if month == 6 {
		ms[3].Phone = "0987654321"
		must(t, func() error { _, err := st.SaveMembers(ctx, ms[3:4]); return err })
	}
	date := fmt.Sprintf("2025-%02d-05", month)
	if month == 13 {
		date = "2026-01-05"
	}
	m, err := st.NewMeeting(ctx, store.MeetingRegular, date)
	if err != nil {
		t.Fatal(err)
	}
	m.Topic, m.MinuteTaker, m.Resolution, m.VotesFor = fmt.Sprintf("Sinh hoạt tháng %d", month), "Lò Thị Mai", "Nhất trí.", 10
	m.Agenda = []store.AgendaItem{{Title: "Đánh giá tình hình tháng", Discussion: "Đ/c Páo: đề nghị bổ sung.", Conclusion: "Thống nhất."}}
	if m, err = st.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	must(t, func() error { _, err := st.FinalizeMeeting(ctx, m.ID); return err })
	if month == 12 {
		rs := []store.Review{}
		for _, mm := range ms {
			rs = append(rs, store.Review{MemberID: mm.ID, Year: 2025, CellLevel: "good"})
		}
		must(t, func() error { _, err := st.SaveReviews(ctx, rs); return err })
	}
}

// decide approves the cell's proposed ratings at a hub.
func decide(t *testing.T, hub, cellID string) {
	t.Helper()
	st := open(t, hub)
	defer st.Close()
	today := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	if n, err := st.ApproveRatings(context.Background(), cellID, 2025, decision, today); err != nil || n != 26 {
		t.Fatalf("approve at %s: %d, %v", hub, n, err)
	}
}

func must(t *testing.T, f func() error) {
	t.Helper()
	if err := f(); err != nil {
		t.Fatal(err)
	}
}

func siteID(t *testing.T, dir string) string {
	t.Helper()
	st := open(t, dir)
	defer st.Close()
	s, err := st.Site(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.ID
}

// records is what a site holds of one cell, field by field.
type records struct {
	members  []store.Member
	meetings []store.Meeting
	reviews  map[string]store.Review
}

func recordsOf(t *testing.T, dir, orgID string) records {
	t.Helper()
	ctx := context.Background()
	st := open(t, dir)
	defer st.Close()
	var r records
	var err error
	if r.members, err = st.Members(ctx, orgID, ""); err != nil {
		t.Fatal(err)
	}
	list, err := st.Meetings(ctx, orgID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range list {
		full, err := st.Meeting(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		r.meetings = append(r.meetings, full)
	}
	if r.reviews, err = st.Reviews(ctx, orgID, 2025); err != nil {
		t.Fatal(err)
	}
	if orgID == "" { // the cell itself: its own id, as the hubs key it
		s, _ := st.Site(ctx)
		for k, v := range r.reviews {
			v.OrgID = s.ID
			r.reviews[k] = v
		}
	}
	return r
}

// waitingFiles lists the deposits still waiting in a mailbox's store.
func waitingFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(filepath.Join(dir, "items"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "data" {
			out = append(out, strings.TrimPrefix(p, dir))
		}
		return nil
	})
	return out
}

// copyDir copies a closed data folder: a hub as it stands, with its keys.
func copyDir(t *testing.T, src, dst string) string {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o700)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
