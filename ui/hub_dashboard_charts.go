package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Charts are drawn with Fyne's canvas rectangles and text: no chart
// library, and nothing that needs a GL feature beyond what Fyne uses.

// bar is one labelled value of a chart.
type bar struct {
	label string
	n     int
}

// chartPalette colours the levels and series; chosen to stay apart when
// printed in grey.
var chartPalette = []color.NRGBA{
	{0x1b, 0x5e, 0x20, 0xff}, {0x43, 0xa0, 0x47, 0xff}, {0xf9, 0xa8, 0x25, 0xff}, {0xc6, 0x28, 0x28, 0xff},
	{0x15, 0x65, 0xc0, 0xff}, {0x6a, 0x1b, 0x9a, 0xff},
}

const barMaxWidth = 240 // pixels of the longest bar

// barChart is a horizontal bar chart: label, bar, value.
func barChart(title string, bars []bar, c color.NRGBA) fyne.CanvasObject {
	most := 1
	for _, b := range bars {
		most = max(most, b.n)
	}
	rows := container.New(layout.NewFormLayout())
	for _, b := range bars {
		r := canvas.NewRectangle(c)
		r.SetMinSize(fyne.NewSize(max(2, float32(b.n)*barMaxWidth/float32(most)), 18))
		rows.Add(widget.NewLabel(b.label))
		rows.Add(container.NewHBox(container.NewCenter(r), widget.NewLabel(fmt.Sprint(b.n))))
	}
	if len(bars) == 0 {
		rows.Add(widget.NewLabel("Chưa có số liệu"))
		rows.Add(layout.NewSpacer())
	}
	return chartCard(title, rows)
}

// stackRow is one stacked bar: the parts of a whole, in palette order.
type stackRow struct {
	label string
	parts []int
}

// stackChart draws each row as 100 % split into coloured parts, with the
// legend under it; used for the rating shares of each year.
func stackChart(title string, legend []string, rows []stackRow) fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, r := range rows {
		total := 0
		for _, n := range r.parts {
			total += n
		}
		seg := container.NewHBox()
		seg.Layout = layout.NewCustomPaddedHBoxLayout(0)
		for i, n := range r.parts {
			if total == 0 || n == 0 {
				continue
			}
			rect := canvas.NewRectangle(chartPalette[i%len(chartPalette)])
			rect.SetMinSize(fyne.NewSize(float32(n)*barMaxWidth/float32(total), 18))
			seg.Add(rect)
		}
		grid.Add(widget.NewLabel(r.label))
		grid.Add(container.NewHBox(container.NewCenter(seg), widget.NewLabel(fmt.Sprintf("%d đảng viên", total))))
	}
	if len(rows) == 0 {
		grid.Add(widget.NewLabel("Chưa có số liệu"))
		grid.Add(layout.NewSpacer())
	}
	keys := flow()
	for i, l := range legend {
		sw := canvas.NewRectangle(chartPalette[i%len(chartPalette)])
		sw.SetMinSize(fyne.NewSize(14, 14))
		keys.Add(container.NewHBox(container.NewCenter(sw), widget.NewLabel(l)))
	}
	return chartCard(title, container.NewVBox(grid, keys))
}

// columnChart draws vertical columns with a value over each and its label
// under it; used for meetings per cell per month.
func columnChart(title string, bars []bar, value func(n int) string, c color.NRGBA) fyne.CanvasObject {
	const height = 120
	most := 1
	for _, b := range bars {
		most = max(most, b.n)
	}
	cols := container.NewHBox()
	for _, b := range bars {
		r := canvas.NewRectangle(c)
		r.SetMinSize(fyne.NewSize(34, max(2, float32(b.n)*height/float32(most))))
		top := canvas.NewText(value(b.n), theme.Color(theme.ColorNameForeground))
		top.TextSize = 11
		label := canvas.NewText(b.label, theme.Color(theme.ColorNameForeground))
		label.TextSize = 11
		cols.Add(container.NewVBox(layout.NewSpacer(), container.NewCenter(top), container.NewCenter(r), container.NewCenter(label)))
	}
	if len(bars) == 0 {
		cols.Add(widget.NewLabel("Chưa có số liệu"))
	}
	return chartCard(title, container.NewHScroll(cols))
}

func chartCard(title string, body fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return widget.NewCard("", "", container.NewVBox(t, body))
}
