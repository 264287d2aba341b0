package rules

// ReasonUnrecorded is printed for a member on the roll with no attendance
// line: the minutes must not claim a presence nobody recorded.
const ReasonUnrecorded = "chưa điểm danh"

// ReasonSuspended is printed for a suspended member with no reason typed.
const ReasonSuspended = "đang bị đình chỉ sinh hoạt, truy tố hoặc tạm giam"

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Person is one member as the roll needs it; Status is a store status code.
type Person struct{ ID, Name, Status string }

// Presence is one attendance line; Status is a store attendance code.
type Presence struct{ MemberID, Status, Reason string }

// Absentee is one member absent from the meeting, as the minutes name them.
type Absentee struct {
	Name    string
	Excused bool
	Reason  string
}

// Roll is the head count the minutes report and the vote denominator.
//
// Full counts exempt members too: an exempt member is a full member excused
// from meetings, so Full+Probationary+Temporary == Total and Exempt is a
// part of Full. Present + Elsewhere + exempt-and-absent + len(Absent) == Total.
type Roll struct {
	Total, Full, Probationary, Temporary, Exempt, Elsewhere, Present int
	Suspended                                                        int // also listed in Absent
	Absent                                                           []Absentee
	Eligible                                                         int // vote denominator
}

// onRoll reports whether a status belongs on a meeting's roll; transferred,
// deceased and expelled members do not.
func onRoll(status string) bool {
	switch status {
	case StatusFull, StatusProbationary, StatusExempt, StatusTemporary:
		return true
	}
	return false
}

// ComputeRoll counts the roll of a meeting from the cell's members and the
// attendance lines. Attendance for people not given (or not on the roll) is
// ignored; a person on the roll with no line counts as absent, not excused.
//
// Eligible follows the Votes rule: full members called, less those sent to
// attend elsewhere, less exempt members who stayed away (an exempt member
// who attends votes), less full members excused for the whole meeting.
// Probationary members never vote. Temporarily attached members vote in the
// cell they belong to, so they are not counted here either.
func ComputeRoll(people []Person, att []Presence) Roll {
	byMember := make(map[string]Presence, len(att))
	for _, a := range att {
		byMember[a.MemberID] = a
	}
	var r Roll
	for _, p := range people {
		if !onRoll(p.Status) {
			continue
		}
		r.count(p.Status)
		a, ok := byMember[p.ID]
		if !ok {
			a = Presence{MemberID: p.ID, Status: "", Reason: ReasonUnrecorded}
		}
		r.attend(p, a)
	}
	return r
}

// count adds a person to the status totals.
func (r *Roll) count(status string) {
	r.Total++
	switch status {
	case StatusFull:
		r.Full++
	case StatusExempt:
		r.Full++
		r.Exempt++
	case StatusProbationary:
		r.Probationary++
	case StatusTemporary:
		r.Temporary++
	}
}

// attend adds a person's presence and, for full members, their vote.
func (r *Roll) attend(p Person, a Presence) {
	votes := p.Status == StatusFull || p.Status == StatusExempt
	switch a.Status {
	case AttPresent, AttExemptPresent:
		r.Present++
	case AttElsewhere:
		r.Elsewhere++
		votes = false
	case AttExempt:
		votes = false
	case AttExcused:
		r.Absent = append(r.Absent, Absentee{Name: p.Name, Excused: true, Reason: a.Reason})
		votes = false
	case AttSuspended:
		r.Suspended++
		r.Absent = append(r.Absent, Absentee{Name: p.Name, Excused: true, Reason: or(a.Reason, ReasonSuspended)})
		votes = false
	default: // unexcused, unknown or unrecorded: still called, still counted
		r.Absent = append(r.Absent, Absentee{Name: p.Name, Reason: a.Reason})
	}
	if votes {
		r.Eligible++
	}
}
