package cli

import (
	"fmt"
	"io"

	"chibo/report"
	"chibo/store"
)

// Headless commands for a meeting's documents beside the minutes: the
// resolution, the attendance sheet, and the year's minute book.

// runResolution writes the resolution (nghị quyết) of one meeting.
func runResolution(e env, args []string) error {
	return meetingDoc(e, "resolution", args, report.ResolutionPDF)
}

// runAttendanceSheet writes the one-page sheet members sign.
func runAttendanceSheet(e env, args []string) error {
	return meetingDoc(e, "sheet", args, report.AttendanceSheetPDF)
}

func meetingDoc(e env, name string, args []string, write func(io.Writer, store.Org, store.Meeting, []store.Member) error) error {
	fs, data := newFlags(e, name)
	id := fs.String("meeting", "", "meeting id (see chibo meetings)")
	out := fs.String("out", "", "PDF file to write")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *id == "" || *out == "" {
		return usageError{"--meeting ID and --out FILE are required"}
	}
	st, site, err := openSite(e, *data, "")
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := st.Meeting(e.ctx, *id)
	if err != nil {
		return fmt.Errorf("no meeting %s in %s", *id, *data)
	}
	members, err := st.Members(e.ctx, m.OrgID, "")
	if err != nil {
		return err
	}
	org := site.Org
	if m.OrgID != site.ID { // at the hub: a cell's meeting
		if org, err = st.Org(e.ctx, m.OrgID); err != nil {
			return err
		}
	}
	if err := store.WriteFileAtomic(*out, func(f io.Writer) error { return write(f, org, m, members) }); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "wrote %s of %s to %s\n", name, store.FormatDMY(m.Date), *out)
	return nil
}

// runBook writes every finalized meeting of a year in one PDF.
func runBook(e env, args []string) error {
	fs, data := newFlags(e, "book")
	year := fs.Int("year", 0, "year of the minute book, e.g. 2026")
	out := fs.String("out", "", "PDF file to write")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *year < 1930 || *year > 9999 || *out == "" {
		return usageError{"--year YYYY and --out FILE are required"}
	}
	st, site, err := openSite(e, *data, store.RoleCell)
	if err != nil {
		return err
	}
	defer st.Close()
	book, err := st.MinuteBook(e.ctx, *year)
	if err != nil {
		return err
	}
	if len(book) == 0 {
		return fmt.Errorf("no finalized meeting in %d", *year)
	}
	members, err := st.Members(e.ctx, site.ID, "")
	if err != nil {
		return err
	}
	err = store.WriteFileAtomic(*out, func(f io.Writer) error {
		return report.MinuteBookPDF(f, site.Org, *year, book, members)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "wrote the %d minute book (%d meetings) to %s\n", *year, len(book), *out)
	return nil
}
