package store

// The parts of a meeting beyond the skeleton's agenda and roll: who spoke,
// the tasks handed out, dues paid at the meeting, the score, extra votes
// and the revision chain. Each is its own child record so a change to one
// speaker's remarks travels as one small change, not the whole minutes.

// MeetingParts is embedded in Meeting.
type MeetingParts struct {
	Tasks   []Task       // next month's tasks handed out at this meeting
	Reports []TaskReport // how earlier meetings' tasks went, reported here
	Dues    []DuesPaid   // dues paid at this meeting, one per member ticked
	Scores  []Score      // the meeting's score per criterion of the rules
	Votes   []Vote       // votes besides the resolution: admissions, full membership
	// Revises is the id of the finalized meeting this one corrects ("" for
	// an original); RevisionNote says what was corrected.
	Revises      string
	RevisionNote string
}

// Speaker is one person's remarks on one agenda item. MemberID is empty
// for a guest; Name is always filled so the minutes print as spoken.
type Speaker struct {
	ID       string
	MemberID string
	Name     string
	Remarks  string
}

// Task is one task handed out at a meeting to a named member.
type Task struct {
	ID           string
	MeetingID    string // filled when read; the meeting that handed it out
	Title        string
	AssigneeID   string
	AssigneeName string // filled by the store from the member list
	DueDate      string // yyyy-mm-dd or ""
}

// TaskReport is a later meeting's word on an earlier task.
type TaskReport struct {
	ID     string
	TaskID string
	Done   bool
	Note   string
	// Filled when read, from the task reported on.
	Title, AssigneeName string
}

// DuesPaid is one member's dues handed over at the meeting, in đồng.
type DuesPaid struct {
	ID       string
	MemberID string
	Amount   int
}

// Score is the points given for one criterion of the rules' score scheme.
type Score struct {
	ID        string
	Criterion string // rules.Criterion.Key
	Points    int
}

// Vote is a vote besides the resolution, e.g. admitting a candidate.
// Kind is a rules vote kind (rules.VoteAdmission, ...).
type Vote struct {
	ID                    string
	Kind                  string
	Subject               string
	For, Against, Abstain int
}

// ScoreTotal adds the score's points.
func (p MeetingParts) ScoreTotal() int {
	n := 0
	for _, s := range p.Scores {
		n += s.Points
	}
	return n
}
