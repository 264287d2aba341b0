package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/internal/startup"
)

// TestGraphicsCard: the choice of OpenGL shows only where the software one
// ships, says what this start uses, and is saved for the next start.
func TestGraphicsCard(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("x")
	dir := t.TempDir()
	if c := newGraphicsCard(w, dir, startup.Graphics{Used: startup.UsedHardware}); c != nil {
		t.Fatal("a card with no software OpenGL to choose")
	}
	g := startup.Graphics{Choice: startup.Choice{Mode: startup.ModeAuto}, Used: startup.UsedSoftware,
		Why: startup.ReasonTooOld, Fallback: `C:\chibo\do-hoa-phan-mem`}
	card := newGraphicsCard(w, dir, g)
	w.SetContent(card)
	var radio *widget.RadioGroup
	var texts []string
	for _, o := range test.LaidOutObjects(card) {
		switch x := o.(type) {
		case *widget.RadioGroup:
			radio = x
		case *widget.Label:
			texts = append(texts, x.Text)
		}
	}
	all := strings.Join(texts, "\n")
	if radio == nil || radio.Selected != graphicsModes[0].label || !strings.Contains(all, "đồ họa phần mềm (vì card màn hình của máy chưa hỗ trợ OpenGL 2.1)") {
		t.Fatalf("card: %v %q", radio, all)
	}
	radio.SetSelected(graphicsModes[2].label)
	if c := startup.LoadChoice(dir); c.Mode != startup.ModeSoftware {
		t.Errorf("saved %+v, want software", c)
	}
	radio.SetSelected(graphicsModes[1].label)
	if c := startup.LoadChoice(dir); c.Mode != startup.ModeHardware {
		t.Errorf("saved %+v, want hardware", c)
	}
}
