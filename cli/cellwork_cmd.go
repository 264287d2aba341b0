package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"chibo/rules"
	"chibo/store"
)

// todoJSON is one open deadline as `chibo todo --json` prints it, with
// how it was counted so it can be checked by hand.
type todoJSON struct {
	Kind        string        `json:"kind"`
	Person      string        `json:"person"`
	Member      bool          `json:"member,omitempty"` // a probationary member without a dossier in the app
	Due         string        `json:"due"`
	DaysLeft    int           `json:"days_left"`
	Rule        string        `json:"rule"`
	Provisional []int         `json:"provisional_years,omitempty"` // years whose days off are not decreed yet
	Counted     *deadlineJSON `json:"counted,omitempty"`
}

// deadlineJSON is how a deadline was counted.
type deadlineJSON struct {
	From      string        `json:"from"`
	FromWhat  string        `json:"from_what"`
	Amount    int           `json:"amount"`
	Unit      string        `json:"unit"`
	Rules     []ruleJSON    `json:"rules"`
	Weekends  int           `json:"weekend_days_skipped,omitempty"`
	Skipped   []dayJSON     `json:"days_off_skipped,omitempty"`
	MadeUp    []dayJSON     `json:"saturdays_worked,omitempty"`
	Extended  string        `json:"extended_due,omitempty"`
	Estimated string        `json:"estimated,omitempty"`
	Before    *deadlineJSON `json:"after_step,omitempty"`
}

type ruleJSON struct {
	Value     string `json:"value"`
	Source    string `json:"source"`
	Article   string `json:"article,omitempty"`
	Effective string `json:"effective"`
}

type dayJSON struct {
	Date string `json:"date"`
	Name string `json:"name"`
}

func countedJSON(d rules.Deadline) *deadlineJSON {
	out := &deadlineJSON{From: d.From.Format("2006-01-02"), FromWhat: d.FromWhat, Amount: d.Amount, Unit: d.Unit,
		Estimated: d.Estimated}
	for _, r := range d.Rules {
		out.Rules = append(out.Rules, ruleJSON{r.Value, r.Source, r.Article, r.Effective})
	}
	if c := d.Count; c != nil {
		out.Weekends = c.Weekends
		for _, h := range c.Skipped {
			out.Skipped = append(out.Skipped, dayJSON{h.Date, h.Name})
		}
		for _, h := range c.MadeUp {
			out.MadeUp = append(out.MadeUp, dayJSON{h.Date, h.Name})
		}
	}
	if !d.Extended.IsZero() {
		out.Extended = d.Extended.Format("2006-01-02")
	}
	if d.Before != nil {
		out.Before = countedJSON(*d.Before)
	}
	return out
}

