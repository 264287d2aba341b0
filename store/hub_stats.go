package store

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Count is one labelled count of a chart.
type Count struct {
	Key string
	N   int
}

// HubStats are the hub-wide counts the dashboard draws. Members counted
// are those on a roll here: full, exempt and probationary (temporarily
// attached members are counted at their home cell).
type HubStats struct {
	Cells       int
	ByStatus    []Count                // every status, gone members included
	ByEthnicity []Count                // largest first
	BySex       []Count                // sex code
	ByAge       []Count                // age band label, youngest first
	Admissions  []Count                // year → members admitted
	Ratings     map[int]map[string]int // year → level code → members, as the hub decided
	Proposed    map[int]int            // year → members the cells proposed a level for, not decided yet
	Meetings    []Count                // yyyy-mm → meetings, the last 12 months
}

// ageBands are the bands term reports group members by (upper bound of
// age, inclusive; the last is open).
var ageBands = []struct {
	label string
	upTo  int
}{{"Dưới 31", 30}, {"31–40", 40}, {"41–50", 50}, {"51–60", 60}, {"61–70", 70}, {"Trên 70", 1 << 30}}

const onRoll = "status IN ('full', 'exempt', 'probationary')"

// HubStats counts the dashboard's figures as of today.
func (s *Store) HubStats(ctx context.Context, today time.Time) (HubStats, error) {
	var h HubStats
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM peers WHERE role = ?", RoleCell).Scan(&h.Cells); err != nil {
		return h, fmt.Errorf("store: hub stats: %w", err)
	}
	list := func(q string, args ...any) ([]Count, error) {
		var out []Count
		err := groupRows(ctx, s.db, q, args, func(_, k string, n int) { out = append(out, Count{k, n}) })
		return out, err
	}
	var err error
	if h.ByStatus, err = list("SELECT '', status, COUNT(*) FROM members GROUP BY status ORDER BY 3 DESC"); err != nil {
		return h, fmt.Errorf("store: hub stats: %w", err)
	}
	if h.ByEthnicity, err = list("SELECT '', " + unsealSQL("members", "ethnicity", "") + " AS e, COUNT(*) FROM members WHERE " + onRoll + " GROUP BY e ORDER BY 3 DESC, 2"); err != nil {
		return h, fmt.Errorf("store: hub stats: %w", err)
	}
	if h.BySex, err = list("SELECT '', sex, COUNT(*) FROM members WHERE " + onRoll + " GROUP BY sex ORDER BY 2"); err != nil {
		return h, fmt.Errorf("store: hub stats: %w", err)
	}
	if h.Admissions, err = list(`SELECT '', substr(admission_date, 1, 4) AS y, COUNT(*) FROM members
		WHERE admission_date <> '' AND status <> 'temporary' GROUP BY y ORDER BY y`); err != nil {
		return h, fmt.Errorf("store: hub stats: %w", err)
	}
	from := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0)
	if h.Meetings, err = list(`SELECT '', substr(date, 1, 7) AS m, COUNT(*) FROM meetings WHERE date >= ? AND date <= ?
		GROUP BY m ORDER BY m`, from.Format("2006-01-02"), today.Format("2006-01-02")); err != nil {
		return h, fmt.Errorf("store: hub stats: %w", err)
	}
	if h.ByAge, err = s.ageCounts(ctx, today); err != nil {
		return h, err
	}
	if h.Ratings, h.Proposed, err = s.ratingStats(ctx); err != nil {
		return h, fmt.Errorf("store: hub stats: %w", err)
	}
	return h, nil
}

// ageCounts puts members on the roll into age bands by their age today;
// a member without a birth date is counted under "Chưa rõ".
func (s *Store) ageCounts(ctx context.Context, today time.Time) ([]Count, error) {
	out := make([]Count, len(ageBands))
	for i, b := range ageBands {
		out[i].Key = b.label
	}
	unknown := 0
	err := groupRows(ctx, s.db, "SELECT '', birth_date, COUNT(*) FROM members WHERE "+onRoll+" GROUP BY birth_date", nil,
		func(_, born string, n int) {
			t, err := time.Parse("2006-01-02", born)
			if err != nil {
				unknown += n
				return
			}
			age := today.Year() - t.Year()
			if today.Month() < t.Month() || (today.Month() == t.Month() && today.Day() < t.Day()) {
				age--
			}
			for i, b := range ageBands {
				if age <= b.upTo {
					out[i].N += n
					return
				}
			}
		})
	if err != nil {
		return nil, fmt.Errorf("store: hub stats: ages: %w", err)
	}
	if unknown > 0 {
		out = append(out, Count{"Chưa rõ", unknown})
	}
	return out, nil
}

// ratingStats counts members' levels by year as the hub decided them, and
// apart, the cells' proposals it has not decided.
func (s *Store) ratingStats(ctx context.Context) (map[int]map[string]int, map[int]int, error) {
	decided, proposed := map[int]map[string]int{}, map[int]int{}
	err := groupRows(ctx, s.db, `SELECT CAST(year AS TEXT), `+unsealSQL("reviews", "hub_level", "")+` AS lvl, COUNT(*)
		FROM reviews WHERE member_id <> '' AND hub_level <> '' GROUP BY year, lvl`, nil, func(y, lvl string, n int) {
		yr, _ := strconv.Atoi(y)
		if decided[yr] == nil {
			decided[yr] = map[string]int{}
		}
		decided[yr][lvl] += n
	})
	if err != nil {
		return nil, nil, err
	}
	err = groupRows(ctx, s.db, `SELECT CAST(r.year AS TEXT), '', COUNT(*) FROM reviews r `+claimedLevel+`
		WHERE r.member_id <> '' AND r.hub_level = '' AND `+proposedLevel+` <> '' GROUP BY r.year`, nil,
		func(y, _ string, n int) {
			yr, _ := strconv.Atoi(y)
			proposed[yr] += n
		})
	return decided, proposed, err
}
