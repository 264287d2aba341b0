package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"chibo/rules"
)

// Todo kinds: the deadlines of the admission pipeline.
const (
	TodoHubDecision     = rules.StepHubDecision     // the deciding committee must decide the admission
	TodoHubFullDecision = rules.StepHubFullDecision // the deciding committee must decide the full membership
	TodoCeremony        = rules.StepCeremony        // the cell must hold the ceremony
	TodoFullVote        = rules.StepFullVote        // the cell must vote on full membership
	TodoCertificate     = rules.StepCertificate     // the awareness-class certificate runs out
)

// TodoLabels are the kinds' wordings.
var TodoLabels = []Label{
	{TodoHubDecision, "Cấp ủy ra quyết định kết nạp"},
	{TodoHubFullDecision, "Cấp ủy ra quyết định công nhận đảng viên chính thức"},
	{TodoCeremony, "Tổ chức lễ kết nạp"},
	{TodoFullVote, "Xét công nhận đảng viên chính thức"},
	{TodoCertificate, "Giấy chứng nhận lớp nhận thức hết hạn"},
}

// Todo is one open deadline. Deadline says how Due was counted, for the
// "how was this counted" view; Estimated warns that its start is a stand-in.
type Todo struct {
	Kind        string
	Person      string
	PersonID    string // candidate id, or member id when Member
	Member      bool   // a probationary member with no admission dossier in the app
	Due         string // yyyy-mm-dd
	DaysLeft    int    // calendar days from today; negative = overdue
	Rule        string // the regulation the deadline comes from
	Deadline    rules.Deadline
	Provisional []int // years of the count whose days off are not decreed yet
}

// Todos lists the open deadlines of this cell's candidates and of its
// probationary members who came without a dossier, soonest first.
func (s *Store) Todos(ctx context.Context, today time.Time) ([]Todo, error) {
	cs, err := s.Candidates(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := s.Members(ctx, "", "")
	if err != nil {
		return nil, err
	}
	cal, err := rules.LoadCalendar()
	if err != nil {
		return nil, fmt.Errorf("store: todos: %w", err)
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var out []Todo
	add := func(name, id string, member bool, ds []rules.Deadline, err error) error {
		if errors.Is(err, rules.ErrOutsideCalendar) {
			return nil // a stage dated outside the holiday table: no trustworthy deadline
		}
		if err != nil {
			return fmt.Errorf("store: todos of %q: %w", name, err)
		}
		for _, d := range ds {
			out = append(out, todoOf(name, id, member, d, today))
		}
		return nil
	}
	tracked := map[string]bool{}
	for _, c := range cs {
		if c.CeremonyDate != "" && c.MemberID != "" {
			tracked[c.MemberID] = true
		}
		ds, err := candidateDeadlines(c, cal)
		if err := add(c.FullName, c.ID, false, ds, err); err != nil {
			return nil, err
		}
	}
	for _, m := range ms {
		if m.Status != StatusProbationary || tracked[m.ID] {
			continue
		}
		d, ok, err := memberFullVote(m, cal)
		if !ok {
			continue
		}
		if err := add(m.FullName, m.ID, true, []rules.Deadline{d}, err); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due < out[j].Due })
	return out, nil
}

func todoOf(name, id string, member bool, d rules.Deadline, today time.Time) Todo {
	t := Todo{Kind: d.Step, Person: name, PersonID: id, Member: member, Due: d.Due.Format("2006-01-02"),
		Deadline: d, Provisional: d.Provisional()}
	t.DaysLeft = int(d.Due.Sub(today).Hours() / 24)
	if len(d.Rules) > 0 {
		t.Rule = d.Rules[0].Source
	}
	return t
}

// NextDeadline is the deadline a candidate's stage opens now, with how it
// was counted; ok is false when the stage opens none or its dates fall
// outside the holiday table.
func NextDeadline(c Candidate) (rules.Deadline, bool, error) {
	cal, err := rules.LoadCalendar()
	if err != nil {
		return rules.Deadline{}, false, fmt.Errorf("store: next deadline: %w", err)
	}
	ds, err := candidateDeadlines(c, cal)
	if errors.Is(err, rules.ErrOutsideCalendar) || err == nil && len(ds) == 0 {
		return rules.Deadline{}, false, nil
	}
	if err != nil {
		return rules.Deadline{}, false, fmt.Errorf("store: next deadline of %q: %w", c.FullName, err)
	}
	return ds[0], true, nil
}

// candidateDeadlines is the one deadline a candidate's stage opens, if
// any, counted by the rules in force on the day the time starts.
func candidateDeadlines(c Candidate, cal *rules.Calendar) ([]rules.Deadline, error) {
	at := func(date string) (rules.Admission, time.Time, error) {
		t := parseISO(date)
		adm, err := rules.AdmissionOn(t)
		return adm, t, err
	}
	one := func(d rules.Deadline, err error) ([]rules.Deadline, error) {
		if err != nil {
			return nil, err
		}
		return []rules.Deadline{d}, nil
	}
	switch {
	case c.FullDecisionDate != "":
		return nil, nil
	case c.FullVoteDate != "":
		adm, from, err := at(c.FullVoteDate)
		if err != nil {
			return nil, err
		}
		return one(adm.HubFullDecisionDue(cal, from))
	case c.CeremonyDate != "":
		adm, from, err := at(c.CeremonyDate)
		if err != nil {
			return nil, err
		}
		return one(adm.FullVoteDue(cal, from))
	case c.DecisionReceived != "":
		adm, from, err := at(c.DecisionReceived)
		if err != nil {
			return nil, err
		}
		return one(adm.CeremonyDue(cal, from))
	case c.CellVoteDate != "" && c.HubDecisionDate == "":
		adm, from, err := at(c.CellVoteDate)
		if err != nil {
			return nil, err
		}
		return one(adm.HubDecisionDue(cal, from))
	case c.ClassDate != "" && c.CellVoteDate == "":
		adm, from, err := at(c.ClassDate)
		if err != nil {
			return nil, err
		}
		return one(adm.Certificate(from), nil)
	}
	return nil, nil
}

// memberFullVote is the full-membership deadline of a probationary member
// the app holds no dossier for: from the ceremony date the list gave or,
// failing that, from the admission decision as an estimate (ok is false
// when the member has neither date).
func memberFullVote(m Member, cal *rules.Calendar) (rules.Deadline, bool, error) {
	start, estimated, ok := probationStart(m)
	if !ok {
		return rules.Deadline{}, false, nil
	}
	adm, err := rules.AdmissionOn(start)
	if err != nil {
		return rules.Deadline{}, true, err
	}
	d, err := adm.FullVoteDue(cal, start)
	if err == nil && estimated {
		d.Before.Estimated = "Chưa có ngày lễ kết nạp: tạm tính từ ngày quyết định kết nạp " + FormatDMY(m.AdmissionDate) +
			" (ngày lễ kết nạp không sớm hơn, nên hạn thật có thể muộn hơn). Hãy nhập ngày lễ kết nạp ở hồ sơ đảng viên."
		d.Estimated = d.Before.Estimated
		d.Before.FromWhat = "ngày quyết định kết nạp (tạm tính thay ngày lễ kết nạp)"
	}
	return d, true, err
}
