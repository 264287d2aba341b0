package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// afterHubDecisions brings a cell's own records in line with the hub's
// decisions that have just been applied: the day an admission decision
// arrives is the day the cell received it (the ceremony deadline counts
// from it), and a full-membership decision makes the probationary member
// full at once instead of waiting for someone to re-save the candidate.
// It runs inside the import's transaction, after the hub's clock, so these
// local changes order after the decisions that caused them.
func afterHubDecisions(ctx context.Context, tx *sql.Tx, sl *sealer, changes []Change, today time.Time) error {
	ids := decidedCandidates(changes)
	if len(ids) == 0 {
		return nil
	}
	site, err := metaGet(ctx, tx, "site_id")
	if err != nil {
		return err
	}
	origin, err := metaGet(ctx, tx, "origin")
	if err != nil {
		return err
	}
	if origin == "" {
		origin = site
	}
	w := &writer{ctx: ctx, tx: tx, site: site, origin: origin, sl: sl}
	for _, id := range ids {
		c, err := scanCandidate(tx.QueryRowContext(ctx, "SELECT "+candidateCols+" FROM candidates WHERE id = ? AND org_id = ?", id, site))
		if err == sql.ErrNoRows {
			continue // a decision about a record this cell no longer has
		}
		if err != nil {
			return fmt.Errorf("candidate %s: %w", id, err)
		}
		if err := followDecision(w, c, today); err != nil {
			return fmt.Errorf("candidate %s: %w", id, err)
		}
	}
	return w.done()
}

// decidedCandidates lists, once each, the candidates whose hub decision
// dates a batch of changes touched.
func decidedCandidates(changes []Change) []string {
	seen := map[string]bool{}
	var ids []string
	for _, c := range changes {
		if c.Entity != "candidate" || seen[c.EntityID] {
			continue
		}
		_, adm := c.Fields["hub_decision_date"]
		_, full := c.Fields["full_decision_date"]
		if adm || full {
			seen[c.EntityID] = true
			ids = append(ids, c.EntityID)
		}
	}
	return ids
}

func followDecision(w *writer, c Candidate, today time.Time) error {
	before := candidateFields(c)
	if c.HubDecisionDate != "" && c.DecisionReceived == "" {
		c.DecisionReceived = today.Format("2006-01-02")
	}
	if err := promote(w, &c); err != nil {
		return err
	}
	after := candidateFields(c)
	changed := map[string]any{}
	for k, v := range after {
		if fmt.Sprint(before[k]) != fmt.Sprint(v) {
			changed[k] = v
		}
	}
	if len(changed) == 0 {
		return nil
	}
	return w.put("candidate", c.ID, w.site, changed)
}
