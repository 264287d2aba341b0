package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"chibo/rules"
)

func normCandidate(c Candidate) Candidate {
	for _, p := range []*string{&c.FullName, &c.Ethnicity, &c.Religion, &c.HomeTown, &c.Residence, &c.CitizenID,
		&c.Education, &c.Occupation, &c.Phone, &c.Notes, &c.CertificateNo, &c.HubDecisionNo} {
		*p = NFC(*p)
	}
	return c
}

// memberLookup finds a member by id inside the write transaction.
type memberLookup func(id string) (Member, bool, error)

func txMembers(ctx context.Context, tx *sql.Tx) memberLookup {
	return func(id string) (Member, bool, error) {
		m, err := scanMember(tx.QueryRowContext(ctx, "SELECT "+memberCols+" FROM members WHERE id = ?", id))
		if err == sql.ErrNoRows {
			return Member{}, false, nil
		}
		return m, err == nil, err
	}
}

// ValidateCandidate checks a candidate against the admission rules and
// returns a *FieldError naming the first bad field. today stands for the
// day of checks that have no stage date yet (an introducer named early).
// The votes' denominators must already be set from their meetings
// (linkVotes), as SaveCandidates and the CSV import do.
func ValidateCandidate(c Candidate, members memberLookup, today time.Time) error {
	bad := func(f, v string, err error) error { return &FieldError{Field: f, Value: v, Err: err} }
	if c.FullName == "" {
		return bad("full_name", "", fmt.Errorf("name is required: %w", ErrInvalid))
	}
	if !ValidDate(c.BirthDate) {
		return bad("birth_date", c.BirthDate, fmt.Errorf("not a real date: %w", ErrInvalid))
	}
	for form, d := range c.Dossier {
		if !ValidDate(d) {
			return bad("dossier", form, fmt.Errorf("not a real date %q: %w", d, ErrInvalid))
		}
	}
	for _, s := range c.stageDates() {
		if !ValidDate(s.date) {
			return bad(s.field, s.date, fmt.Errorf("not a real date: %w", ErrInvalid))
		}
	}
	if err := checkCandidateOrder(c); err != nil {
		return err
	}
	prev, prevField := "", ""
	for i, s := range c.stageDates() {
		if s.date == "" {
			continue
		}
		if s.date < prev {
			return bad(s.field, s.date, fmt.Errorf("%w (%s %s): %w", ErrStageOrder, prevField, FormatDMY(prev), ErrInvalid))
		}
		// From the cell's vote on, each step needs the one before it.
		if i > 3 && c.stageDates()[i-1].date == "" {
			return bad(s.field, s.date, fmt.Errorf("%w: %w", ErrStageSkipped, ErrInvalid))
		}
		prev, prevField = s.date, s.field
	}
	on := today
	if c.CellVoteDate != "" {
		on = parseISO(c.CellVoteDate)
	}
	adm, err := rules.AdmissionOn(on)
	if err != nil {
		return err
	}
	if err := checkIntroducers(c, adm, members, on); err != nil {
		return err
	}
	if c.CellVoteDate != "" {
		if err := checkCellVote(c, adm, on); err != nil {
			return err
		}
	}
	return checkFullVote(c)
}

func checkIntroducers(c Candidate, adm rules.Admission, members memberLookup, on time.Time) error {
	for f, id := range map[string]string{"introducer1_id": c.Introducer1, "introducer2_id": c.Introducer2} {
		if id == "" {
			continue
		}
		m, ok, err := members(id)
		if err != nil {
			return err
		}
		if !ok {
			return &FieldError{Field: f, Value: id, Err: fmt.Errorf("introducer: %w", ErrNotFound)}
		}
		if err := adm.CheckIntroducer(m.Status == StatusFull, parseISO(m.FullDate), on); err != nil {
			return &FieldError{Field: f, Value: m.FullName, Err: fmt.Errorf("%w: %w: %w", ErrIntroducerBad, err, ErrInvalid)}
		}
	}
	return nil
}

func checkCellVote(c Candidate, adm rules.Admission, on time.Time) error {
	bad := func(f, v string, err error) error { return &FieldError{Field: f, Value: v, Err: err} }
	if c.BirthDate == "" {
		return bad("birth_date", "", fmt.Errorf("%w: %w", rules.ErrNoBirthDate, ErrInvalid))
	}
	if err := adm.CheckAge(parseISO(c.BirthDate), on); err != nil {
		return bad("birth_date", c.BirthDate, fmt.Errorf("%w: %w", err, ErrInvalid))
	}
	if c.ClassDate != "" && adm.CertificateValidUntil(parseISO(c.ClassDate)).Before(on) {
		return bad("class_date", c.ClassDate, fmt.Errorf("%w: %w", rules.ErrCertExpired, ErrInvalid))
	}
	if err := adm.CheckEducation(c.Education, c.Highland); err != nil && c.Education != "" {
		return bad("education", c.Education, fmt.Errorf("%w: %w", err, ErrInvalid))
	}
	n := 0
	for _, id := range []string{c.Introducer1, c.Introducer2} {
		if id != "" {
			n++
		}
	}
	if c.YouthUnionDate != "" {
		n++
	}
	if n < adm.IntroducersNeeded.Value {
		return bad("introducer2_id", "", fmt.Errorf("need %d introducers: %w", adm.IntroducersNeeded.Value, ErrInvalid))
	}
	return checkVote("votes_for", c.VotesFor, c.VotesAgainst, c.VotesAbstain, c.Voters, c.HubDecisionDate != "", on)
}

