package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
)

// Candidate is a citizen on the cell's way to membership, from the list of
// outstanding citizens to full membership (DOMAIN.md "Admitting a member").
// Dates are ISO; a stage is reached when its date is set.
type Candidate struct {
	ID, OrgID                                        string
	FullName, Sex, BirthDate, Ethnicity, Religion    string
	HomeTown, Residence, CitizenID, Education        string
	Occupation, Phone, Notes                         string
	Highland                                         bool // highland / ethnic-minority area: lower education minimum
	HelperID                                         string
	ListedDate                                       string // voted onto the list of outstanding citizens
	ClassDate                                        string // awareness class certificate date
	CertificateNo                                    string
	Dossier                                          map[string]string // KNĐ form ("1-KNĐ") → date received
	BackgroundDate                                   string            // background check finished
	Introducer1, Introducer2                         string            // member ids
	YouthUnionDate                                   string            // Youth Union resolution (4-KNĐ) instead of a second introducer
	CellVoteDate                                     string            // the cell considers and votes (6-KNĐ)
	CellVoteMeeting                                  string            // meeting id; "" = a vote from paper records (candidate_vote.go)
	VotesFor, VotesAgainst, VotesAbstain             int
	Voters                                           int // denominator: the meeting roll's eligible voters, or typed for a paper record
	HubDecisionNo, HubDecisionDate                   string
	DecisionReceived                                 string
	CeremonyDate                                     string // admitted: becomes a probationary member
	MemberID                                         string // the member record made at the ceremony
	FullVoteDate                                     string
	FullVoteMeeting                                  string
	FullVotesFor, FullVotesAgainst, FullVotesAbstain int
	FullVoters                                       int
	FullDecisionDate                                 string
}

// Stage codes, in pipeline order, each with the date that marks it.
var CandidateStages = []Label{
	{"listed", "Quần chúng ưu tú"},
	{"class", "Đã học lớp nhận thức về Đảng"},
	{"background", "Đã thẩm tra lý lịch"},
	{"cell_vote", "Chi bộ đã biểu quyết"},
	{"hub_decision", "Có quyết định kết nạp"},
	{"received", "Chi bộ đã nhận quyết định"},
	{"ceremony", "Đã kết nạp (dự bị)"},
	{"full_vote", "Chi bộ đã xét chính thức"},
	{"full", "Đảng viên chính thức"},
}

// stageDates lists the candidate's stage dates in pipeline order, with
// the field each comes from.
func (c *Candidate) stageDates() []struct{ stage, field, date string } {
	return []struct{ stage, field, date string }{
		{"listed", "listed_date", c.ListedDate}, {"class", "class_date", c.ClassDate},
		{"background", "background_date", c.BackgroundDate}, {"cell_vote", "cell_vote_date", c.CellVoteDate},
		{"hub_decision", "hub_decision_date", c.HubDecisionDate}, {"received", "decision_received", c.DecisionReceived},
		{"ceremony", "ceremony_date", c.CeremonyDate}, {"full_vote", "full_vote_date", c.FullVoteDate},
		{"full", "full_decision_date", c.FullDecisionDate},
	}
}

// Stage is the furthest stage reached ("" = none yet).
func (c Candidate) Stage() string {
	st := ""
	for _, s := range c.stageDates() {
		if s.date != "" {
			st = s.stage
		}
	}
	return st
}

// StageDate is the date a stage was reached, "" if not.
func (c Candidate) StageDate(stage string) string {
	for _, s := range c.stageDates() {
		if s.stage == stage {
			return s.date
		}
	}
	return ""
}

// Candidate errors.
var (
	ErrStageOrder    = errors.New("stage date before the previous stage")
	ErrStageSkipped  = errors.New("stage reached before an earlier one")
	ErrVoteFailed    = errors.New("the vote did not reach the threshold")
	ErrIntroducerBad = errors.New("introducer is not a full member of long enough standing")
)

// DossierForms are the KNĐ forms the checklist tracks.
var DossierForms = []Label{
	{"1-KNĐ", "Đơn xin vào Đảng"}, {"2-KNĐ", "Lý lịch người xin vào Đảng"},
	{"3-KNĐ", "Giấy giới thiệu người vào Đảng"}, {"4-KNĐ", "Nghị quyết giới thiệu của Đoàn"},
	{"5-KNĐ", "Tổng hợp ý kiến đoàn thể"}, {"5B-KNĐ", "Ý kiến chi ủy nơi cư trú"},
	{"5C-KNĐ", "Ý kiến nơi cư trú"}, {"6-KNĐ", "Nghị quyết đề nghị kết nạp của chi bộ"},
	{"8-KNĐ", "Nghị quyết của đảng ủy cơ sở"}, {"9-KNĐ", "Quyết định kết nạp"},
	{"10-KNĐ", "Bản tự kiểm điểm của đảng viên dự bị"}, {"11-KNĐ", "Nhận xét của đảng viên giúp đỡ"},
	{"12-KNĐ", "Ý kiến đoàn thể và nơi cư trú"}, {"13-KNĐ", "Nghị quyết đề nghị công nhận chính thức"},
	{"15-KNĐ", "Nghị quyết của đảng ủy cơ sở về công nhận chính thức"},
}

