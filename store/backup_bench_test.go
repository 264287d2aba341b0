package store

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkBackup backs up a cell at the planned ceiling (200 members, 20
// years of monthly meetings) and, as the baseline measured in the same
// run, copies the database file byte for byte. The ratio is what the
// snapshot and the encryption cost over the cheapest possible copy.
func BenchmarkBackup(b *testing.B) {
	ctx := context.Background()
	st, _ := backupCell(b)
	ms := make([]Member, 200)
	for i := range ms {
		ms[i] = Member{FullName: fmt.Sprintf("Giàng A Páo %03d", i), Status: StatusFull, Notes: "Thôn Sín Chéng, xã Sín Chéng"}
	}
	if _, err := st.SaveMembers(ctx, ms); err != nil {
		b.Fatal(err)
	}
	for m := range 240 {
		if _, err := st.NewMeeting(ctx, MeetingRegular, time.Date(2006, time.Month(1+m%12), 5, 0, 0, 0, 0, time.UTC).AddDate(m/12, 0, 0).Format("2006-01-02")); err != nil {
			b.Fatal(err)
		}
	}
	st.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	out := b.TempDir()
	fi, _ := os.Stat(filepath.Join(st.Dir(), FileName))
	copyFile := func() {
		in, _ := os.Open(filepath.Join(st.Dir(), FileName))
		defer in.Close()
		o, _ := os.Create(filepath.Join(out, "copy.db"))
		defer o.Close()
		io.Copy(o, in)
		o.Sync()
	}
	var base time.Duration
	b.Run("baseline_file_copy", func(b *testing.B) {
		start := time.Now()
		for b.Loop() {
			copyFile()
		}
		base = time.Since(start) / time.Duration(b.N)
	})
	b.Run("backup", func(b *testing.B) {
		start := time.Now()
		for b.Loop() {
			info, err := st.Backup(ctx, out)
			if err != nil {
				b.Fatal(err)
			}
			os.Remove(info.Path)
		}
		per := time.Since(start) / time.Duration(b.N)
		b.ReportMetric(float64(per)/float64(base), "x_baseline")
		b.ReportMetric(float64(fi.Size())/(1<<20), "db_MB")
	})
}
