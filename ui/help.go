package ui

import (
	_ "embed"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// guideText is the user guide, one "## " section per task. The same file
// is rendered to the PDF in the Windows zip (packaging/guide), so the
// screen and the paper never disagree.
//
//go:embed help/huong-dan.md
var guideText string

// prefGuideSeen remembers that the first-run guide was shown.
const prefGuideSeen = "guide_seen"

// helpTopic is one task's section of the guide.
type helpTopic struct {
	title string
	body  string // Markdown without image lines
}

// helpTopics splits the guide into its sections. Image lines are left
// out: the screen the user is looking at is the picture.
func helpTopics() (intro string, topics []helpTopic) {
	var cur *helpTopic
	var introLines []string
	for _, line := range strings.Split(guideText, "\n") {
		switch {
		case strings.HasPrefix(line, "# "), strings.HasPrefix(line, "!["):
			continue
		case strings.HasPrefix(line, "## "):
			topics = append(topics, helpTopic{title: strings.TrimPrefix(line, "## ")})
			cur = &topics[len(topics)-1]
		case cur == nil:
			introLines = append(introLines, line)
		default:
			cur.body += line + "\n"
		}
	}
	return strings.TrimSpace(strings.Join(introLines, "\n")), topics
}

// helpScreen shows the guide as one folding item per task.
type helpScreen struct {
	sh *shell
}

func newHelp(sh *shell) *helpScreen { return &helpScreen{sh: sh} }

func (h *helpScreen) view() fyne.CanvasObject {
	intro, topics := helpTopics()
	acc := widget.NewAccordion()
	for _, t := range topics {
		body := widget.NewRichTextFromMarkdown(strings.TrimSpace(t.body))
		body.Wrapping = fyne.TextWrapWord
		acc.Append(widget.NewAccordionItem(t.title, body))
	}
	if len(topics) > 0 {
		acc.Open(0)
	}
	top := container.NewVBox(heading("Hướng dẫn"), wrapped(intro))
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(acc)))
}

// showFirstRunGuide shows, once per laptop, how to start; the full guide
// stays under "Hướng dẫn" in the navigation.
func showFirstRunGuide(a fyne.App, w fyne.Window) {
	if a.Preferences().Bool(prefGuideSeen) {
		return
	}
	intro, topics := helpTopics()
	text := intro + "\n\n"
	for _, t := range topics {
		if strings.HasPrefix(t.title, "Lần đầu") {
			text += "**" + t.title + "**\n\n" + t.body
		}
	}
	text += "\nHướng dẫn đầy đủ cho từng việc có ở mục **Hướng dẫn** bên trái, sau khi thiết lập xong."
	body := widget.NewRichTextFromMarkdown(text)
	body.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Chào mừng đến với Sổ tay Chi bộ", "Đã hiểu", container.NewVScroll(body), w)
	d.SetOnClosed(func() { a.Preferences().SetBool(prefGuideSeen, true) })
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
}