func dossierJSON(d map[string]string) string {
	if len(d) == 0 {
		return ""
	}
	b, _ := json.Marshal(d) // map keys marshal sorted: stable text, no spurious changes
	return string(b)
}

func candidateFields(c Candidate) map[string]any {
	return map[string]any{
		"full_name": c.FullName, "sex": c.Sex, "birth_date": c.BirthDate, "ethnicity": c.Ethnicity,
		"religion": c.Religion, "home_town": c.HomeTown, "residence": c.Residence, "citizen_id": c.CitizenID,
		"education": c.Education, "occupation": c.Occupation, "phone": c.Phone, "notes": c.Notes,
		"highland": c.Highland, "helper_id": c.HelperID, "listed_date": c.ListedDate, "class_date": c.ClassDate,
		"certificate_no": c.CertificateNo, "dossier": dossierJSON(c.Dossier), "background_date": c.BackgroundDate,
		"introducer1_id": c.Introducer1, "introducer2_id": c.Introducer2, "youth_union_date": c.YouthUnionDate,
		"cell_vote_date": c.CellVoteDate, "votes_for": c.VotesFor, "voters": c.Voters,
		"hub_decision_no": c.HubDecisionNo, "hub_decision_date": c.HubDecisionDate,
		"decision_received": c.DecisionReceived, "ceremony_date": c.CeremonyDate, "member_id": c.MemberID,
		"full_vote_date": c.FullVoteDate, "full_votes_for": c.FullVotesFor, "full_voters": c.FullVoters,
		"full_decision_date": c.FullDecisionDate,
		"cell_vote_meeting":  c.CellVoteMeeting, "votes_against": c.VotesAgainst, "votes_abstain": c.VotesAbstain,
		"full_vote_meeting": c.FullVoteMeeting, "full_votes_against": c.FullVotesAgainst,
		"full_votes_abstain": c.FullVotesAbstain,
	}
}

// candidateList is every column a Candidate is read from, in
// scanCandidate's order.
const candidateList = `id, org_id, full_name, sex, birth_date, ethnicity, religion, home_town, residence, citizen_id,
	education, occupation, phone, notes, highland, helper_id, listed_date, class_date, certificate_no, dossier,
	background_date, introducer1_id, introducer2_id, youth_union_date, cell_vote_date, votes_for, voters,
	hub_decision_no, hub_decision_date, decision_received, ceremony_date, member_id, full_vote_date,
	full_votes_for, full_voters, full_decision_date, cell_vote_meeting, votes_against, votes_abstain,
	full_vote_meeting, full_votes_against, full_votes_abstain`

var candidateCols = readCols("candidate", "", candidateList)

func scanCandidate(r interface{ Scan(...any) error }) (Candidate, error) {
	var c Candidate
	var dossier string
	err := r.Scan(&c.ID, &c.OrgID, &c.FullName, &c.Sex, &c.BirthDate, &c.Ethnicity, &c.Religion, &c.HomeTown,
		&c.Residence, &c.CitizenID, &c.Education, &c.Occupation, &c.Phone, &c.Notes, &c.Highland, &c.HelperID,
		&c.ListedDate, &c.ClassDate, &c.CertificateNo, &dossier, &c.BackgroundDate, &c.Introducer1, &c.Introducer2,
		&c.YouthUnionDate, &c.CellVoteDate, &c.VotesFor, &c.Voters, &c.HubDecisionNo, &c.HubDecisionDate,
		&c.DecisionReceived, &c.CeremonyDate, &c.MemberID, &c.FullVoteDate, &c.FullVotesFor, &c.FullVoters,
		&c.FullDecisionDate, &c.CellVoteMeeting, &c.VotesAgainst, &c.VotesAbstain, &c.FullVoteMeeting,
		&c.FullVotesAgainst, &c.FullVotesAbstain)
	if err == nil && dossier != "" {
		if jerr := json.Unmarshal([]byte(dossier), &c.Dossier); jerr != nil {
			return c, fmt.Errorf("candidate %s dossier: %w", c.ID, jerr)
		}
	}
	return c, err
}

func sortCandidates(cs []Candidate) {
	sort.SliceStable(cs, func(i, j int) bool { return Fold(cs[i].FullName) < Fold(cs[j].FullName) })
}
