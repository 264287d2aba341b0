package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// The votes a meeting takes besides its resolution: admitting a candidate,
// recognising a probationary member as full, discipline and expulsion.
// Each kind has its own threshold in the rules data; this file only shows
// the tally against the roll's eligible voters. The store refuses a tally
// larger than the eligible voters, so the form does not second-guess it.

// voteAction is one choice of the vote's pick. Admission and full
// membership share a rules kind (same threshold) but print differently,
// so the action is kept in the subject the minutes print.
type voteAction struct {
	label  string // what the pick shows
	kind   string // rules vote kind
	prefix string // start of the subject printed in the minutes
}

var voteActions = []voteAction{
	{"Kết nạp đảng viên", rules.VoteAdmission, "Kết nạp vào Đảng quần chúng "},
	{"Công nhận đảng viên chính thức", rules.VoteAdmission, "Công nhận đảng viên chính thức cho đồng chí "},
	{"Kỷ luật", rules.VoteDiscipline, "Thi hành kỷ luật đồng chí "},
	{"Khai trừ", rules.VoteExpulsion, "Khai trừ khỏi Đảng đồng chí "},
}

func voteActionLabels() []string {
	out := make([]string, len(voteActions))
	for i, a := range voteActions {
		out[i] = a.label
	}
	return out
}

// splitSubject recovers the action and the person's name from a stored
// vote; a subject typed elsewhere (CLI, older data) keeps its whole text
// as the name under the first action of its kind.
func splitSubject(v store.Vote) (voteAction, string) {
	first := -1
	for i, a := range voteActions {
		if a.kind != v.Kind {
			continue
		}
		if first < 0 {
			first = i
		}
		if name, ok := strings.CutPrefix(v.Subject, a.prefix); ok {
			return a, name
		}
	}
	if first < 0 {
		return voteActions[0], v.Subject
	}
	return voteActions[first], v.Subject
}

// extraVoteRow is one vote: what, on whom, and the tally.
type extraVoteRow struct {
	id                    string
	action                *widget.Select
	who                   *widget.SelectEntry
	votesFor, against, ab *widget.Entry
	result                *widget.Label
	remove                *widget.Button
}

// extraVotes is the editable list of the meeting's other votes.
type extraVotes struct {
	rows     []*extraVoteRow
	box      *fyne.Container
	add      *widget.Button
	names    []string         // members and candidates, for the name pick
	eligible func() int       // the live roll's eligible voters
	day      func() time.Time // the meeting's day, for the rules in force
	locked   bool
}

// newExtraVotes builds the section from the meeting's stored votes.
func (f *meetingForm) newExtraVotes() *extraVotes {
	x := &extraVotes{box: container.NewVBox(), names: f.memberNames(),
		eligible: func() int { return f.liveRoll().Eligible }, day: f.day}
	if cs, err := f.sh.st.Candidates(f.sh.ctx); err == nil {
		for _, c := range cs {
			x.names = append(x.names, c.FullName)
		}
	}
	for _, v := range f.m.Votes {
		x.rows = append(x.rows, x.newRow(v))
	}
	x.add = widget.NewButtonWithIcon("Thêm biểu quyết kết nạp, chính thức, kỷ luật", theme.ContentAddIcon(), func() {
		x.rows = append(x.rows, x.newRow(store.Vote{Kind: rules.VoteAdmission}))
		x.relayout()
	})
	x.relayout()
	return x
}

func (x *extraVotes) newRow(v store.Vote) *extraVoteRow {
	act, name := splitSubject(v)
	r := &extraVoteRow{id: v.ID, action: newSelect(voteActionLabels(), nil), who: widget.NewSelectEntry(x.names),
		result: widget.NewLabel("")}
	r.action.SetSelected(act.label)
	r.action.OnChanged = func(string) { x.show(r) }
	r.who.SetPlaceHolder("họ và tên người được xem xét")
	r.who.SetText(name)
	num := func(n int) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder("0")
		if n > 0 {
			e.SetText(fmt.Sprint(n))
		}
		e.OnChanged = func(string) { x.show(r) }
		return e
	}
	r.votesFor, r.against, r.ab = num(v.For), num(v.Against), num(v.Abstain)
	r.remove = widget.NewButtonWithIcon("Xóa", theme.DeleteIcon(), func() { x.removeRow(r) })
	x.show(r)
	return r
}

func (x *extraVotes) removeRow(r *extraVoteRow) {
	for i, y := range x.rows {
		if y == r {
			x.rows = append(x.rows[:i], x.rows[i+1:]...)
			break
		}
	}
	x.relayout()
}

