package store

// Record kinds, defined once.
//
// Every kind of record that travels in bundles (an entity) is named here
// with its table and every column of that table but id and org_id, the
// key every such table has. Per column the table says whether it is an
// integer, whether it is sealed at rest, whether only the hub decides
// it, whether it stays on this laptop, which record it points to, and
// how long its text may be. Everything else reads this table: the change
// log (ValidChange, put), sealing and its upgrades (seal.go,
// lock_protect.go), the hub's checks on a cell's bundle (sync_apply.go,
// hub_claims.go), the cell's check of the hub's decisions
// (sync_hub_in.go) and the schema tests (TestEntitiesCoverTheSchema
// fails when a column is in the schema but not here).
//
// Adding a column: one schema step (migrations/) and one line below.

// colFlag says what the store does with a column.
type colFlag uint8

const (
	colInt    colFlag = 1 << iota // INTEGER: a whole number in a change (true and false are 1 and 0)
	colSealed                     // sealed at rest, bound to its table, column and row (seal.go)
	colHub                        // decided only by the hub: from a cell it is a claim (hub_claims.go)
	colLocal                      // kept on this laptop only, derived from other columns: never in a change
)

// column is one column of a record's table.
type column struct {
	name  string
	flags colFlag
	max   int    // longest text accepted, in characters; 0 for an integer
	ref   string // entity whose record id the column holds: it must be of the same organisation
}

// Length caps, in characters (after NFC). They are the app's own policy,
// not a Party regulation, so they live here rather than in assets/rules.
// Each is several times what a real record needs, so no clerk ever meets
// one, and small enough that a record cannot be used to exhaust the
// hub's memory or its report's layout (a signed bundle with a
// 100,000-character name made the hub's PDF take 37 s).
const (
	// capID: record ids are UUIDs, 36 characters.
	capID = 64
	// capCode: stored codes (statuses, levels, kinds, rule keys) are
	// short English words from vocab.go or assets/rules; the longest,
	// "exempt_present", has 14 characters.
	capCode = 64
	// capDate: an ISO date has 10 characters, a time 5, a month 7, a
	// moment in RFC 3339 about 25.
	capDate = 40
	// capNumber: a party card number has 8 to 12 digits, a citizen id 12,
	// a phone number 10 or 11, a decision number such as "123-QĐ/ĐU"
	// about 15; room for two of them.
	capNumber = 64
	// capName: the longest Vietnamese personal names recorded, with
	// ethnic names and an other name, stay under 60 characters; an
	// organisation's full name ("Chi bộ thôn … thuộc Đảng bộ xã …")
	// under 150.
	capName = 200
	// capLine: one line of a form: an address, a place, an occupation,
	// a topic, an agenda item's title, a reason for absence.
	capLine = 500
	// capList: the guests of a meeting with their posts, a candidate's
	// dossier (about a dozen KNĐ forms and their dates, as JSON).
	capList = 2000
	// capText: free text: about ten typed A4 pages (3,000 characters a
	// page), more than the discussion of one agenda item, a resolution or
	// a member's self-criticism (mẫu 2A) runs to.
	capText = 30000
)

// entityDef is one record kind.
type entityDef struct {
	name    string
	table   string
	columns []column // every column but id and org_id
	// byOrg: the table is keyed by (org_id, id) (migrations/0010_records_by_org.sql), so every
	// lookup of one record gives its organisation. Only for records with
	// random ids that no other table refers to.
	byOrg bool

	cols   []string          // the columns that travel, in order: filled by byName
	hub    []string          // the columns only the hub decides: filled by byName
	byName map[string]column // filled by byName
}

