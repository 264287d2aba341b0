package rules

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func mustAdmission(t *testing.T) Admission {
	t.Helper()
	a, err := AdmissionOn(d("2026-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestCheckAge(t *testing.T) {
	a := mustAdmission(t)
	cases := []struct {
		name, birth, on string
		want            error
		eligible        string
	}{
		{"turns 18 the day after", "2008-06-02", "2026-06-01", ErrTooYoung, "2026-06-02"},
		{"turns 18 that day", "2008-06-01", "2026-06-01", nil, ""},
		{"born 29 February, day before", "2008-02-29", "2026-02-28", ErrTooYoung, "2026-03-01"},
		{"born 29 February, 1 March", "2008-02-29", "2026-03-01", nil, ""},
		{"60 years 0 months", "1966-06-01", "2026-06-01", nil, ""},
		{"60 years 0 months 30 days", "1966-05-02", "2026-06-01", nil, ""},
		{"60 years 1 month: needs the province", "1966-05-01", "2026-06-01", ErrTooOld, "2026-05-31"},
		{"61 years", "1965-06-01", "2026-06-01", ErrTooOld, "2025-06-30"},
		{"no birth date", "", "2026-06-01", ErrNoBirthDate, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			birth := zeroTime
			if tc.birth != "" {
				birth = d(tc.birth)
			}
			err := a.CheckAge(birth, d(tc.on))
			if !errors.Is(err, tc.want) {
				t.Fatalf("CheckAge = %v, want %v", err, tc.want)
			}
			var ae *AgeError
			if tc.eligible != "" && (!errors.As(err, &ae) || ae.Eligible.Format(dateLayout) != tc.eligible) {
				t.Errorf("eligible date in %v, want %s", err, tc.eligible)
			}
		})
	}
}

func TestCheckEducation(t *testing.T) {
	a := mustAdmission(t)
	for _, tc := range []struct {
		name, text string
		highland   bool
		want       error
	}{
		{"lower secondary", "9/12", false, nil},
		{"upper secondary", "12/12", false, nil},
		{"grade 8 lowland", "8/12", false, ErrEducation},
		{"primary in the highlands", "5/12", true, nil},
		{"grade 4 in the highlands", "4/12", true, ErrEducation},
		{"old 10-year system 7/10", "7/10", false, nil},
		{"not a grade", "đại học", false, ErrNoEducation},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := a.CheckEducation(tc.text, tc.highland); !errors.Is(err, tc.want) {
				t.Errorf("CheckEducation(%q) = %v, want %v", tc.text, err, tc.want)
			}
		})
	}
}

func TestCheckIntroducer(t *testing.T) {
	a := mustAdmission(t)
	for _, tc := range []struct {
		name  string
		full  bool
		since string
		want  error
	}{
		{"full for years", true, "2015-01-01", nil},
		{"full exactly a year", true, "2025-06-01", nil},
		{"full one day short", true, "2025-06-02", ErrIntroducer},
		{"probationary", false, "", ErrIntroducer},
		{"full, date unknown", true, "", ErrIntroducer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			since := zeroTime
			if tc.since != "" {
				since = d(tc.since)
			}
			if err := a.CheckIntroducer(tc.full, since, d("2026-06-01")); !errors.Is(err, tc.want) {
				t.Errorf("CheckIntroducer = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestAdmissionDeadlines(t *testing.T) {
	a := mustAdmission(t)
	c := mustCalendar(t)
	hub, err := a.HubDecisionDue(c, d("2025-12-15"))
	if err != nil || hub.Due.Format(dateLayout) != "2026-03-17" {
		t.Errorf("hub decision due %v %v, want 2026-03-17", hub.Due, err)
	}
	cer, err := a.CeremonyDue(c, d("2026-01-20"))
	if err != nil || cer.Due.Format(dateLayout) != "2026-03-10" {
		t.Errorf("ceremony due %v %v, want 2026-03-10", cer.Due, err)
	}
	if end := a.ProbationEnd(d("2025-08-20")); end.Format(dateLayout) != "2026-08-20" {
		t.Errorf("probation end %v", end)
	}
	full, err := a.FullVoteDue(c, d("2025-08-20"))
	if err != nil || full.Due.Format(dateLayout) != "2026-10-05" {
		t.Errorf("full vote due %v %v, want 2026-10-05", full.Due, err)
	}
	if full.Before == nil || full.Before.Due.Format(dateLayout) != "2026-08-20" {
		t.Errorf("full vote deadline does not show the end of probation it runs from: %+v", full.Before)
	}
	if v := a.CertificateValidUntil(d("2021-03-15")).Format(dateLayout); v != "2026-03-14" {
		t.Errorf("certificate valid until %s", v)
	}
}

func TestBadRuleSetsRefused(t *testing.T) {
	good := `{"id":"x","effective":"2025-07-01","min_age_months":{"value":216,"source":"s","effective":"2025-01-01"}}`
	for _, tc := range []struct{ name, body string }{
		{"no effective date", strings.Replace(good, `"effective":"2025-07-01"`, `"effective":""`, 1)},
		{"value without source", good},
		{"not JSON", "{"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"rules/cellwork/admission-x.json": {Data: []byte(tc.body)}}
			if _, err := admissionFrom(fsys, d("2026-01-01")); err == nil {
				t.Error("accepted")
			}
		})
	}
}