func runTodo(e env, args []string) error {
	fs, data := newFlags(e, "todo")
	today := fs.String("today", "", "the day to count from, YYYY-MM-DD (default: today)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	day := time.Now()
	if *today != "" {
		t, err := time.Parse("2006-01-02", *today)
		if err != nil {
			return usageError{"--today must be YYYY-MM-DD"}
		}
		day = t
	}
	st, _, err := openSite(e, *data, store.RoleCell)
	if err != nil {
		return err
	}
	defer st.Close()
	todos, err := st.Todos(e.ctx, day)
	if err != nil {
		return err
	}
	list := make([]todoJSON, len(todos))
	for i, t := range todos {
		list[i] = todoJSON{Kind: t.Kind, Person: t.Person, Member: t.Member, Due: t.Due, DaysLeft: t.DaysLeft,
			Rule: t.Rule, Provisional: t.Provisional, Counted: countedJSON(t.Deadline)}
	}
	if *asJSON {
		return printJSON(e, list)
	}
	for _, t := range list {
		fmt.Fprintf(e.out, "%s  %-18s  %4d days  %s%s\n", t.Due, t.Kind, t.DaysLeft, t.Person, todoMarks(t))
	}
	return nil
}

// todoMarks flags what a secretary must not take at face value: a
// deadline over years whose days off are not decreed, or counted from an
// estimated date.
func todoMarks(t todoJSON) string {
	s := ""
	if len(t.Provisional) > 0 {
		s += fmt.Sprintf("  [provisional: days off of %v not decreed yet]", t.Provisional)
	}
	for c := t.Counted; c != nil; c = c.Before {
		if c.Estimated != "" {
			s += "  [estimated: no ceremony date, counted from the admission decision]"
			break
		}
	}
	return s
}

// reviewJSON is one member's line of `chibo reviews --json`.
type reviewJSON struct {
	MemberID  string `json:"member_id"`
	Name      string `json:"name"`
	Reviewed  bool   `json:"reviewed"`
	Rated     bool   `json:"rated"`
	MaxLevel  string `json:"max_level,omitempty"`
	Reason    string `json:"reason,omitempty"`
	SelfLevel string `json:"self_level,omitempty"`
	CellLevel string `json:"cell_level,omitempty"`
	HubLevel  string `json:"hub_level,omitempty"`
}

type reviewsJSON struct {
	Year      int          `json:"year"`
	QuotaOK   bool         `json:"quota_ok"`
	Excellent int          `json:"excellent"`
	Allowed   int          `json:"excellent_allowed"`
	CellLevel string       `json:"cell_level,omitempty"`
	Members   []reviewJSON `json:"members"`
}

func runReviews(e env, args []string) error {
	fs, data := newFlags(e, "reviews")
	year := fs.Int("year", 0, "review year")
	asJSON := fs.Bool("json", false, "print JSON")
	format := fs.String("format", "", "pdf or xlsx: write the rating proposal list to --out")
	outFile := fs.String("out", "", "file to write with --format")
	if err := parse(fs, args, data); err != nil {
		return err
	}
	if *year < 1990 || *year > 2100 {
		return usageError{"--year YYYY is required"}
	}
	if err := checkFormat(*format, *outFile); err != nil {
		return err
	}
	st, site, err := openSite(e, *data, store.RoleCell)
	if err != nil {
		return err
	}
	defer st.Close()
	sh, err := st.ReviewSheet(e.ctx, *year)
	if err != nil {
		return err
	}
	if *format != "" {
		return printReviewList(e, site.Org, sh, *format, *outFile)
	}
	out := reviewsJSON{Year: sh.Year, QuotaOK: sh.QuotaOK, Excellent: sh.Excellent, Allowed: sh.Allowed,
		CellLevel: sh.Cell.CellLevel, Members: []reviewJSON{}}
	for _, r := range sh.Rows {
		out.Members = append(out.Members, reviewJSON{MemberID: r.Member.ID, Name: r.Member.FullName,
			Reviewed: r.Standing.Reviewed, Rated: r.Standing.Rated, MaxLevel: r.Standing.MaxLevel, Reason: r.Standing.Reason,
			SelfLevel: r.Review.SelfLevel, CellLevel: r.Review.CellLevel, HubLevel: r.Review.HubLevel})
	}
	if *asJSON {
		return printJSON(e, out)
	}
	for _, m := range out.Members {
		fmt.Fprintf(e.out, "%-30s reviewed=%-5v rated=%-5v cell=%-9s hub=%s\n", m.Name, m.Reviewed, m.Rated, m.CellLevel, m.HubLevel)
	}
	if !out.QuotaOK {
		fmt.Fprintf(e.out, "warning: %d proposed excellent, the quota allows %d\n", out.Excellent, out.Allowed)
	}
	return nil
}

func printJSON(e env, v any) error {
	enc := json.NewEncoder(e.out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// importCellWorkCSV is `import-csv --kind ratings|candidates`: the whole
// file or nothing, with the line and column of the first bad cell.
func importCellWorkCSV(e env, data, kind string, fs *flag.FlagSet) error {
	if fs.NArg() != 1 {
		return usageError{"give exactly one CSV file"}
	}
	st, _, err := openSite(e, data, store.RoleCell)
	if err != nil {
		return err
	}
	defer st.Close()
	f, err := store.OpenRegular(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	var n int
	if kind == "ratings" {
		n, err = st.ImportRatingsCSV(e.ctx, f)
	} else {
		n, err = st.ImportCandidatesCSV(e.ctx, f)
	}
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was imported", fs.Arg(0), err)
	}
	fmt.Fprintf(e.out, "imported %d %s from %s\n", n, kind, fs.Arg(0))
	return nil
}
