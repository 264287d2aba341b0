package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// The cell's one list of what to do, shown on the overview: the
// admission deadlines, this month's meetings, overdue tasks, dues not
// recorded or recorded as not paid, forms left half-typed, data not yet
// sent, the year-end review when it is due, and conflicts. Each item has
// a button that opens the place to do it.

// reminder is one thing to do.
type reminder struct {
	text   string
	level  widget.Importance // Danger: overdue; Warning: soon
	action string            // the button's words
	open   func()
	// explain, when set, tells how a deadline was counted (start, rule,
	// days skipped); the button «Cách tính» shows it.
	explain func()
}

// daysText words the time left the way a secretary says it.
func daysText(n int) string {
	switch {
	case n < 0:
		return fmt.Sprintf("quá hạn %d ngày", -n)
	case n == 0:
		return "hạn chót hôm nay"
	}
	return fmt.Sprintf("còn %d ngày", n)
}

// reminders gathers the list for today, most urgent first within each
// kind; a part that cannot be read says so instead of hiding the rest.
func reminders(sh *shell, today time.Time) []reminder {
	var out []reminder
	for _, part := range []func(*shell, time.Time) ([]reminder, error){
		draftReminders, deadlineReminders, meetingReminders, duesReminders, reviewReminders, sendReminders, conflictReminders,
	} {
		rs, err := part(sh, today)
		if err != nil {
			out = append(out, reminder{text: message(err), level: widget.DangerImportance})
			continue
		}
		out = append(out, rs...)
	}
	return out
}

// deadlineReminders are the admission pipeline's time limits, each with
// how it was counted (deadline_view.go).
func deadlineReminders(sh *shell, today time.Time) ([]reminder, error) {
	todos, err := sh.st.Todos(sh.ctx, today)
	if err != nil {
		return nil, err
	}
	out := make([]reminder, 0, len(todos))
	for _, td := range todos {
		what := store.LabelOf(store.TodoLabels, td.Kind) + ": " + td.Person
		r := reminder{text: fmt.Sprintf("%s — hạn %s (%s).%s", what, showDate(td.Due), daysText(td.DaysLeft), deadlineMark(td.Deadline)),
			action: "Mở hồ sơ", open: func() { openPerson(sh, td) }}
		switch {
		case td.DaysLeft < 0:
			r.level = widget.DangerImportance
		case td.DaysLeft <= 7:
			r.level = widget.WarningImportance
		}
		r.explain = func() { showDeadline(sh.win, what, td.Deadline) }
		out = append(out, r)
	}
	return out, nil
}

// openPerson opens the file a deadline is about: a candidate's, or a
// probationary member's who came without one.
func openPerson(sh *shell, td store.Todo) {
	if td.Member {
		if m, err := sh.st.Member(sh.ctx, td.PersonID); err == nil {
			sh.goSection(sectionMembers).(*membersScreen).edit(m)
		}
		return
	}
	list, ok := sh.goSection(sectionCandidates).(*candidatesScreen)
	if !ok {
		return
	}
	for _, c := range list.rows {
		if c.ID == td.PersonID {
			list.edit(c)
		}
	}
}

// meetingReminders words what the store says is due: this month's
// regular meeting, the quarter's thematic one, short meetings, overdue
// tasks.
func meetingReminders(sh *shell, now time.Time) ([]reminder, error) {
	r, err := sh.st.MeetingReminders(sh.ctx, now)
	if err != nil {
		return nil, err
	}
	meetings := func() *meetingsScreen { m, _ := sh.goSection(sectionMeetings).(*meetingsScreen); return m }
	var out []reminder
	if r.RegularDue {
		out = append(out, reminder{text: fmt.Sprintf("Tháng %d/%d chưa có buổi sinh hoạt thường kỳ.", now.Month(), now.Year()),
			level: widget.WarningImportance, action: "Ghi biên bản", open: func() { meetings().add() }})
	}
	if r.ThematicDue {
		out = append(out, reminder{text: fmt.Sprintf("Quý %d/%d chưa có buổi sinh hoạt chuyên đề.", (int(now.Month())-1)/3+1, now.Year()),
			action: "Ghi biên bản chuyên đề", open: func() { meetings().addThematic() }})
	}
	for _, c := range r.Short {
		out = append(out, reminder{text: lengthWarning(c), action: "Xem các buổi họp", open: func() { meetings() }})
	}
	for _, t := range r.Overdue {
		out = append(out, reminder{text: fmt.Sprintf("Nhiệm vụ quá hạn: %s — đồng chí %s, hạn %s.", t.Title, t.AssigneeName,
			showDate(t.DueDate)), level: widget.DangerImportance, action: "Xem các buổi họp", open: func() { meetings() }})
	}
	return out, nil
}

// reminderList draws the reminders, one row each: the text (red when
// overdue), «Cách tính» when there is an explanation, and the button.
func reminderList(rs []reminder) fyne.CanvasObject {
	box := container.NewVBox()
	for _, r := range rs {
		text := wrapped("• " + r.text)
		text.Importance = r.level
		buttons := container.NewHBox()
		if r.explain != nil {
			buttons.Add(widget.NewButtonWithIcon("Cách tính", theme.QuestionIcon(), r.explain))
		}
		if r.open != nil {
			b := widget.NewButtonWithIcon(r.action, theme.NavigateNextIcon(), r.open)
			b.IconPlacement = widget.ButtonIconTrailingText
			buttons.Add(b)
		}
		box.Add(container.NewBorder(nil, nil, nil, buttons, text))
	}
	return box
}
