package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"chibo/store"
)

// Decisions travel from the hub to a cell inside the hub's
// acknowledgement (format 1.3, see doc.go): the ack body carries the
// hub's own changes for that cell ("decisions"), the hub's origins and the
// conflicts whose settlement they carry ("resolutions"). A cell applies
// them with the ack in one transaction; its next changes bundle reports,
// in the manifest's "acked", how far it got, and the hub stops sending
// those. Until then every hub bundle to the cell carries them again.

// addDecisions puts the hub's unapplied changes for a cell into an ack.
func addDecisions(ctx context.Context, st *store.Store, cellID string, body *ackBody) error {
	h, err := st.HubChangesFor(ctx, cellID)
	if err != nil {
		return err
	}
	body.Origins, body.Decisions, body.Resolutions = h.Origins, h.Changes, h.Resolutions
	return nil
}

// ExportDecisions writes one hub bundle (acknowledgement and decisions)
// for every cell with decisions it has not applied yet, calling progress
// after each file: the hub's "write decisions to the stick" in one action.
func ExportDecisions(ctx context.Context, st *store.Store, dir string, progress func(done, total int)) ([]Exported, error) {
	site, err := st.Site(ctx)
	if err != nil {
		return nil, fmt.Errorf("sync: export decisions: %w", err)
	}
	if site.Role != store.RoleHub {
		return nil, fmt.Errorf("sync: export decisions: only the hub decides: %w", store.ErrWrongRole)
	}
	cells, err := st.CellsAwaitingDecisions(ctx)
	if err != nil {
		return nil, fmt.Errorf("sync: export decisions: %w", err)
	}
	var out []Exported
	for i, c := range cells {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("sync: export decisions: %w", err)
		}
		e, err := exportAck(ctx, st, site, c, dir)
		if err != nil {
			return out, fmt.Errorf("sync: export decisions for %s: %w", c.Name, err)
		}
		out = append(out, e)
		if progress != nil {
			progress(i+1, len(cells))
		}
	}
	return out, nil
}

// hubIn decodes the decisions of a checked ack body. Numbers stay
// json.Number, as the store's change decoder keeps them.
func hubIn(body string) (store.HubIn, error) {
	var b struct {
		Origins     []string           `json:"origins"`
		Decisions   []store.Change     `json:"decisions"`
		Resolutions []store.Resolution `json:"resolutions"`
	}
	d := json.NewDecoder(strings.NewReader(body))
	d.UseNumber()
	if err := d.Decode(&b); err != nil {
		return store.HubIn{}, fmt.Errorf("decisions: %v: %w", err, ErrInvalidBundle)
	}
	if len(b.Decisions) > maxRecords {
		return store.HubIn{}, fmt.Errorf("%d decisions in one bundle: %w", len(b.Decisions), ErrInvalidBundle)
	}
	return store.HubIn{Origins: b.Origins, Changes: b.Decisions, Resolutions: b.Resolutions}, nil
}

// applyFromHub applies a verified hub bundle on a cell: the
// acknowledgement and the decisions in it, in one transaction.
func applyFromHub(ctx context.Context, st *store.Store, ack store.AckIn) (dup bool, applied int, err error) {
	in, err := hubIn(ack.Body)
	if err != nil {
		return false, 0, err
	}
	return st.ApplyHubBundle(ctx, ack, in)
}

// noteAcked records at the hub how far a cell has applied the hub's
// changes, from its verified manifest; an older cell sends nothing.
func noteAcked(ctx context.Context, st *store.Store, cellID string, acked map[string]int64) error {
	return st.RecordCellAcked(ctx, cellID, acked)
}
