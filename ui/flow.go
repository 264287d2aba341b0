package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// flowLayout places objects left to right at their own size and starts a
// new line when the next one does not fit, so a row of buttons wraps at a
// large text size instead of pushing the window past the screen. Its
// minimum width is its widest object; its height is what the width it was
// last given needs (Fyne lays the parent out again when that changes, as
// it does for wrapped text).
type flowLayout struct{ width float32 }

// flow is a container of objects that wrap like words.
func flow(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objs...)
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	f.place(objs, size.Width, true)
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	widest := float32(0)
	for _, o := range objs {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
		}
	}
	width := f.width
	if width == 0 {
		width = 1 << 20 // not laid out yet: one line
	}
	return fyne.NewSize(widest, f.place(objs, max(width, widest), false))
}

// place walks the lines at width, moving the objects when move is set,
// and returns the height used.
func (f *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	var x, y, line float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, line = 0, y+line+pad, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(min(m.Width, width), m.Height))
		}
		x += m.Width + pad
		line = max(line, m.Height)
	}
	return y + line
}

// tallPage is a screen of a top part, a list in the middle and a bottom
// part. On a tall window the list takes what the others leave; on a short
// one (or at a large text size) the list keeps room for about ten rows
// and the whole page scrolls, so nothing is pushed off the window.
func tallPage(top, bottom, list fyne.CanvasObject) fyne.CanvasObject {
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, 10*textHeight()))
	return container.NewVScroll(container.NewBorder(top, bottom, nil, nil, container.NewStack(room, list)))
}

// textHeight is a one-line row's height at the current text size.
func textHeight() float32 {
	return fyne.MeasureText("Ấp", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
}

// columnsLayout puts its objects side by side, sharing the width equally,
// when they fit; on a narrow window or at a large text size they stack,
// each the full width. The two halves of a long form use it.
type columnsLayout struct{ width float32 }

// columns is a container whose objects sit side by side when they fit.
func columns(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&columnsLayout{}, objs...)
}

func (c *columnsLayout) sideBySide(objs []fyne.CanvasObject, width float32) bool {
	need, n := float32(0), float32(0)
	for _, o := range objs {
		if o.Visible() {
			need, n = max(need, o.MinSize().Width), n+1
		}
	}
	return n*need+(n-1)*theme.Padding() <= width
}

func (c *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	c.width = size.Width
	pad := theme.Padding()
	vis := visibleOnly(objs)
	if c.sideBySide(vis, size.Width) {
		w := (size.Width - pad*float32(len(vis)-1)) / float32(len(vis))
		for i, o := range vis {
			o.Move(fyne.NewPos(float32(i)*(w+pad), 0))
			o.Resize(fyne.NewSize(w, size.Height))
		}
		return
	}
	y := float32(0)
	for _, o := range vis {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + pad
	}
}

func (c *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	vis := visibleOnly(objs)
	var widest, tallest, stacked float32
	for i, o := range vis {
		m := o.MinSize()
		widest, tallest = max(widest, m.Width), max(tallest, m.Height)
		if i > 0 {
			stacked += theme.Padding()
		}
		stacked += m.Height
	}
	if c.width == 0 || c.sideBySide(vis, c.width) {
		return fyne.NewSize(widest, tallest)
	}
	return fyne.NewSize(widest, stacked)
}

func visibleOnly(objs []fyne.CanvasObject) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, 0, len(objs))
	for _, o := range objs {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

// fitForm is widget.NewForm's replacement on the main screens: labels
// in a column beside their fields when the width allows, else each label
// above its field, so a long label at «Rất lớn» never pushes the window
// past the screen. It is a plain container (Fyne draws and focuses only
// what it can walk), extended with formAppend.
func fitForm(items ...*widget.FormItem) *fyne.Container {
	f := container.New(&formLayout{})
	for _, it := range items {
		formAppend(f, it.Text, it.Widget)
	}
	return f
}

// formAppend adds a labelled field to a fitForm, as widget.Form.Append does.
func formAppend(f *fyne.Container, text string, field fyne.CanvasObject) {
	f.Add(widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	f.Add(field)
}

// formLayout lays out label, field, label, field… (see formBox).
type formLayout struct{ width float32 }

// columnsFit reports the label column's width and whether labels and
// fields fit side by side in width.
func (l *formLayout) columnsFit(objs []fyne.CanvasObject, width float32) (float32, bool) {
	var lw, fw float32
	for i := 0; i+1 < len(objs); i += 2 {
		lw = max(lw, objs[i].MinSize().Width)
		fw = max(fw, objs[i+1].MinSize().Width)
	}
	return lw, lw+theme.Padding()+fw <= width
}

func (l *formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objs, size.Width, true)
}

func (l *formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var widest float32
	for _, o := range objs {
		widest = max(widest, o.MinSize().Width)
	}
	width := l.width
	if width == 0 {
		width = 1 << 20 // not laid out yet: labels beside fields
	}
	return fyne.NewSize(widest, l.place(objs, max(width, widest), false))
}

// place lays the rows out at width (moving them when move is set) and
// returns the height used.
func (l *formLayout) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	lw, side := l.columnsFit(objs, width)
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		label, field := objs[i], objs[i+1]
		if !field.Visible() {
			continue
		}
		lm, fm := label.MinSize(), field.MinSize()
		if y > 0 {
			y += pad
		}
		if side {
			h := max(lm.Height, fm.Height)
			if move {
				label.Move(fyne.NewPos(0, y))
				label.Resize(fyne.NewSize(lw, lm.Height))
				field.Move(fyne.NewPos(lw+pad, y))
				field.Resize(fyne.NewSize(width-lw-pad, h))
			}
			y += h
			continue
		}
		if move {
			label.Move(fyne.NewPos(0, y))
			label.Resize(fyne.NewSize(width, lm.Height))
			field.Move(fyne.NewPos(0, y+lm.Height))
			field.Resize(fyne.NewSize(width, fm.Height))
		}
		y += lm.Height + fm.Height
	}
	return y
}

// textCard is a card whose subtitle wraps: Fyne draws a card's subtitle
// on one line, which at a large text size runs past a small screen.
func textCard(title, subtitle string, content fyne.CanvasObject) *widget.Card {
	if subtitle == "" {
		return widget.NewCard(title, "", content)
	}
	return widget.NewCard(title, "", container.NewVBox(wrapped(subtitle), content))
}
