package cli

import (
	"fmt"
	"io"
	"time"

	"chibo/report"
	"chibo/store"
)

// The printed lists of the cell's year (`reviews --format`, `dues
// --format`): a PDF to sign or a workbook to send, written atomically.

// checkFormat validates --format and --out together.
func checkFormat(format, out string) error {
	switch {
	case format == "" && out == "":
		return nil
	case format != "pdf" && format != "xlsx":
		return usageError{"--format must be pdf or xlsx"}
	case out == "":
		return usageError{"--out FILE is required with --format"}
	}
	return nil
}

func writeList(e env, what, format, out string, pdf, xlsx func(io.Writer) error) error {
	write := pdf
	if format == "xlsx" {
		write = xlsx
	}
	if err := store.WriteFileAtomic(out, write); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "wrote %s to %s\n", what, out)
	return nil
}

func printReviewList(e env, org store.Org, sh store.ReviewSheet, format, out string) error {
	return writeList(e, fmt.Sprintf("the rating proposal list of %d", sh.Year), format, out,
		func(w io.Writer) error { return report.ReviewListPDF(w, org, sh, time.Now()) },
		func(w io.Writer) error { return report.ReviewListXLSX(w, org, sh) })
}

// runDues prints the year's dues summary: `dues --data DIR --year Y
// --format pdf|xlsx --out FILE`.
func runDues(e env, args []string) error {
	fs, data := newFlags(e, "dues")
	year := fs.Int("year", 0, "year of the ledger")
	format := fs.String("format", "", "pdf or xlsx")
	out := fs.String("out", "", "file to write")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *year < 1990 || *year > 2100 {
		return usageError{"--year YYYY is required"}
	}
	if *format == "" {
		return usageError{"--format pdf|xlsx is required"}
	}
	if err := checkFormat(*format, *out); err != nil {
		return err
	}
	st, site, err := openSite(e, *data, store.RoleCell)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	lines, err := st.DuesYear(e.ctx, *year, now)
	if err != nil {
		return err
	}
	return writeList(e, fmt.Sprintf("the dues summary of %d", *year), *format, *out,
		func(w io.Writer) error { return report.DuesSummaryPDF(w, site.Org, *year, lines, now) },
		func(w io.Writer) error { return report.DuesSummaryXLSX(w, site.Org, *year, lines) })
}
