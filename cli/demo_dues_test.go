package cli

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"chibo/store"
)

// TestDemoDuesLookReal: the demo cell's book is what a highland cell's
// looks like: most months paid, at the meeting or through the portal, a
// few not recorded yet, one reduction and one exemption of Quy định
// 01-QĐ/TW, one month recorded as not paid, and nobody in red.
func TestDemoDuesLookReal(t *testing.T) {
	t.Setenv(envPass, "")
	dir := filepath.Join(t.TempDir(), "demo")
	mustRun(t, "demo", "--data", dir)
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Unlock(DemoPassphrase); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	lines, err := st.DuesYear(context.Background(), now.Year(), now)
	if err != nil {
		t.Fatal(err)
	}
	var owed, paid, portal, meeting, unrecorded, unpaid, reduced, exempt int
	var rates = map[int64]bool{}
	for _, l := range lines {
		if l.Warn {
			t.Errorf("%s is warned in the demo", l.Member.FullName)
		}
		rates[l.Rate] = true
		unrecorded += l.Unrecorded
		for i, e := range l.Months {
			if l.Owed[i] && e.Month <= now.Format("2006-01") {
				owed++
			}
			switch e.Status() {
			case store.DuesStatePaid:
				paid++
				if e.Method == store.DuesPortal {
					portal++
				} else {
					meeting++
				}
			case store.DuesStateUnpaid:
				unpaid++
			case store.DuesStateExempt:
				exempt++
			}
			if e.ReductionPct == 50 {
				reduced++
			}
		}
	}
	t.Logf("demo %d: %d months owed, %d paid (%d at meetings, %d portal), %d unrecorded, %d unpaid, %d reduced, %d exempt, %d rates",
		now.Year(), owed, paid, meeting, portal, unrecorded, unpaid, reduced, exempt, len(rates))
	if paid < owed*3/4 || portal == 0 || meeting == 0 || len(rates) < 3 {
		t.Errorf("the demo's payments do not look like a cell's")
	}
	if now.After(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) && (reduced == 0 || exempt == 0 || unpaid == 0) {
		t.Errorf("the demo shows no reduction, exemption or unpaid month")
	}
}