// checkFullVote refuses a full-membership vote before probation ends,
// probation counted from the ceremony (Điều lệ Đảng, Điều 5.1) by the
// rules in force on the ceremony's day.
func checkFullVote(c Candidate) error {
	if c.FullVoteDate == "" {
		return nil
	}
	adm, err := rules.AdmissionOn(parseISO(c.CeremonyDate))
	if err != nil {
		return err
	}
	end := adm.ProbationEnd(parseISO(c.CeremonyDate))
	if parseISO(c.FullVoteDate).Before(end) {
		return &FieldError{Field: "full_vote_date", Value: c.FullVoteDate,
			Err: fmt.Errorf("%w (probation ends %s): %w", ErrStageOrder, FormatDMY(end.Format("2006-01-02")), ErrInvalid)}
	}
	return checkVote("full_votes_for", c.FullVotesFor, c.FullVotesAgainst, c.FullVotesAbstain, c.FullVoters,
		c.FullDecisionDate != "", parseISO(c.FullVoteDate))
}

// SaveCandidates writes candidates in one transaction: all or none. At the
// ceremony the candidate becomes a probationary member (party age from the
// decision date, probation from the ceremony); at the full-membership
// decision that member becomes full from the end of probation, however
// late the decision came.
func (s *Store) SaveCandidates(ctx context.Context, cs []Candidate) ([]Candidate, error) {
	out := make([]Candidate, len(cs))
	today := time.Now()
	err := s.writeTx(ctx, func(w *writer) error {
		look := txMembers(ctx, w.tx)
		for i, c := range cs {
			c = normCandidate(c)
			if err := linkVotes(ctx, w.tx, w.site, &c); err != nil {
				return fmt.Errorf("candidate %q: %w", c.FullName, err)
			}
			if err := ValidateCandidate(c, look, today); err != nil {
				return fmt.Errorf("candidate %q: %w", c.FullName, err)
			}
			if c.ID == "" {
				c.ID = NewID()
			}
			c.OrgID = w.site
			if err := promote(w, &c); err != nil {
				return fmt.Errorf("candidate %q: %w", c.FullName, err)
			}
			if err := w.put("candidate", c.ID, w.site, candidateFields(c)); err != nil {
				return fmt.Errorf("candidate %s: %w", c.ID, err)
			}
			out[i] = c
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: save candidates: %w", err)
	}
	return out, nil
}

// promote makes or updates the member record a candidate turns into.
func promote(w *writer, c *Candidate) error {
	if c.CeremonyDate == "" {
		return nil
	}
	if c.MemberID == "" {
		m := normMember(Member{ID: NewID(), FullName: c.FullName, Sex: c.Sex, BirthDate: c.BirthDate,
			Ethnicity: c.Ethnicity, Religion: c.Religion, HomeTown: c.HomeTown, Residence: c.Residence,
			CitizenID: c.CitizenID, Education: c.Education, Occupation: c.Occupation, Phone: c.Phone,
			AdmissionDate: c.HubDecisionDate, CeremonyDate: c.CeremonyDate, Status: StatusProbationary})
		if err := w.put("member", m.ID, w.site, memberFields(m)); err != nil {
			return err
		}
		c.MemberID = m.ID
	}
	if c.FullDecisionDate == "" {
		return nil
	}
	adm, err := rules.AdmissionOn(parseISO(c.CeremonyDate))
	if err != nil {
		return err
	}
	m, ok, err := txMembers(w.ctx, w.tx)(c.MemberID)
	if err != nil || !ok || m.Status != StatusProbationary {
		return err // already full, moved or gone: the member record has the say
	}
	fields := map[string]any{"status": StatusFull, "full_date": adm.ProbationEnd(parseISO(c.CeremonyDate)).Format("2006-01-02")}
	if m.CeremonyDate == "" {
		fields["ceremony_date"] = c.CeremonyDate
	}
	return w.put("member", m.ID, w.site, fields)
}

// Candidates lists this cell's candidates by name.
func (s *Store) Candidates(ctx context.Context) ([]Candidate, error) {
	site, err := metaGet(ctx, s.db, "site_id")
	if err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	return s.CandidatesOf(ctx, site)
}

// CandidatesOf lists one organisation's candidates (at the hub: a cell's).
func (s *Store) CandidatesOf(ctx context.Context, orgID string) ([]Candidate, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+candidateCols+" FROM candidates WHERE org_id = ?", orgID)
	if err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		c, err := scanCandidate(rows)
		if err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
		out = append(out, c)
	}
	sortCandidates(out)
	return out, rows.Err()
}
