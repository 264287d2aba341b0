package store

import (
	"context"
	"testing"
)

// TestEditSavedChildRecords: changing one field of a saved agenda item, or
// deleting an item in the middle (the ones after it move up), writes only
// those fields. These failed with "NOT NULL constraint failed:
// agenda_items.meeting_id" (found by sync's convergence test).
func TestEditSavedChildRecords(t *testing.T) {
	ctx := context.Background()
	cases := map[string]func(m *Meeting){
		"one field of one item": func(m *Meeting) { m.Agenda[1].Discussion = "Đ/c Mai bổ sung ý kiến." },
		"delete the middle item": func(m *Meeting) {
			m.Agenda = append(m.Agenda[:1], m.Agenda[2:]...)
		},
		"conclusion and title": func(m *Meeting) {
			m.Agenda[0].Title, m.Agenda[2].Conclusion = "Tình hình tháng 11", "Giao chi ủy."
		},
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			st := newCell(t)
			m, err := st.NewMeeting(ctx, MeetingRegular, "2026-11-05")
			if err != nil {
				t.Fatal(err)
			}
			m.Agenda = []AgendaItem{{Title: "Tình hình", Discussion: "Ý kiến 1"}, {Title: "Kinh tế", Discussion: "Ý kiến 2"},
				{Title: "Phương hướng", Discussion: "Ý kiến 3"}}
			if m, err = st.SaveMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
			edit(&m)
			want := m.Agenda
			if _, err := st.SaveMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
			got, err := st.Meeting(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Agenda) != len(want) {
				t.Fatalf("%d items, want %d", len(got.Agenda), len(want))
			}
			for i := range want {
				if got.Agenda[i].Title != want[i].Title || got.Agenda[i].Discussion != want[i].Discussion ||
					got.Agenda[i].Conclusion != want[i].Conclusion {
					t.Errorf("item %d = %+v, want %+v", i, got.Agenda[i], want[i])
				}
			}
		})
	}
}