// entityTable is every record kind. Integers need no cap; every text
// column has one.
var entityTable = []entityDef{
	{name: "org", table: "orgs", columns: []column{
		{"name", 0, capName, ""},
		{"kind", 0, capCode, ""},
		{"parent_name", 0, capName, ""},
		{"place", 0, capLine, ""},
		{"has_committee", colInt, 0, ""},
		// A small cell's shorter minimum meeting length, decided by the hub (meeting_minimum.go).
		{"meeting_min_regular", colInt | colHub, 0, ""},
		{"meeting_min_combined", colInt | colHub, 0, ""},
		{"meeting_min_no", colHub, capNumber, ""},
		{"meeting_min_date", colHub, capDate, ""},
	}},
	{name: "member", table: "members", columns: []column{
		{"full_name", 0, capName, ""},
		{"name_fold", colLocal, capName, ""}, // full_name folded for search (fold.go)
		{"other_name", 0, capName, ""},
		{"sex", 0, capCode, ""},
		{"birth_date", 0, capDate, ""},
		{"ethnicity", colSealed, capLine, ""},
		{"religion", colSealed, capLine, ""},
		{"home_town", 0, capLine, ""},
		{"residence", 0, capLine, ""},
		{"citizen_id", colSealed, capNumber, ""},
		{"card_no", colSealed, capNumber, ""},
		{"background_no", colSealed, capNumber, ""},
		{"admission_date", 0, capDate, ""},
		{"ceremony_date", 0, capDate, ""},
		{"full_date", 0, capDate, ""},
		{"status", 0, capCode, ""},
		{"education", 0, capLine, ""},
		{"theory_level", 0, capLine, ""},
		{"occupation", 0, capLine, ""},
		{"position", 0, capCode, ""},
		{"phone", colSealed, capNumber, ""},
		{"notes", colSealed, capText, ""},
	}},
	{name: "meeting", table: "meetings", columns: []column{
		{"kind", 0, capCode, ""},
		{"date", 0, capDate, ""},
		{"start_time", 0, capDate, ""},
		{"end_time", 0, capDate, ""},
		{"place", 0, capLine, ""},
		{"topic", 0, capLine, ""},
		{"chair", 0, capName, ""},
		{"minute_taker", 0, capName, ""},
		{"guests", 0, capList, ""},
		{"resolution", 0, capText, ""},
		{"votes_for", colInt, 0, ""},
		{"votes_against", colInt, 0, ""},
		{"votes_abstain", colInt, 0, ""},
		{"state", 0, capCode, ""},
		{"number", colInt, 0, ""},
		{"revision", colInt, 0, ""},
		{"finalized_at", 0, capDate, ""},
	}},
	{name: "attendance", table: "attendance", byOrg: true, columns: []column{
		{"meeting_id", 0, capID, "meeting"},
		{"member_id", 0, capID, "member"},
		{"status", 0, capCode, ""},
		{"reason", colSealed, capLine, ""},
		{"member_name", 0, capName, ""},
		{"member_status", 0, capCode, ""},
	}},
	{name: "agenda_item", table: "agenda_items", columns: []column{
		{"meeting_id", 0, capID, "meeting"},
		{"ord", colInt, 0, ""},
		{"title", 0, capLine, ""},
		{"discussion", colSealed, capText, ""},
		{"conclusion", 0, capText, ""},
	}},
	{name: "speaker", table: "meeting_speakers", columns: []column{
		{"meeting_id", 0, capID, "meeting"},
		{"agenda_id", 0, capID, "agenda_item"},
		{"ord", colInt, 0, ""},
		{"member_id", 0, capID, "member"},
		{"name", 0, capName, ""},
		{"remarks", colSealed, capText, ""},
	}},
	{name: "task", table: "meeting_tasks", columns: []column{
		{"meeting_id", 0, capID, "meeting"},
		{"ord", colInt, 0, ""},
		{"title", 0, capLine, ""},
		{"assignee_id", 0, capID, "member"},
		{"assignee_name", 0, capName, ""},
		{"due_date", 0, capDate, ""},
	}},
	{name: "task_report", table: "meeting_task_reports", columns: []column{
		{"meeting_id", 0, capID, "meeting"},
		{"task_id", 0, capID, "task"},
		{"done", colInt, 0, ""},
		{"note", 0, capText, ""},
	}},
	{name: "meeting_dues", table: "meeting_dues", columns: []column{
		{"meeting_id", 0, capID, "meeting"},
		{"member_id", 0, capID, "member"},
		{"amount", colInt, 0, ""},
	}},
	{name: "meeting_score", table: "meeting_scores", columns: []column{
		{"meeting_id", 0, capID, "meeting"},
		{"criterion", 0, capCode, ""},
		{"points", colInt, 0, ""},
	}},
	{name: "meeting_vote", table: "meeting_votes", columns: []column{
		{"meeting_id", 0, capID, "meeting"},
		{"ord", colInt, 0, ""},
		{"kind", 0, capCode, ""},
		{"subject", colSealed, capLine, ""},
		{"votes_for", colInt, 0, ""},
		{"votes_against", colInt, 0, ""},
		{"votes_abstain", colInt, 0, ""},
	}},
	{name: "meeting_revision", table: "meeting_revisions", columns: []column{
		{"revises", 0, capID, "meeting"},
		{"note", 0, capText, ""},
	}},
	{name: "candidate", table: "candidates", columns: []column{
		{"full_name", 0, capName, ""},
		{"sex", 0, capCode, ""},
		{"birth_date", 0, capDate, ""},
		{"ethnicity", colSealed, capLine, ""},
		{"religion", colSealed, capLine, ""},
		{"home_town", 0, capLine, ""},
		{"residence", 0, capLine, ""},
		{"citizen_id", colSealed, capNumber, ""},
		{"education", 0, capLine, ""},
		{"occupation", 0, capLine, ""},
		{"phone", colSealed, capNumber, ""},
		{"notes", colSealed, capText, ""},
		{"highland", colInt, 0, ""},
		{"helper_id", 0, capID, "member"},
		{"listed_date", 0, capDate, ""},
		{"class_date", 0, capDate, ""},
		{"certificate_no", colSealed, capNumber, ""},
		{"dossier", colSealed, capList, ""},
		{"background_date", 0, capDate, ""},
		{"introducer1_id", 0, capID, "member"},
		{"introducer2_id", 0, capID, "member"},
		{"youth_union_date", 0, capDate, ""},
		{"cell_vote_date", 0, capDate, ""},
		{"votes_for", colInt | colSealed, 0, ""},
		{"voters", colInt | colSealed, 0, ""},
		{"hub_decision_no", colHub, capNumber, ""},
		{"hub_decision_date", colHub, capDate, ""},
		{"decision_received", 0, capDate, ""},
		{"ceremony_date", 0, capDate, ""},
		{"member_id", 0, capID, "member"},
		{"full_vote_date", 0, capDate, ""},
		{"full_votes_for", colInt, 0, ""},
		{"full_voters", colInt, 0, ""},
		{"full_decision_date", colHub, capDate, ""},
		{"cell_vote_meeting", 0, capID, "meeting"},
		{"votes_against", colInt, 0, ""},
		{"votes_abstain", colInt, 0, ""},
		{"full_vote_meeting", 0, capID, "meeting"},
		{"full_votes_against", colInt, 0, ""},
		{"full_votes_abstain", colInt, 0, ""},
	}},
	{name: "review", table: "reviews", byOrg: true, columns: []column{
		{"member_id", 0, capID, "member"},
		{"year", colInt, 0, ""},
		{"self_text", colSealed, capText, ""},
		{"self_level", colSealed, capCode, ""},
		{"self_score", colInt | colSealed, 0, ""},
		{"committee_comment", colSealed, capText, ""},
		{"org_comment", colSealed, capText, ""},
		{"voters", colInt | colSealed, 0, ""},
		{"votes_excellent", colInt | colSealed, 0, ""},
		{"votes_good", colInt | colSealed, 0, ""},
		{"votes_done", colInt | colSealed, 0, ""},
		{"votes_failed", colInt | colSealed, 0, ""},
		{"cell_level", colSealed, capCode, ""},
		{"hub_level", colSealed | colHub, capCode, ""},
		{"hub_decision_no", colHub, capNumber, ""},
		{"hub_decision_date", colHub, capDate, ""},
		{"suspended", colInt | colSealed, 0, ""},
		{"sick_leave_months", colInt | colSealed, 0, ""},
		{"imported", colInt, 0, ""}, // history from paper: see hub_claims.go
		{"disciplined", colInt | colSealed, 0, ""},
		{"maternity", colInt | colSealed, 0, ""},
	}},
	{name: "dues", table: "dues", byOrg: true, columns: []column{
		{"member_id", 0, capID, "member"},
		{"month", 0, capDate, ""},
		{"amount", colInt, 0, ""},
		{"paid_date", 0, capDate, ""},
		{"method", 0, capCode, ""},
		{"exemption", colSealed, capCode, ""},
		{"reduction", colSealed, capCode, ""},
		{"note", colSealed, capLine, ""},
		{"meeting_id", 0, capID, "meeting"}, // the meeting that recorded the payment
		{"state", 0, capCode, ""},
		{"reduction_pct", colInt | colSealed, 0, ""},
	}},
}