// relayout redraws the rows; it runs only when a vote is added or removed.
func (x *extraVotes) relayout() {
	x.box.RemoveAll()
	item := widget.NewFormItem
	for i, r := range x.rows {
		var del fyne.CanvasObject
		if !x.locked {
			del = r.remove
		}
		head := container.NewBorder(nil, nil, subhead(fmt.Sprintf("Biểu quyết %d", i+1)), del)
		pick := r.action // as wide as its longest choice (setOptions)
		tally := columns(fitForm(item("Tán thành", r.votesFor)),
			fitForm(item("Không tán thành", r.against)), fitForm(item("Không biểu quyết", r.ab)))
		x.box.Add(container.NewVBox(head, container.NewBorder(nil, nil, pick, nil, r.who), tally, r.result))
	}
	if len(x.rows) == 0 {
		x.box.Add(wrapped("Buổi này không có biểu quyết kết nạp, công nhận chính thức hay kỷ luật."))
	}
	if !x.locked {
		x.box.Add(container.NewHBox(x.add))
	}
	x.box.Refresh()
}

// refresh recomputes every result, e.g. after the roll changed.
func (x *extraVotes) refresh() {
	for _, r := range x.rows {
		x.show(r)
	}
}

func (x *extraVotes) show(r *extraVoteRow) {
	r.result.SetText(x.resultText(r))
}

// tally reads the three counts.
func (r *extraVoteRow) tally() (n [3]int, err error) {
	for i, e := range []*widget.Entry{r.votesFor, r.against, r.ab} {
		if n[i], err = count(e.Text); err != nil {
			return n, err
		}
	}
	return n, nil
}

func (r *extraVoteRow) act() voteAction {
	return voteActions[max(r.action.SelectedIndex(), 0)]
}

// resultText says, as the minutes will, whether the vote carries:
// "17/24 = 70,8 %, cần ≥ 2/3: đạt".
func (x *extraVotes) resultText(r *extraVoteRow) string {
	n, err := r.tally()
	if err != nil {
		return "Số phiếu phải là số người, ví dụ 12."
	}
	if n[0]+n[1]+n[2] == 0 {
		return "Chưa nhập kết quả biểu quyết."
	}
	eligible := x.eligible()
	if total := n[0] + n[1] + n[2]; total > eligible {
		return fmt.Sprintf("Tổng số phiếu %d nhiều hơn số đảng viên có quyền biểu quyết (%d). Hãy kiểm tra lại số phiếu và điểm danh.", total, eligible)
	}
	rs, err := rules.Current(x.day())
	if err != nil {
		return message(err)
	}
	ok, why := rs.Passes(r.act().kind, n[0], eligible)
	if ok {
		return why + ": đạt."
	}
	return why + ": không đạt."
}

// collect reads the votes; a row left wholly empty is ignored. Counts
// above the eligible voters go through, for the store to refuse.
func (x *extraVotes) collect() ([]store.Vote, error) {
	var out []store.Vote
	for i, r := range x.rows {
		n, err := r.tally()
		if err != nil {
			return nil, fieldProblem(fmt.Sprintf("Biểu quyết %d: số phiếu phải là số người, ví dụ 12.", i+1))
		}
		name := strings.TrimSpace(r.who.Text)
		if name == "" && n[0]+n[1]+n[2] == 0 {
			continue
		}
		if name == "" {
			return nil, fieldProblem(fmt.Sprintf("Biểu quyết %d chưa ghi họ tên người được xem xét. Hãy gõ hoặc chọn họ tên.", i+1))
		}
		a := r.act()
		out = append(out, store.Vote{ID: r.id, Kind: a.kind, Subject: a.prefix + name, For: n[0], Against: n[1], Abstain: n[2]})
	}
	return out, nil
}

// setIDs keeps the ids the store gave, so the next save updates the votes
// instead of adding copies; it skips the rows collect skipped.
func (x *extraVotes) setIDs(saved []store.Vote) {
	j := 0
	for _, r := range x.rows {
		n, _ := r.tally()
		if strings.TrimSpace(r.who.Text) == "" && n[0]+n[1]+n[2] == 0 {
			continue
		}
		if j < len(saved) {
			r.id = saved[j].ID
		}
		j++
	}
}

func (x *extraVotes) disable() {
	x.locked = true
	for _, r := range x.rows {
		r.action.Disable()
		r.who.Disable()
		r.votesFor.Disable()
		r.against.Disable()
		r.ab.Disable()
	}
	x.add.Disable()
	x.relayout()
}
