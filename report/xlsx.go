package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxList is a cell's printed list as a one-sheet workbook: the header
// lines on top, a bold heading row, the rows (numbers stay numbers, so a
// secretary can sum them in Excel), then the lines under the table.
type xlsxList struct {
	sheet  string
	top    []string
	head   []string
	widths []float64 // column widths in characters; 0 keeps Excel's default
	rows   [][]any
	foot   []string
}

// write saves the workbook to w.
func (l xlsxList) write(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", l.sheet); err != nil {
		return fmt.Errorf("xlsx sheet: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}})
	if err != nil {
		return fmt.Errorf("xlsx style: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("xlsx style: %w", err)
	}
	var all [][]any
	for _, s := range l.top {
		all = append(all, []any{s})
	}
	all = append(all, nil)
	headRow := len(all) + 1
	head := make([]any, len(l.head))
	for i, h := range l.head {
		head[i] = h
	}
	all = append(all, head)
	all = append(all, l.rows...)
	all = append(all, nil)
	for _, s := range l.foot {
		all = append(all, []any{s})
	}
	for i, row := range all {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(l.sheet, cell, &row); err != nil {
			return fmt.Errorf("xlsx row %d: %w", i+1, err)
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, headRow)
	last, _ := excelize.CoordinatesToCellName(len(l.head), headRow)
	lastData, _ := excelize.CoordinatesToCellName(len(l.head), headRow+len(l.rows))
	steps := []error{
		f.SetCellStyle(l.sheet, first, last, bold),
		f.SetCellStyle(l.sheet, "A1", "A1", bold),
		f.SetPanes(l.sheet, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: fmt.Sprintf("A%d", headRow+1), ActivePane: "bottomLeft"}),
	}
	if len(l.rows) > 0 {
		next, _ := excelize.CoordinatesToCellName(1, headRow+1)
		steps = append(steps, f.SetCellStyle(l.sheet, next, lastData, wrap))
	}
	for i, wd := range l.widths {
		if wd > 0 {
			c, _ := excelize.ColumnNumberToName(i + 1)
			steps = append(steps, f.SetColWidth(l.sheet, c, c, wd))
		}
	}
	for _, err := range steps {
		if err != nil {
			return fmt.Errorf("xlsx layout: %w", err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx write: %w", err)
	}
	return nil
}
