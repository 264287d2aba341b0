package ui

import (
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chibo/rules"
	"chibo/store"
)

// A candidate's cell vote (and later the full-membership vote) is held at
// a meeting, so the number who may vote is that meeting's roll, counted by
// store.RollOf as the minutes count it. Only a vote from the paper records,
// with no meeting in the app, takes a typed number. The store has the last
// word (candidate_vote.go); this box shows which rule applies and the
// live result.

// paperVote is the meeting pick's choice for a vote with no meeting in the app.
const paperVote = "Không có trong sổ (theo hồ sơ giấy)"

// candidateVoteBox edits one vote: the meeting, the tally and the voters.
type candidateVoteBox struct {
	f        *candidateForm
	act      voteAction    // what the meeting form's vote of this kind is called
	date     *widget.Entry // the stage's date entry in the form
	meetings []store.Meeting
	pick     *widget.Select

	votesFor, against, abstain, voters *widget.Entry
	source, result                     *widget.Label
	fromMinutes                        *widget.Button

	chosen  *store.Meeting // with attendance and votes; nil = paper record
	minutes *store.Vote    // the meeting's own tally for this person, if any
	syncing bool           // the box is setting the date itself
}

func newCandidateVoteBox(f *candidateForm, act voteAction, date *widget.Entry, meetingID string, n [4]int) *candidateVoteBox {
	b := &candidateVoteBox{f: f, act: act, date: date, meetings: f.meetings,
		source: widget.NewLabel(""), result: widget.NewLabel("")}
	b.source.Wrapping, b.result.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	b.votesFor, b.against, b.abstain, b.voters = numEntry(n[0]), numEntry(n[1]), numEntry(n[2]), numEntry(n[3])
	for _, e := range []*widget.Entry{b.votesFor, b.against, b.abstain, b.voters} {
		e.SetPlaceHolder("0")
		e.OnChanged = func(string) { b.showResult() }
	}
	b.fromMinutes = widget.NewButtonWithIcon("Lấy số phiếu từ biên bản", theme.DownloadIcon(), b.takeMinutes)
	opts := []string{paperVote}
	for _, m := range b.meetings {
		opts = append(opts, meetingChoice(m))
	}
	b.pick = newSelect(opts, func(string) { b.picked() })
	b.pick.SetSelectedIndex(b.initial(meetingID))
	date.OnChanged = func(string) { b.dateTyped() }
	return b
}

// meetingChoice is how the pick names a meeting: its date and kind.
func meetingChoice(m store.Meeting) string {
	s := showDate(m.Date) + " — họp " + lowerFirstRune(store.LabelOf(store.MeetingKindLabels, m.Kind))
	if m.Number > 0 {
		s += fmt.Sprintf(", biên bản số %d", m.Number)
	}
	return s
}

