package rules

// Member status and attendance codes, as the store keeps them and the
// rules read them. They are declared here, once: chibo/store re-exports
// them under the same names, since the store imports the rules and the
// rules must not import the store.

// Member status codes.
const (
	StatusFull         = "full"         // chính thức
	StatusProbationary = "probationary" // dự bị
	StatusExempt       = "exempt"       // miễn sinh hoạt
	StatusTemporary    = "temporary"    // sinh hoạt tạm thời
	StatusTransferred  = "transferred"  // chuyển đi
	StatusDeceased     = "deceased"     // từ trần
	StatusExpelled     = "expelled"     // ra khỏi Đảng
)

// Attendance codes.
const (
	AttPresent       = "present"
	AttExcused       = "excused"        // vắng có lý do
	AttUnexcused     = "unexcused"      // vắng không lý do
	AttExempt        = "exempt"         // miễn sinh hoạt, absent
	AttExemptPresent = "exempt_present" // miễn sinh hoạt, present
	AttElsewhere     = "elsewhere"      // sinh hoạt tạm thời nơi khác
	// AttSuspended: suspended from activity, prosecuted or detained; on
	// the roll but never in a vote's denominator (DOMAIN "Votes").
	AttSuspended = "suspended"
)
