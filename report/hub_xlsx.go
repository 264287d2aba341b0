package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// HubXLSX writes the roll-up as a workbook the clerk pastes into the
// report to the province: a sheet of totals and a sheet per cell. Numbers
// are stored as numbers, so sums and charts work in the spreadsheet.
func HubXLSX(w io.Writer, r Rollup) error {
	f := excelize.NewFile()
	defer f.Close()
	const totals, cells = "Tổng hợp", "Theo chi bộ"
	if err := f.SetSheetName("Sheet1", totals); err != nil {
		return fmt.Errorf("report: hub xlsx: %w", err)
	}
	if _, err := f.NewSheet(cells); err != nil {
		return fmt.Errorf("report: hub xlsx: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("report: hub xlsx: %w", err)
	}
	rows := [][]any{{r.Hub}, {periodLine(r)}, {}, {"Chỉ tiêu", "Số liệu"}}
	for _, x := range totalRows(r) {
		rows = append(rows, []any{x.Label, x.Value})
	}
	if err := putRows(f, totals, rows); err != nil {
		return err
	}
	f.SetCellStyle(totals, "A1", "A1", bold)
	f.SetCellStyle(totals, "A4", "B4", bold)
	f.SetColWidth(totals, "A", "A", 48)
	head := cellHeader(r)
	crows := [][]any{toAny(head)}
	for i, c := range r.PerCell {
		crows = append(crows, cellRow(i, c))
	}
	if err := putRows(f, cells, crows); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	f.SetCellStyle(cells, "A1", last, bold)
	f.SetColWidth(cells, "B", "B", 32)
	f.SetPanes(cells, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: hub xlsx: %w", err)
	}
	return nil
}

func putRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return fmt.Errorf("report: hub xlsx %s row %d: %w", sheet, i+1, err)
		}
	}
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
