package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestInsiderHugeFieldIsRefused: a signed bundle of 33 KB carried a
// member named with 100,000 characters; the hub accepted it and its PDF
// report then took 37 s. Every text column has a cap (entities.go): the
// whole bundle is refused, naming the field, and nothing is applied.
func TestInsiderHugeFieldIsRefused(t *testing.T) {
	hub := newHub(t)
	r := newRogue("cell-huge")
	r.mustSend(t, hub, r.change("org", r.id, map[string]any{"name": "Chi bộ thôn Sín Chéng"}))
	type write struct {
		entity, id string
		fields     map[string]any
	}
	cases := map[string]write{
		"a name of 100,000 characters": {"member", "m1", map[string]any{"full_name": strings.Repeat("Giàng A Páo ", 8334)}},
		"notes of 10 MB":               {"member", "m2", map[string]any{"full_name": "Lù Thị Mai", "notes": strings.Repeat("x", 10<<20)}},
		"an id of 1 MB":                {"member", strings.Repeat("i", 1<<20), map[string]any{"full_name": "Lù Thị Mai"}},
		"an agenda title of 501 characters": {"agenda_item", "a1", map[string]any{"meeting_id": "mt1",
			"title": strings.Repeat("ư", 501)}},
		"a field of a newer version of 1 MB": {"member", "m3", map[string]any{"full_name": "Lù Thị Mai",
			"nickname": strings.Repeat("x", 1<<20)}},
	}
	for name, w := range cases {
		t.Run(name, func(t *testing.T) {
			c := r.change(w.entity, w.id, w.fields)
			defer r.unsent(c)
			_, err := r.send(hub, c)
			var fe *FieldError
			if !errors.Is(err, ErrTooLong) || !errors.As(err, &fe) {
				t.Fatalf("got %v, want a field too long", err)
			}
			if len(fe.Value) > 200 {
				t.Errorf("the error carries %d bytes of the value", len(fe.Value))
			}
		})
	}
	ms, err := hub.Members(context.Background(), r.id, "")
	if err != nil || len(ms) != 0 {
		t.Fatalf("hub holds %d members, %v", len(ms), err)
	}
}

// TestLocalSaveOverCapIsRefused: the window's save goes through the same
// check as an import, with the field named for the message.
func TestLocalSaveOverCapIsRefused(t *testing.T) {
	ctx := context.Background()
	st := newCell(t)
	long := strings.Repeat("ư", capText+1) // saves trim spaces: none here
	cases := map[string]struct {
		m     Member
		field string
	}{
		"name":  {Member{FullName: strings.Repeat("Giàng ", 41)}, "full_name"},
		"notes": {Member{FullName: "Lù Thị Mai", Notes: long}, "notes"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := st.SaveMember(ctx, tc.m)
			var fe *FieldError
			var tl *TooLongError
			if !errors.As(err, &fe) || fe.Field != tc.field || !errors.As(err, &tl) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want %s too long", err, tc.field)
			}
		})
	}
	if _, err := st.SaveMember(ctx, Member{FullName: "Lù Thị Mai", Notes: strings.Repeat("ư", capText)}); err != nil {
		t.Fatalf("notes at the cap: %v", err)
	}
}
