package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// Vote kinds a threshold exists for.
const (
	VoteResolution = "resolution" // nghị quyết, kết luận
	VoteAdmission  = "admission"  // kết nạp, công nhận chính thức
	VoteDiscipline = "discipline" // kỷ luật
	VoteExpulsion  = "expulsion"  // khai trừ
)

// VoteKinds lists the kinds every rule set must define.
var VoteKinds = []string{VoteResolution, VoteAdmission, VoteDiscipline, VoteExpulsion}

// Fraction is a threshold such as "more than 1/2" (Op ">") or "at least
// 2/3" (Op ">="). It stays a fraction rather than a percentage so that
// 2/3 is exact: 17 of 26 (65.4 %) fails and 18 of 27 passes.
type Fraction struct {
	Num int    `json:"num"`
	Den int    `json:"den"`
	Op  string `json:"op"`
}

func (f Fraction) validate() error {
	if f.Num < 1 || f.Den < 1 || f.Num > f.Den {
		return fmt.Errorf("fraction %d/%d out of range", f.Num, f.Den)
	}
	if f.Op != ">" && f.Op != ">=" {
		return fmt.Errorf("operator %q: want > or >=", f.Op)
	}
	return nil
}

// met compares in integers so no rounding can turn a fail into a pass.
func (f Fraction) met(votes, of int) bool {
	if f.Op == ">" {
		return votes*f.Den > f.Num*of
	}
	return votes*f.Den >= f.Num*of
}

// String renders the threshold for a document: "> 50 %" when the fraction
// is a whole percentage, else "≥ 2/3".
func (f Fraction) String() string {
	op := map[string]string{">": ">", ">=": "≥"}[f.Op]
	if 100*f.Num%f.Den == 0 {
		return fmt.Sprintf("%s %d %%", op, 100*f.Num/f.Den)
	}
	return fmt.Sprintf("%s %d/%d", op, f.Num, f.Den)
}

// Threshold returns the fraction for a vote kind and whether the set has it.
func (s RuleSet) Threshold(kind string) (Fraction, bool) {
	v, ok := s.Votes[kind]
	return v.Value, ok
}

// Passes says whether votesFor of eligible carries a vote of the given
// kind, and why, in the words a document prints:
// "18/26 = 69,2 %, cần > 50 %".
func (s RuleSet) Passes(kind string, votesFor, eligible int) (ok bool, why string) {
	f, found := s.Threshold(kind)
	switch {
	case !found:
		return false, fmt.Sprintf("không có quy định biểu quyết loại %q", kind)
	case eligible <= 0:
		return false, "không có đảng viên nào đủ quyền biểu quyết"
	case votesFor < 0 || votesFor > eligible:
		return false, fmt.Sprintf("số phiếu tán thành %d không hợp lệ (tối đa %d)", votesFor, eligible)
	}
	why = fmt.Sprintf("%d/%d = %s %%, cần %s", votesFor, eligible, Percent(votesFor, eligible), f)
	return f.met(votesFor, eligible), why
}

// Percent formats part/whole as a Vietnamese percentage with one decimal
// and a decimal comma ("69,2"), rounded half away from zero.
func Percent(part, whole int) string {
	if whole == 0 {
		return "0"
	}
	tenths := (part*1000 + whole/2) / whole
	s := strconv.Itoa(tenths/10) + "," + strconv.Itoa(tenths%10)
	return strings.TrimSuffix(s, ",0")
}
