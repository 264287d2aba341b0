package ui

import (
	"strconv"

	"fyne.io/fyne/v2"

	"chibo/store"
)

// The drafts of the candidate and review forms (drafts.go): their inputs
// in a fixed order. The forms themselves live in candidate_form.go and
// review_form.go.

func (f *candidateForm) draftKey() string { return "candidate:" + or(f.c.ID, "new") }

func (f *candidateForm) draftTitle() string {
	return "Quần chúng ưu tú: " + or(f.name.Text, "(chưa có tên)")
}

// draftFields puts the stage dates before the votes: a vote box moves its
// date when its meeting is picked, and the draft's own date comes last.
func (f *candidateForm) draftFields() []fyne.CanvasObject {
	out := []fyne.CanvasObject{f.name, f.sex, f.birth, f.ethnicity, f.education, f.highland, f.residence, f.phone,
		f.helper, f.certNo, f.intro1, f.intro2, f.decisionNo}
	for _, d := range store.DossierForms {
		out = append(out, f.dossier[d.Code])
	}
	for _, b := range []*candidateVoteBox{f.cellVote, f.fullVote} {
		out = append(out, b.pick, b.votesFor, b.against, b.abstain, b.voters)
	}
	for _, d := range candidateDates {
		out = append(out, f.dates[d.Code])
	}
	return out
}

func (f *reviewForm) draftKey() string {
	who := or(f.rv.MemberID, "cell")
	return "review:" + strconv.Itoa(f.rv.Year) + ":" + who
}

func (f *reviewForm) draftTitle() string {
	return "Kiểm điểm năm " + strconv.Itoa(f.rv.Year) + ": " + f.title
}

func (f *reviewForm) draftFields() []fyne.CanvasObject {
	out := []fyne.CanvasObject{f.selfText, f.selfLevel, f.score, f.committee, f.og, f.sick, f.maternity, f.suspended,
		f.disciplined, f.voters}
	for _, l := range f.set.Levels.Value {
		out = append(out, f.votes[l.Code])
	}
	return append(out, f.cellLevel)
}
