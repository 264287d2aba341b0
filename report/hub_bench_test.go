package report

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chibo/store"
)

// BenchmarkHubReport times the roll-up and each format, and the hub
// window's cell table, dashboard figures and rating sheet, on hubs built by
// scripts/bench-hub.sh (chibo demo --hub), without the process start and
// the passphrase's scrypt that every `chibo report` also pays:
//
//	CHIBO_BENCH_HUBS=/tmp/base:/tmp/district CHIBO_PASSPHRASE=chibo-demo-2026 \
//	  go test -tags ci ./report -run '^$' -bench HubReport
//
// List a small hub first: it is the baseline of the same run.
func BenchmarkHubReport(b *testing.B) {
	dirs := os.Getenv("CHIBO_BENCH_HUBS")
	if dirs == "" {
		b.Skip("set CHIBO_BENCH_HUBS to hub folders made by chibo demo --hub")
	}
	ctx := context.Background()
	year := store.ReviewYear(time.Now()) - 1
	p := Period{Year: year, From: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
		To: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)}
	for _, dir := range strings.Split(dirs, ":") {
		st, err := store.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Unlock(os.Getenv("CHIBO_PASSPHRASE")); err != nil {
			b.Fatal(err)
		}
		formats := map[string]func(io.Writer, Rollup) error{
			"json": HubJSON,
			"xlsx": HubXLSX,
			"pdf":  func(w io.Writer, r Rollup) error { return HubPDF(w, r, time.Now()) },
		}
		// What the hub's window loads besides the report: the cell table
		// (desk) and the dashboard's figures (stats).
		b.Run(filepath.Base(dir)+"/desk", func(b *testing.B) {
			for range b.N {
				if _, err := st.HubDesk(ctx, time.Now()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(filepath.Base(dir)+"/stats", func(b *testing.B) {
			for range b.N {
				if _, err := st.HubStats(ctx, time.Now()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(filepath.Base(dir)+"/decisions", func(b *testing.B) {
			for range b.N {
				if _, err := st.HubRatingSheet(ctx, year); err != nil {
					b.Fatal(err)
				}
				if _, err := st.CandidatesAwaitingHub(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, f := range []string{"json", "xlsx", "pdf"} {
			b.Run(filepath.Base(dir)+"/"+f, func(b *testing.B) {
				for range b.N {
					r, err := HubRollupFor(ctx, st, p)
					if err != nil {
						b.Fatal(err)
					}
					if err := formats[f](io.Discard, r); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		st.Close()
	}
}
