package store

import (
	"context"
	"errors"
	"testing"
)

// TestInsiderLineInAnotherCellsMinutes: a cell that knew another cell's
// meeting and member ids sent an agenda item, an attendance line, a
// speaker and a correction under that meeting; the hub then showed them
// in the other cell's minutes. Each is refused; and a line that arrives
// before the meeting it names is never read into it.
func TestInsiderLineInAnotherCellsMinutes(t *testing.T) {
	ctx := context.Background()
	hub := newHub(t)
	honest, rogue := newRogue("cell-honest"), newRogue("cell-rogue")
	const meeting, member, item = "mt-honest", "m-honest", "a-honest"
	honestMinutes := []Change{
		honest.change("org", honest.id, map[string]any{"name": "Chi bộ thôn Lao Chải"}),
		honest.change("member", member, map[string]any{"full_name": "Giàng A Páo", "status": StatusFull}),
		honest.change("meeting", meeting, map[string]any{"kind": MeetingRegular, "date": "2026-11-05", "state": StateFinalized}),
		honest.change("agenda_item", item, map[string]any{"meeting_id": meeting, "ord": 1, "title": "Thời sự"}),
		honest.change("attendance", "att-honest", map[string]any{"meeting_id": meeting, "member_id": member, "status": AttPresent}),
	}
	rogueOrg := rogue.change("org", rogue.id, map[string]any{"name": "Chi bộ thôn X"})
	planted := map[string]Change{
		"agenda item": rogue.change("agenda_item", "a-rogue", map[string]any{"meeting_id": meeting, "ord": 2,
			"title": "Kỷ luật đồng chí Bí thư"}),
		"attendance line": rogue.change("attendance", "att-rogue", map[string]any{"meeting_id": meeting, "member_id": member,
			"status": AttUnexcused}),
		"speaker": rogue.change("speaker", "sp-rogue", map[string]any{"meeting_id": meeting, "agenda_id": item, "name": "X",
			"remarks": "Phát biểu giả"}),
		"correction": rogue.change("meeting_revision", "rev-rogue", map[string]any{"revises": meeting, "note": "Sửa"}),
		"review of another's member": rogue.change("review", "rv-rogue", map[string]any{"member_id": member, "year": 2025,
			"cell_level": "failed"}),
	}
	t.Run("after the meeting arrived", func(t *testing.T) {
		honest.mustSend(t, hub, honestMinutes...)
		rogue.mustSend(t, hub, rogueOrg)
		for name, c := range planted {
			t.Run(name, func(t *testing.T) {
				c.Seq, c.Lamport = 2, 2
				if _, err := rogue.send(hub, c); !errors.Is(err, ErrInvalid) {
					t.Fatalf("got %v, want a refusal", err)
				}
			})
		}
		assertHonestMinutes(t, hub, meeting)
	})
	t.Run("before the meeting arrived", func(t *testing.T) {
		hub := newHub(t)
		early, late := newRogue("cell-rogue"), newRogue("cell-honest")
		cs := []Change{early.change("org", early.id, map[string]any{"name": "Chi bộ thôn X"})}
		early.clock = 1
		for _, name := range []string{"agenda item", "attendance line", "speaker", "correction"} {
			c := planted[name]
			early.seq++
			c.Seq, c.Lamport = early.seq, early.seq
			cs = append(cs, c)
		}
		early.mustSend(t, hub, cs...)
		late.mustSend(t, hub, honestMinutes...)
		assertHonestMinutes(t, hub, meeting)
		if sup, err := hub.Superseded(ctx); err != nil || sup[meeting] {
			t.Fatalf("the honest meeting shows as corrected: %v %v", sup, err)
		}
	})
}

func assertHonestMinutes(t *testing.T, hub *Store, id string) {
	t.Helper()
	m, err := hub.Meeting(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Agenda) != 1 || m.Agenda[0].Title != "Thời sự" || len(m.Agenda[0].Speakers) != 0 {
		t.Errorf("agenda %+v", m.Agenda)
	}
	if len(m.Attendance) != 1 || m.Attendance[0].Status != AttPresent {
		t.Errorf("attendance %+v", m.Attendance)
	}
	if m.Revises != "" {
		t.Errorf("revision %q", m.Revises)
	}
}
