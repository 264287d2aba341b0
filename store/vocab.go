package store

// Vietnamese labels for the stored codes. They live here, beside the codes,
// because the CSV reader, the printed documents and the screens must all
// agree on them.

// Label pairs a stored code with its Vietnamese wording.
type Label struct {
	Code string
	Text string
}

var (
	StatusLabels = []Label{
		{StatusFull, "Chính thức"},
		{StatusProbationary, "Dự bị"},
		{StatusExempt, "Miễn sinh hoạt"},
		{StatusTemporary, "Sinh hoạt tạm thời"},
		{StatusTransferred, "Chuyển đi"},
		{StatusDeceased, "Từ trần"},
		{StatusExpelled, "Ra khỏi Đảng"},
	}
	SexLabels = []Label{
		{SexMale, "Nam"},
		{SexFemale, "Nữ"},
	}
	PositionLabels = []Label{
		{PositionSecretary, "Bí thư"},
		{PositionDeputy, "Phó bí thư"},
		{PositionCommittee, "Chi ủy viên"},
		{PositionMember, "Đảng viên"},
	}
	MeetingKindLabels = []Label{
		{MeetingRegular, "Thường kỳ"},
		{MeetingThematic, "Chuyên đề"},
		{MeetingExtraordinary, "Bất thường"},
	}
	AttendanceLabels = []Label{
		{AttPresent, "Có mặt"},
		{AttExcused, "Vắng có lý do"},
		{AttUnexcused, "Vắng không lý do"},
		{AttExempt, "Miễn sinh hoạt"},
		{AttExemptPresent, "Miễn SH, có dự"},
		{AttElsewhere, "Sinh hoạt nơi khác"},
		{AttSuspended, "Bị đình chỉ, truy tố, tạm giam"},
	}
	StateLabels = []Label{
		{StateDraft, "Bản nháp"},
		{StateFinalized, "Đã chốt"},
	}
	OrgKindLabels = []Label{
		{OrgKindCell, "Chi bộ"},
		{OrgKindGrassroot, "Chi bộ cơ sở"},
		{OrgKindCommune, "Đảng ủy xã"},
	}
)

// LabelOf returns the wording for code, or code itself when unknown.
func LabelOf(labels []Label, code string) string {
	for _, l := range labels {
		if l.Code == code {
			return l.Text
		}
	}
	return code
}

// CodeOf finds the code whose wording matches text, ignoring case and
// diacritics, as users type them in spreadsheets.
func CodeOf(labels []Label, text string) (string, bool) {
	f := Fold(text)
	for _, l := range labels {
		if Fold(l.Text) == f || l.Code == text {
			return l.Code, true
		}
	}
	return "", false
}

// Texts lists the wordings in order, for pickers.
func Texts(labels []Label) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l.Text
	}
	return out
}