func lowerFirstRune(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// initial is the pick's index for a stored vote: its meeting, else the one
// meeting held on its date (the store links it there too), else paper.
func (b *candidateVoteBox) initial(meetingID string) int {
	if meetingID != "" {
		for i, m := range b.meetings {
			if m.ID == meetingID {
				return i + 1
			}
		}
	}
	iso, _ := parseDate(b.date.Text)
	return b.onlyMeetingOn(iso)
}

// onlyMeetingOn is the pick's index of the single meeting held on iso, 0 if none or several.
func (b *candidateVoteBox) onlyMeetingOn(iso string) int {
	found := 0
	for i, m := range b.meetings {
		if iso != "" && m.Date == iso {
			if found != 0 {
				return 0
			}
			found = i + 1
		}
	}
	return found
}

// picked loads the meeting chosen and says where the voters come from.
func (b *candidateVoteBox) picked() {
	b.chosen, b.minutes = nil, nil
	if i := b.pick.SelectedIndex() - 1; i >= 0 {
		m, err := b.f.sh.st.Meeting(b.f.sh.ctx, b.meetings[i].ID)
		if err != nil {
			showError(b.f.sh.win, err)
			return
		}
		b.chosen = &m
		b.syncing = true
		b.date.SetText(showDate(m.Date))
		b.syncing = false
	}
	if b.chosen == nil {
		b.voters.Enable()
		b.source.SetText("Cuộc họp này không có trong sổ (hồ sơ giấy): gõ số đảng viên có quyền biểu quyết theo biên bản giấy — " +
			"đảng viên chính thức được triệu tập, trừ người vắng có lý do cả buổi và người được cử đi nơi khác; không phải số người đã bỏ phiếu. " +
			"Số này không được lớn hơn số đảng viên chính thức trong danh sách của chi bộ vào ngày đó.")
	} else {
		n := store.RollOf(*b.chosen).Eligible
		b.voters.SetText(fmt.Sprint(n))
		b.voters.Disable()
		b.source.SetText(fmt.Sprintf("Số đảng viên có quyền biểu quyết lấy theo điểm danh cuộc họp ngày %s: %d (như trong biên bản).",
			showDate(b.chosen.Date), n))
	}
	b.showMinutes()
	b.showResult()
}

// showMinutes offers the meeting form's own tally for this person, when
// the chosen meeting's minutes hold one.
func (b *candidateVoteBox) showMinutes() {
	b.minutes = nil
	if b.chosen != nil {
		b.minutes = b.minutesVote()
	}
	b.fromMinutes.Hide()
	if b.minutes != nil {
		b.fromMinutes.SetText(fmt.Sprintf("Lấy số phiếu từ biên bản (tán thành %d, không tán thành %d, không biểu quyết %d)",
			b.minutes.For, b.minutes.Against, b.minutes.Abstain))
		b.fromMinutes.Show()
	}
}

// dateTyped follows the date: a date with one meeting picks it, a date
// with none falls back to the paper records.
func (b *candidateVoteBox) dateTyped() {
	if b.syncing {
		return
	}
	iso, err := parseDate(b.date.Text)
	if err != nil || (b.chosen != nil && b.chosen.Date == iso) {
		return
	}
	if i := b.onlyMeetingOn(iso); i != b.pick.SelectedIndex() {
		b.pick.SetSelectedIndex(i)
	}
}

// minutesVote finds the chosen meeting's vote of this kind on the person
// named in the form (meeting_extravotes.go stores them by subject).
func (b *candidateVoteBox) minutesVote() *store.Vote {
	name := store.Fold(b.f.name.Text)
	for _, v := range b.chosen.Votes {
		act, who := splitSubject(v)
		if act.prefix == b.act.prefix && name != "" && store.Fold(who) == name {
			return &v
		}
	}
	return nil
}

func (b *candidateVoteBox) takeMinutes() {
	if b.minutes == nil {
		return
	}
	for _, x := range []struct {
		e *widget.Entry
		n int
	}{{b.votesFor, b.minutes.For}, {b.against, b.minutes.Against}, {b.abstain, b.minutes.Abstain}} {
		x.e.SetText(fmt.Sprint(x.n))
	}
}

// showResult says, as the minutes would, whether the vote carries.
func (b *candidateVoteBox) showResult() {
	n, err := b.counts()
	switch {
	case err != nil:
		b.result.SetText("Số phiếu phải là số người, ví dụ 12.")
	case n[0]+n[1]+n[2] == 0:
		b.result.SetText("Chưa nhập kết quả biểu quyết.")
	case n[0]+n[1]+n[2] > n[3]:
		b.result.SetText(fmt.Sprintf("Tổng số phiếu %d nhiều hơn số đảng viên có quyền biểu quyết (%d).", n[0]+n[1]+n[2], n[3]))
	default:
		day := time.Now()
		if iso, err := parseDate(b.date.Text); err == nil && iso != "" {
			day, _ = time.Parse("2006-01-02", iso)
		}
		rs, err := rules.Current(day)
		if err != nil {
			b.result.SetText(message(err))
			return
		}
		ok, why := rs.Passes(rules.VoteAdmission, n[0], n[3])
		b.result.SetText(why + map[bool]string{true: ": đạt.", false: ": không đạt."}[ok])
	}
}

// counts reads for, against, abstain and voters.
func (b *candidateVoteBox) counts() (n [4]int, err error) {
	for i, e := range []*widget.Entry{b.votesFor, b.against, b.abstain, b.voters} {
		if n[i], err = count(e.Text); err != nil {
			return n, err
		}
	}
	return n, nil
}

// collect writes the vote into the candidate's fields.
func (b *candidateVoteBox) collect(meeting *string, votes [4]*int) error {
	*meeting = ""
	if b.chosen != nil {
		*meeting = b.chosen.ID
	}
	for i, e := range []*widget.Entry{b.votesFor, b.against, b.abstain, b.voters} {
		v, err := readCount(b.act.label+": số phiếu", e)
		if err != nil {
			return err
		}
		*votes[i] = v
	}
	return nil
}

func (b *candidateVoteBox) view() fyne.CanvasObject {
	item := widget.NewFormItem
	tally := container.NewGridWithColumns(3, fitForm(item("Tán thành", b.votesFor)),
		fitForm(item("Không tán thành", b.against)), fitForm(item("Không biểu quyết", b.abstain)))
	form := fitForm(item("Cuộc họp chi bộ biểu quyết", b.pick),
		item("Số đảng viên có quyền biểu quyết", b.voters))
	return container.NewVBox(subhead(b.act.label), form, b.source, tally, b.result, container.NewHBox(b.fromMinutes))
}

// candidateVoteMessage words the refusals about a vote's meeting; ""
// leaves the message to errors.go.
func candidateVoteMessage(err error) string {
	for _, m := range []struct {
		err error
		msg string
	}{
		{store.ErrVoteMeetingDate, "Ngày chi bộ xét không trùng với ngày của cuộc họp đã chọn. Hãy chọn lại cuộc họp hoặc sửa ngày."},
		{store.ErrVoteMeeting, "Không tìm thấy cuộc họp đã chọn trong sổ. Hãy chọn lại cuộc họp."},
		{store.ErrVoteMeetingPick, "Ngày này có nhiều cuộc họp. Hãy chọn cuộc họp mà chi bộ đã biểu quyết."},
		{store.ErrVoteNoRoll, "Cuộc họp đã chọn chưa có đảng viên nào có quyền biểu quyết. Hãy điểm danh trong biên bản cuộc họp trước."},
	} {
		if errors.Is(err, m.err) {
			return m.msg
		}
	}
	return ""
}
