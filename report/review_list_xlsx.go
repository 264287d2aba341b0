package report

import (
	"fmt"
	"io"

	"chibo/store"
)

// ReviewListXLSX writes the proposal list of sh as a workbook with the
// same columns and lines as the PDF, for cells that send spreadsheets.
func ReviewListXLSX(w io.Writer, org store.Org, sh store.ReviewSheet) error {
	title, sub := reviewTitle(sh.Year)
	l := xlsxList{sheet: fmt.Sprintf("Xếp loại %d", sh.Year), rows: reviewRows(sh), foot: reviewFooter(sh),
		widths: []float64{6, 28, 10, 14, 24, 24, 18, 24, 36}}
	if org.ParentName != "" {
		l.top = append(l.top, upper(org.ParentName))
	}
	l.top = append(l.top, upper(org.Name), title+" "+sub)
	for _, c := range reviewCols {
		l.head = append(l.head, c.title)
	}
	if err := l.write(w); err != nil {
		return fmt.Errorf("report: review list %d: %w", sh.Year, err)
	}
	return nil
}
