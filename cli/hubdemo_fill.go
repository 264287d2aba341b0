package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"chibo/store"
)

// fillHubCell writes size synthetic members, years of monthly and
// quarterly thematic meetings up to now, and each year's review through
// the store, as the cell's secretary would have.
func fillHubCell(ctx context.Context, st *store.Store, r *rand.Rand, size, years int, now time.Time) error {
	saved, err := st.SaveMembers(ctx, hubMembers(r, size, now))
	if err != nil {
		return err
	}
	e := ctxEnv(ctx)
	first := time.Date(now.Year(), now.Month(), 5, 0, 0, 0, 0, time.UTC).AddDate(0, -12*years+1, 0)
	for month := first; !month.After(now); month = month.AddDate(0, 1, 0) {
		current := month.Year() == now.Year() && month.Month() == now.Month()
		if err := hubMeeting(e, st, saved, month, store.MeetingRegular, !current, r); err != nil {
			return fmt.Errorf("meeting %s: %w", month.Format("01/2006"), err)
		}
		if month.Month()%3 == 0 && !current {
			if err := hubMeeting(e, st, saved, month.AddDate(0, 0, 10), store.MeetingThematic, true, r); err != nil {
				return fmt.Errorf("thematic meeting %s: %w", month.Format("01/2006"), err)
			}
		}
	}
	last := store.ReviewYear(now)
	for y := last - years + 1; y <= last; y++ {
		if _, err := st.SaveReviews(ctx, hubReviews(r, saved, y, y < last)); err != nil {
			return fmt.Errorf("reviews %d: %w", y, err)
		}
	}
	return nil
}

// hubMembers invents a cell's members: a secretary and a deputy first,
// mostly full members, some probationary, exempt and gone.
func hubMembers(r *rand.Rand, size int, now time.Time) []store.Member {
	ms := make([]store.Member, size)
	for i := range ms {
		born := 1950 + r.IntN(55)
		sex := store.SexMale
		middle := []string{"A", "Seo", "Văn"}[r.IntN(3)]
		if r.IntN(3) == 0 {
			sex, middle = store.SexFemale, "Thị"
		}
		m := store.Member{FullName: fmt.Sprintf("%s %s %s", hubFamilies[r.IntN(len(hubFamilies))], middle, hubGiven[r.IntN(len(hubGiven))]),
			Sex: sex, Ethnicity: hubEthnic[r.IntN(len(hubEthnic))], Status: store.StatusFull, Position: store.PositionMember,
			BirthDate:  time.Date(born, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format("2006-01-02"),
			Occupation: "Nông dân", Education: "9/12"}
		joined := time.Date(born+20+r.IntN(25), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		switch k := r.IntN(100); {
		case i == 0:
			m.Position = store.PositionSecretary
		case i == 1:
			m.Position = store.PositionDeputy
		case k < 8:
			m.Status, joined = store.StatusProbationary, now.AddDate(0, -1-r.IntN(11), -r.IntN(28))
		case k < 13 && born < 1960:
			m.Status = store.StatusExempt
		case k < 16:
			m.Status = []string{store.StatusTransferred, store.StatusDeceased}[r.IntN(2)]
		}
		if joined.After(now) || (m.Status != store.StatusProbationary && joined.After(now.AddDate(-1, 0, 0))) {
			joined = now.AddDate(-1-r.IntN(10), -r.IntN(12), 0)
		}
		m.AdmissionDate = joined.Format("2006-01-02")
		if m.Status != store.StatusProbationary {
			m.FullDate = joined.AddDate(1, 0, 0).Format("2006-01-02")
		}
		ms[i] = m
	}
	return ms
}

// hubReviews rates every member the rules rate that year (on the list,
// not exempt, admitted by mid-year) and the cell itself. A past year
// carries the hub's decision as the cell imported it from paper (history
// the hub takes as decided, store/hub_claims.go); the latest year is still
// the cell's proposal, waiting for the hub.
func hubReviews(r *rand.Rand, ms []store.Member, year int, decided bool) []store.Review {
	levels := []string{"excellent", "good", "good", "good", "good", "done", "done", "failed"}
	midYear := fmt.Sprintf("%d-06-30", year)
	var out []store.Review
	rate := func(memberID string) {
		lvl := levels[r.IntN(len(levels))]
		if lvl == "failed" && r.IntN(4) > 0 {
			lvl = "done"
		}
		rv := store.Review{MemberID: memberID, Year: year, SelfLevel: lvl, CellLevel: lvl, Imported: decided}
		if decided {
			rv.HubLevel, rv.HubDecisionNo, rv.HubDecisionDate = lvl, fmt.Sprintf("%d-QĐ/ĐU", 100+year%100), fmt.Sprintf("%d-01-15", year+1)
		}
		out = append(out, rv)
	}
	for _, m := range ms {
		if (m.Status == store.StatusFull || m.Status == store.StatusProbationary) && m.AdmissionDate <= midYear {
			rate(m.ID)
		}
	}
	rate("")
	return out
}

// hubMeeting holds one meeting like demoMeeting, but counts the votes
// among the members who may vote (full members present), as a cell of
// any size must.
func hubMeeting(e env, st *store.Store, members []store.Member, day time.Time, kind string, finalize bool, r *rand.Rand) error {
	m, err := st.NewMeeting(e.ctx, kind, day.Format("2006-01-02"))
	if err != nil {
		return err
	}
	m.MinuteTaker = members[1].FullName
	if kind == store.MeetingThematic {
		m.Topic = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
	}
	voters := 0
	for i := range m.Attendance {
		a := &m.Attendance[i]
		switch {
		case a.Status == store.AttExempt, a.MemberName == m.Chair:
		case r.IntN(12) == 0:
			a.Status, a.Reason = store.AttExcused, []string{"Ốm", "Đi làm ăn xa", "Việc gia đình"}[r.IntN(3)]
			continue
		}
		if a.Status != store.AttExempt && a.MemberStatus == store.StatusFull {
			voters++
		}
	}
	m.Agenda = nil
	for _, it := range demoAgenda {
		m.Agenda = append(m.Agenda, store.AgendaItem{Title: it.title, Discussion: it.discussion, Conclusion: it.conclusion})
	}
	m.Resolution = fmt.Sprintf("Chi bộ thống nhất thực hiện các nhiệm vụ tháng %d/%d như đã thảo luận.", day.Month()%12+1, day.Year())
	m.VotesFor = voters
	if m, err = st.SaveMeeting(e.ctx, m); err != nil {
		return err
	}
	if finalize {
		_, err = st.FinalizeMeeting(e.ctx, m.ID)
	}
	return err
}
