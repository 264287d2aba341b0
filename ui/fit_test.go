package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Checks that a window fits the laptop (issue 15, items 3 and 4): nothing
// needs more room than the window has (the real window would grow past
// the screen), no text is cut, and every action lies in the window or in
// a scrolling part of it that lies in the window.

// fitSizes are the window sizes checked: a 1366x768 screen less the title
// bar and task bar, and the smallest laptop screen still sold.
var fitSizes = []fyne.Size{{Width: 1366, Height: 728}, {Width: 1024, Height: 600}}

type rect struct{ x0, y0, x1, y1 float32 }

func rectOf(pos fyne.Position, size fyne.Size) rect {
	return rect{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
}

const slack = 1 // a pixel of rounding

func (r rect) inside(o rect) bool {
	return r.x0 >= o.x0-slack && r.y0 >= o.y0-slack && r.x1 <= o.x1+slack && r.y1 <= o.y1+slack
}

func (r rect) cut(o rect) rect {
	return rect{max(r.x0, o.x0), max(r.y0, o.y0), min(r.x1, o.x1), min(r.y1, o.y1)}
}

// fitProblems lists what does not fit in w as it is laid out now.
func fitProblems(w fyne.Window) []string {
	size := w.Canvas().Size()
	var out []string
	if m := w.Content().MinSize(); m.Width > size.Width+slack || m.Height > size.Height+slack {
		out = append(out, fmt.Sprintf("the screen needs %.0fx%.0f, the window is %.0fx%.0f", m.Width, m.Height, size.Width, size.Height))
	}
	win := rectOf(fyne.NewPos(0, 0), size)
	fitWalk(w.Content(), fyne.NewPos(0, 0), win, nil, func(p string) { out = append(out, p) })
	if top := w.Canvas().Overlays().Top(); top != nil { // a dialog: what it shows must fit too
		// Fyne lays a dialog's title out itself and leaves its label
		// unsized in the tree, so unsized objects of a dialog are its own.
		fitWalk(top, fyne.NewPos(0, 0), win, nil, func(p string) {
			if !strings.Contains(p, " of ") || !strings.Contains(p, ": 0x0 of") {
				out = append(out, "dialog: "+p)
			}
		})
	}
	return out
}

// scroller is a part of the window that scrolls, and which ways.
type scroller struct{ dir container.ScrollDirection }

// scrolls reports how o scrolls its content, nil for not at all. Tables
// and lists scroll through inner parts of their own (a table's header
// follows its cells), so they count as one scrolling part.
func scrolls(o fyne.CanvasObject) *scroller {
	switch x := o.(type) {
	case *container.Scroll:
		return &scroller{x.Direction}
	case *widget.Table, *grid:
		return &scroller{container.ScrollBoth}
	case *widget.List:
		return &scroller{container.ScrollVerticalOnly}
	}
	return nil
}

// fitWalk visits o and what it holds. view is the part of the window o
// can be seen through; scroll is the nearest scroller around o.
func fitWalk(o fyne.CanvasObject, parent fyne.Position, view rect, scroll *scroller, report func(string)) {
	if o == nil || !o.Visible() {
		return
	}
	abs := parent.Add(o.Position())
	r := rectOf(abs, o.Size())
	if what := describe(o); what != "" {
		if o.Size().Width+slack < o.MinSize().Width || o.Size().Height+slack < o.MinSize().Height {
			report(fmt.Sprintf("%s is cut: %.0fx%.0f of %.0fx%.0f", what, o.Size().Width, o.Size().Height,
				o.MinSize().Width, o.MinSize().Height))
		}
		if sel, ok := o.(*widget.Select); ok && sel.Selected != "" {
			need := textWidth(sel.Selected, fyne.TextStyle{}) + theme.IconInlineSize() + 3*theme.InnerPadding()
			if o.Size().Width+slack < need {
				report(fmt.Sprintf("%s shows its choice cut: %.0f of %.0f", what, o.Size().Width, need))
			}
		}
		if !visibleIn(r, view, scroll) {
			report(fmt.Sprintf("%s lies outside what can be seen (%.0f,%.0f–%.0f,%.0f)", what, r.x0, r.y0, r.x1, r.y1))
		}
	}
	if leaf(o) {
		return
	}
	if s := scrolls(o); s != nil {
		if scroll == nil && !r.inside(view) {
			report(fmt.Sprintf("a scrolling part lies outside the window (%.0f,%.0f–%.0f,%.0f)", r.x0, r.y0, r.x1, r.y1))
		}
		if scroll == nil || scroll.dir != container.ScrollBoth {
			view, scroll = view.cut(r), s
		}
	}
	for _, c := range children(o) {
		fitWalk(c, abs, view, scroll, report)
	}
}

// visibleIn reports whether r can be brought into sight: it is in view,
// or in a scroller that moves along the way it sticks out.
func visibleIn(r, view rect, scroll *scroller) bool {
	if r.inside(view) {
		return true
	}
	if scroll == nil {
		return false
	}
	horiz := r.x0 >= view.x0-slack && r.x1 <= view.x1+slack
	vert := r.y0 >= view.y0-slack && r.y1 <= view.y1+slack
	switch scroll.dir {
	case container.ScrollVerticalOnly:
		return horiz
	case container.ScrollHorizontalOnly:
		return vert
	case container.ScrollNone:
		return false
	}
	return true
}

// describe names the objects whose text or action must fit, "" for others.
func describe(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *widget.Label:
		if x.Text == "" {
			return ""
		}
		return fmt.Sprintf("text %q", short(x.Text))
	case *widget.Button:
		return fmt.Sprintf("button %q", x.Text)
	case *widget.Check:
		return fmt.Sprintf("tick box %q", x.Text)
	case *widget.Select:
		return fmt.Sprintf("list %q", x.Selected)
	case *widget.RadioGroup:
		return fmt.Sprintf("choice %v", x.Options)
	case *widget.Hyperlink:
		return fmt.Sprintf("link %q", x.Text)
	case *widget.Entry:
		return fmt.Sprintf("box %q", short(x.PlaceHolder))
	case *widget.SelectEntry:
		return fmt.Sprintf("box %q", short(x.PlaceHolder))
	}
	return ""
}

func short(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// leaf widgets are checked whole; their insides are Fyne's.
func leaf(o fyne.CanvasObject) bool {
	switch o.(type) {
	case *widget.Label, *widget.Button, *widget.Check, *widget.Select, *widget.RadioGroup, *widget.Hyperlink,
		*widget.Entry, *widget.SelectEntry, *widget.ProgressBar, *widget.ProgressBarInfinite, *widget.Icon:
		return true
	}
	return false
}

func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch x := o.(type) {
	case *fyne.Container:
		return x.Objects
	case fyne.Widget:
		return test.WidgetRenderer(x).Objects()
	}
	return nil
}