// place is a sealed column of the store's own tables (not a record kind)
// and the columns that name its row, which the seal is bound to.
type place struct {
	table, col, key string
}

// storePlaces are the sealed columns of the store's own tables. A
// record's sealed columns are bound to its (org_id, id).
var storePlaces = []place{
	{"changes", "fields", "origin, seq"},
	{"held_changes", "body", "origin, seq"},
	{"conflicts", "base", "id"},
	{"conflicts", "ours", "id"},
	{"conflicts", "theirs", "id"},
	{"conflicts", "resolved", "id"},
	{"acks_in", "body", "bundle_id"},
	{"cell_claims", "value", "org_id, entity, entity_id, field"},
	{"keys", "sign_priv", "site_id"},
	{"keys", "age_identity", "site_id"},
	{"drafts", "title", "key"},
	{"drafts", "body", "key"},
}

// sealedPlaces lists every sealed column: the records' (entityTable)
// and the store's own (storePlaces).
func sealedPlaces() []place {
	var out []place
	for _, d := range entityTable {
		for _, c := range d.columns {
			if c.flags&colSealed != 0 {
				out = append(out, place{d.table, c.name, recordKey})
			}
		}
	}
	return append(out, storePlaces...)
}

// recordKey is the key a record's sealed values are bound to.
const recordKey = "org_id, id"

