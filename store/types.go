package store

import "chibo/rules"

// Role is what a data folder is: a cell or the hub above cells.
type Role string

const (
	RoleCell Role = "cell"
	RoleHub  Role = "hub"
)

// Org is a party organisation: the cell itself, or at the hub one row per
// enrolled cell plus the hub's own.
type Org struct {
	ID           string
	Name         string
	Kind         string // OrgKind* code
	ParentName   string
	Place        string
	HasCommittee bool
}

// Org kinds.
const (
	OrgKindCell      = "cell"       // chi bộ
	OrgKindGrassroot = "grassroots" // chi bộ cơ sở / đảng bộ cơ sở
	OrgKindCommune   = "commune"    // đảng ủy xã
)

// Site is this data folder's identity.
type Site struct {
	Org
	Role Role
}

// Member is one party member (đảng viên). Dates are ISO yyyy-mm-dd or empty.
type Member struct {
	ID            string
	OrgID         string
	FullName      string
	OtherName     string
	Sex           string // SexMale, SexFemale or ""
	BirthDate     string
	Ethnicity     string
	Religion      string
	HomeTown      string
	Residence     string
	CitizenID     string
	CardNo        string
	BackgroundNo  string
	AdmissionDate string // the admission decision's date: party age counts from it (Điều lệ Đảng, Điều 5.4)
	CeremonyDate  string // the admission ceremony: probation counts from it (Điều 5.1); "" when not recorded
	FullDate      string
	Status        string // Status* code
	Education     string
	TheoryLevel   string
	Occupation    string
	Position      string // Position* code
	Phone         string
	Notes         string
}

// Member status codes: the rules' (rules/codes.go), where they are
// declared once.
const (
	StatusFull         = rules.StatusFull
	StatusProbationary = rules.StatusProbationary
	StatusExempt       = rules.StatusExempt
	StatusTemporary    = rules.StatusTemporary
	StatusTransferred  = rules.StatusTransferred
	StatusDeceased     = rules.StatusDeceased
	StatusExpelled     = rules.StatusExpelled
)

// Active reports whether a member with this status belongs on the roll.
func Active(status string) bool {
	switch status {
	case StatusFull, StatusProbationary, StatusExempt, StatusTemporary:
		return true
	}
	return false
}

// Sex codes.
const (
	SexMale   = "male"
	SexFemale = "female"
)

// Position codes.
const (
	PositionSecretary = "secretary" // bí thư
	PositionDeputy    = "deputy"    // phó bí thư
	PositionCommittee = "committee" // chi ủy viên
	PositionMember    = "member"    // đảng viên
)

// Meeting kinds.
const (
	MeetingRegular       = "regular"       // thường kỳ
	MeetingThematic      = "thematic"      // chuyên đề
	MeetingExtraordinary = "extraordinary" // bất thường
)

// Meeting states.
const (
	StateDraft     = "draft"
	StateFinalized = "finalized"
)

// Meeting is one cell meeting with its agenda and attendance.
type Meeting struct {
	ID           string
	OrgID        string
	Kind         string
	Date         string // yyyy-mm-dd
	StartTime    string // hh:mm
	EndTime      string // hh:mm
	Place        string
	Topic        string
	Chair        string
	MinuteTaker  string
	Guests       string
	Resolution   string
	VotesFor     int
	VotesAgainst int
	VotesAbstain int
	State        string
	Number       int // place in the year's minute book, set when finalized
	Revision     int
	FinalizedAt  string
	Agenda       []AgendaItem
	Attendance   []Attendance
	MeetingParts // speakers' tasks, dues, score, other votes, revision: meeting_types.go
}

// AgendaItem is one point of the agenda.
type AgendaItem struct {
	ID         string
	Title      string
	Discussion string // free text of older minutes; new minutes use Speakers
	Conclusion string
	Speakers   []Speaker
}

// Attendance codes: the rules' (rules/codes.go).
const (
	AttPresent       = rules.AttPresent
	AttExcused       = rules.AttExcused
	AttUnexcused     = rules.AttUnexcused
	AttExempt        = rules.AttExempt
	AttExemptPresent = rules.AttExemptPresent
	AttElsewhere     = rules.AttElsewhere
	AttSuspended     = rules.AttSuspended
)

// Attendance is one member's presence at a meeting.
type Attendance struct {
	ID           string
	MemberID     string
	Status       string
	Reason       string
	MemberName   string // as on the day of the meeting; filled by the store
	MemberStatus string // member status code on the day; filled by the store
}

// Peer is another site whose keys this site has pinned: the hub for a cell,
// each enrolled cell for a hub.
type Peer struct {
	SiteID       string
	Role         Role
	Name         string
	SignPub      []byte
	AgeRecipient string
	Fingerprint  string
	PinnedAt     string
	LastBundleAt string
	HighWater    int64
}

// Keys are this site's private keys.
type Keys struct {
	SignPriv    []byte // ed25519 private key
	AgeIdentity string // age X25519 identity
}
