package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// FieldError says which field of a record is wrong, so the UI can point at
// it and the CSV reader can name the column.
type FieldError struct {
	Field string // column name, e.g. "birth_date"
	Value string
	Err   error
}

func (e *FieldError) Error() string { return fmt.Sprintf("%s %q: %v", e.Field, e.Value, e.Err) }
func (e *FieldError) Unwrap() error { return e.Err }

func normMember(m Member) Member {
	for _, p := range []*string{&m.FullName, &m.OtherName, &m.Ethnicity, &m.Religion, &m.HomeTown, &m.Residence,
		&m.CitizenID, &m.CardNo, &m.BackgroundNo, &m.Education, &m.TheoryLevel, &m.Occupation, &m.Phone, &m.Notes} {
		*p = NFC(*p)
	}
	if m.Status == "" {
		m.Status = StatusFull
	}
	if m.Position == "" {
		m.Position = PositionMember
	}
	return m
}

// ValidateMember checks one member and returns a *FieldError for the first problem.
func ValidateMember(m Member) error {
	bad := func(f, v, why string) error {
		return &FieldError{Field: f, Value: v, Err: fmt.Errorf("%s: %w", why, ErrInvalid)}
	}
	if m.FullName == "" {
		return bad("full_name", "", "name is required")
	}
	for f, d := range map[string]string{"birth_date": m.BirthDate, "admission_date": m.AdmissionDate,
		"ceremony_date": m.CeremonyDate, "full_date": m.FullDate} {
		if !ValidDate(d) {
			return bad(f, d, "not a real date")
		}
	}
	if err := checkMemberDates(m); err != nil {
		return err
	}
	if m.Sex != "" && m.Sex != SexMale && m.Sex != SexFemale {
		return bad("sex", m.Sex, "unknown sex")
	}
	if _, ok := CodeOf(StatusLabels, m.Status); !ok {
		return bad("status", m.Status, "unknown status")
	}
	if _, ok := CodeOf(PositionLabels, m.Position); !ok {
		return bad("position", m.Position, "unknown position")
	}
	return nil
}

func memberFields(m Member) map[string]any {
	return map[string]any{
		"full_name": m.FullName, "other_name": m.OtherName, "sex": m.Sex, "birth_date": m.BirthDate,
		"ethnicity": m.Ethnicity, "religion": m.Religion, "home_town": m.HomeTown, "residence": m.Residence,
		"citizen_id": m.CitizenID, "card_no": m.CardNo, "background_no": m.BackgroundNo,
		"admission_date": m.AdmissionDate, "ceremony_date": m.CeremonyDate, "full_date": m.FullDate, "status": m.Status,
		"education": m.Education, "theory_level": m.TheoryLevel, "occupation": m.Occupation,
		"position": m.Position, "phone": m.Phone, "notes": m.Notes,
	}
}

// SaveMember creates (empty ID) or updates a member of this cell and
// returns it as stored.
func (s *Store) SaveMember(ctx context.Context, m Member) (Member, error) {
	out, err := s.SaveMembers(ctx, []Member{m})
	if err != nil {
		return Member{}, err
	}
	return out[0], nil
}

// SaveMembers writes several members in one transaction: all or none.
func (s *Store) SaveMembers(ctx context.Context, ms []Member) ([]Member, error) {
	out := make([]Member, len(ms))
	for i, m := range ms {
		m = normMember(m)
		if err := ValidateMember(m); err != nil {
			return nil, fmt.Errorf("store: save member %q: %w", m.FullName, err)
		}
		if m.ID == "" {
			m.ID = NewID()
		}
		out[i] = m
	}
	err := s.writeTx(ctx, func(w *writer) error {
		for i := range out {
			out[i].OrgID = w.site
			if err := w.put("member", out[i].ID, w.site, memberFields(out[i])); err != nil {
				return fmt.Errorf("member %s: %w", out[i].ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: save members: %w", err)
	}
	return out, nil
}

var memberCols = readCols("member", "", `id, org_id, full_name, other_name, sex, birth_date, ethnicity, religion, home_town, residence,
	citizen_id, card_no, background_no, admission_date, full_date, status, education, theory_level, occupation,
	position, phone, notes, ceremony_date`)

func scanMember(r interface{ Scan(...any) error }) (Member, error) {
	var m Member
	err := r.Scan(&m.ID, &m.OrgID, &m.FullName, &m.OtherName, &m.Sex, &m.BirthDate, &m.Ethnicity, &m.Religion,
		&m.HomeTown, &m.Residence, &m.CitizenID, &m.CardNo, &m.BackgroundNo, &m.AdmissionDate, &m.FullDate,
		&m.Status, &m.Education, &m.TheoryLevel, &m.Occupation, &m.Position, &m.Phone, &m.Notes, &m.CeremonyDate)
	return m, err
}

// Member reads one member.
func (s *Store) Member(ctx context.Context, id string) (Member, error) {
	m, err := scanMember(s.db.QueryRowContext(ctx, "SELECT "+memberCols+" FROM members WHERE id = ?", id))
	if err == sql.ErrNoRows {
		return Member{}, fmt.Errorf("store: member %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Member{}, fmt.Errorf("store: member %s: %w", id, err)
	}
	return m, nil
}

// Members lists the members of org (this site's when orgID is "") whose
// folded name contains the folded query, sorted by name.
func (s *Store) Members(ctx context.Context, orgID, query string) ([]Member, error) {
	if orgID == "" {
		site, err := metaGet(ctx, s.db, "site_id")
		if err != nil {
			return nil, fmt.Errorf("store: members: %w", err)
		}
		orgID = site
	}
	q := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(Fold(query)) + "%"
	rows, err := s.db.QueryContext(ctx, "SELECT "+memberCols+` FROM members
		WHERE org_id = ? AND name_fold LIKE ? ESCAPE '\' ORDER BY name_fold, id`, orgID, q)
	if err != nil {
		return nil, fmt.Errorf("store: members: %w", err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, fmt.Errorf("store: members: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
