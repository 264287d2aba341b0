package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"chibo/store"
	bundle "chibo/sync"
)

// TestCellMinimumTravelsFromHub: "Đối với chi bộ có ít đảng viên, cấp ủy
// có thẩm quyền căn cứ vào số lượng đảng viên, loại hình chi bộ để quy định
// cụ thể" (Hướng dẫn 42-HD/BTCTW). The hub records a shorter minimum for a
// small cell; it reaches the cell as a hub decision; the cell's meeting
// check then uses it. A minimum longer than the rules' own, or set by a
// cell, is refused.
func TestCellMinimumTravelsFromHub(t *testing.T) {
	ctx := context.Background()
	today := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	hub, cell, site := hubAndCell(t)
	e, err := bundle.Export(ctx, cell, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if r := importNew(ctx, hub, e.Path); r.Status != bundle.Accepted {
		t.Fatalf("import: %+v", r)
	}
	d := store.Decision{No: "12-QĐ/ĐU", Date: "2026-01-05"}
	if err := hub.SetCellMinimum(ctx, site.ID, 100, 120, d, today); !errors.Is(err, store.ErrMinimumTooLong) {
		t.Errorf("a longer minimum: %v", err)
	}
	if err := cell.SetCellMinimum(ctx, site.ID, 60, 80, d, today); !errors.Is(err, store.ErrWrongRole) {
		t.Errorf("a cell deciding its own minimum: %v", err)
	}
	if err := hub.SetCellMinimum(ctx, site.ID, 60, 80, d, today); err != nil {
		t.Fatal(err)
	}
	out, err := bundle.ExportDecisions(ctx, hub, t.TempDir(), nil)
	if err != nil || len(out) != 1 {
		t.Fatalf("export decisions: %+v %v", out, err)
	}
	if r := bundle.Import(ctx, cell, out[0].Path, bundle.Options{}); r.Status != bundle.Accepted {
		t.Fatalf("cell import: %+v", r)
	}
	cm, err := cell.CellMinimum(ctx, "")
	if err != nil || cm.Regular != 60 || cm.Combined != 80 || cm.DecisionNo != d.No || cm.DecisionDate != d.Date {
		t.Fatalf("cell minimum %+v %v", cm, err)
	}
	m := store.Meeting{ID: "a", Kind: store.MeetingRegular, Date: "2026-02-05", StartTime: "19:30", EndTime: "20:40"}
	c, err := store.CheckLength(m, nil, nil, cm)
	if err != nil || c.Short() || c.Min != 60 || !c.ByHub {
		t.Errorf("a 70-minute meeting under the hub's 60: %+v %v", c, err)
	}
	// The cell goes on editing its own record: no conflict with the hub's fields.
	own, _ := cell.Site(ctx)
	own.Place = "Lao Chải, Sa Pa"
	if err := cell.UpdateOrg(ctx, own.Org); err != nil {
		t.Fatal(err)
	}
	e, err = bundle.Export(ctx, cell, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if r := bundle.Import(ctx, hub, e.Path, bundle.Options{}); r.Status != bundle.Accepted {
		t.Fatalf("second import: %+v", r)
	}
	if cs, err := hub.Conflicts(ctx, true); err != nil || len(cs) != 0 {
		t.Errorf("conflicts at the hub %+v %v", cs, err)
	}
	if back, _ := hub.CellMinimum(ctx, site.ID); back.Regular != 60 {
		t.Errorf("hub's decision after the cell's edit: %+v", back)
	}
	if rows, err := hub.CellMinimums(ctx); err != nil || len(rows) != 1 || rows[0].Min.Combined != 80 || rows[0].Name != "Chi bộ thôn Lao Chải" {
		t.Errorf("hub's list %+v %v", rows, err)
	}
}