// entities is entityTable by name.
var entities = byName(entityTable)

func byName(table []entityDef) map[string]entityDef {
	entities := make(map[string]entityDef, len(table))
	for i := range table {
		d := &table[i]
		if _, dup := entities[d.name]; dup {
			panic("store: entity defined twice: " + d.name)
		}
		d.byName = make(map[string]column, len(d.columns))
		for _, c := range d.columns {
			if c.flags&colInt == 0 && c.max <= 0 {
				panic("store: text column without a cap: " + d.name + "." + c.name)
			}
			d.byName[c.name] = c
			if c.flags&colLocal == 0 {
				d.cols = append(d.cols, c.name)
			}
			if c.flags&colHub != 0 {
				d.hub = append(d.hub, c.name)
			}
		}
		entities[d.name] = *d
	}
	return entities
}

// col returns a travelling column of the entity.
func (d entityDef) col(name string) (column, bool) {
	c, ok := d.byName[name]
	return c, ok && c.flags&colLocal == 0
}

func (d entityDef) has(col string) bool {
	_, ok := d.col(col)
	return ok
}

// isInt reports whether a column of the entity holds whole numbers.
func (d entityDef) isInt(col string) bool { return d.byName[col].flags&colInt != 0 }

// sealed reports whether a column of the entity is sealed at rest.
func (d entityDef) sealed(col string) bool { return d.byName[col].flags&colSealed != 0 }

// hubOnly reports whether only the hub decides a column of the entity.
func (d entityDef) hubOnly(col string) bool { return d.byName[col].flags&colHub != 0 }

// isSealed reports whether a column of an entity is sealed at rest.
func isSealed(entity, col string) bool { return entities[entity].sealed(col) }

// sealedCols lists, per entity, the columns sealed at rest.
var sealedCols = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, d := range entityTable {
		for _, c := range d.columns {
			if c.flags&colSealed != 0 {
				if out[d.name] == nil {
					out[d.name] = map[string]bool{}
				}
				out[d.name][c.name] = true
			}
		}
	}
	return out
}()

// conflictKey is the upsert's conflict target: the table's key.
func (d entityDef) conflictKey() string {
	if d.byOrg {
		return "org_id, id"
	}
	return "id"
}

// keyWhere finds one record by its key: by id, or under its organisation
// for a table keyed by both.
func (d entityDef) keyWhere(id, orgID string) (string, []any) {
	if d.byOrg {
		return "org_id = ? AND id = ?", []any{orgID, id}
	}
	return "id = ?", []any{id}
}
