package rules

import (
	"reflect"
	"testing"
)

func TestComputeRoll(t *testing.T) {
	full := func(id string) Person { return Person{ID: id, Name: "Đồng chí " + id, Status: StatusFull} }
	tests := map[string]struct {
		people []Person
		att    []Presence
		want   Roll
	}{
		"all full present": {
			people: []Person{full("a"), full("b")},
			att:    []Presence{{"a", AttPresent, ""}, {"b", AttPresent, ""}},
			want:   Roll{Total: 2, Full: 2, Present: 2, Eligible: 2},
		},
		"probationary present never votes": {
			people: []Person{full("a"), {ID: "p", Name: "Lò Văn Dự", Status: StatusProbationary}},
			att:    []Presence{{"a", AttPresent, ""}, {"p", AttPresent, ""}},
			want:   Roll{Total: 2, Full: 1, Probationary: 1, Present: 2, Eligible: 1},
		},
		"elsewhere leaves the denominator": {
			people: []Person{full("a"), full("b")},
			att:    []Presence{{"a", AttPresent, ""}, {"b", AttElsewhere, ""}},
			want:   Roll{Total: 2, Full: 2, Elsewhere: 1, Present: 1, Eligible: 1},
		},
		"exempt absent leaves the denominator": {
			people: []Person{full("a"), {ID: "e", Name: "Cụ Hầu", Status: StatusExempt}},
			att:    []Presence{{"a", AttPresent, ""}, {"e", AttExempt, ""}},
			want:   Roll{Total: 2, Full: 2, Exempt: 1, Present: 1, Eligible: 1},
		},
		"exempt present votes": {
			people: []Person{full("a"), {ID: "e", Name: "Cụ Hầu", Status: StatusExempt}},
			att:    []Presence{{"a", AttPresent, ""}, {"e", AttExemptPresent, ""}},
			want:   Roll{Total: 2, Full: 2, Exempt: 1, Present: 2, Eligible: 2},
		},
		"excused full member leaves the denominator": {
			people: []Person{full("a"), full("b")},
			att:    []Presence{{"a", AttPresent, ""}, {"b", AttExcused, "ốm"}},
			want: Roll{Total: 2, Full: 2, Present: 1, Eligible: 1,
				Absent: []Absentee{{Name: "Đồng chí b", Excused: true, Reason: "ốm"}}},
		},
		"unexcused full member stays in the denominator": {
			people: []Person{full("a"), full("b")},
			att:    []Presence{{"a", AttPresent, ""}, {"b", AttUnexcused, ""}},
			want: Roll{Total: 2, Full: 2, Present: 1, Eligible: 2,
				Absent: []Absentee{{Name: "Đồng chí b"}}},
		},
		"temporary member counted but not eligible": {
			people: []Person{full("a"), {ID: "t", Name: "Sùng Thị Tạm", Status: StatusTemporary}},
			att:    []Presence{{"a", AttPresent, ""}, {"t", AttPresent, ""}},
			want:   Roll{Total: 2, Full: 1, Temporary: 1, Present: 2, Eligible: 1},
		},
		"inactive members are off the roll": {
			people: []Person{full("a"), {ID: "x", Name: "Đã chuyển", Status: "transferred"}, {ID: "d", Name: "Từ trần", Status: "deceased"}},
			att:    []Presence{{"a", AttPresent, ""}, {"x", AttPresent, ""}},
			want:   Roll{Total: 1, Full: 1, Present: 1, Eligible: 1},
		},
		"missing attendance is absent and still called": {
			people: []Person{full("a"), full("b")},
			att:    []Presence{{"a", AttPresent, ""}},
			want: Roll{Total: 2, Full: 2, Present: 1, Eligible: 2,
				Absent: []Absentee{{Name: "Đồng chí b", Reason: ReasonUnrecorded}}},
		},
		"attendance of a stranger is ignored": {
			people: []Person{full("a")},
			att:    []Presence{{"a", AttPresent, ""}, {"zz", AttPresent, ""}},
			want:   Roll{Total: 1, Full: 1, Present: 1, Eligible: 1},
		},
		"empty cell": {want: Roll{}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := ComputeRoll(tc.people, tc.att)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ComputeRoll:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestRollAddsUp checks the identity the printed roll relies on, on a
// mixed cell.
func TestRollAddsUp(t *testing.T) {
	statuses := []string{StatusFull, StatusProbationary, StatusExempt, StatusTemporary}
	atts := []string{AttPresent, AttExcused, AttUnexcused, AttExempt, AttExemptPresent, AttElsewhere}
	var people []Person
	var att []Presence
	exemptAway := 0
	for i := 0; i < 48; i++ {
		id := string(rune('A' + i))
		people = append(people, Person{ID: id, Name: id, Status: statuses[i%len(statuses)]})
		a := atts[(i/len(statuses))%len(atts)]
		if a == AttExempt {
			exemptAway++
		}
		att = append(att, Presence{MemberID: id, Status: a})
	}
	r := ComputeRoll(people, att)
	if r.Full+r.Probationary+r.Temporary != r.Total {
		t.Errorf("status split %d+%d+%d != total %d", r.Full, r.Probationary, r.Temporary, r.Total)
	}
	if r.Present+r.Elsewhere+exemptAway+len(r.Absent) != r.Total {
		t.Errorf("presence split %d+%d+%d+%d != total %d", r.Present, r.Elsewhere, exemptAway, len(r.Absent), r.Total)
	}
	if r.Eligible > r.Full {
		t.Errorf("eligible %d > full %d", r.Eligible, r.Full)
	}
}
