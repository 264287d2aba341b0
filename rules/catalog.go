package rules

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"chibo/assets"
)

// The catalog is every rule the app applies, every version it carries,
// with each figure's value, regulation, article, dates and clause: what the
// "Quy định áp dụng" page lists so a secretary or the hub can check the app
// against the paper texts.

// Family is one kind of rule with every version the app carries, oldest first.
type Family struct {
	Key, Name string
	Versions  []Version
}

// Version is one set of a family, in force from Effective until the day
// before the next set (Until "" for the set in force now and later).
type Version struct {
	ID, Effective, Until, Note string
	Items                      []Source
}

// Catalog reads every embedded rule set and lists them by family.
func Catalog() ([]Family, error) {
	var out []Family
	add := func(key, name string) func([]Version, error) error {
		return func(vs []Version, err error) error {
			if err != nil {
				return err
			}
			for i := range vs {
				if i+1 < len(vs) {
					next, _ := time.Parse(dateLayout, vs[i+1].Effective)
					vs[i].Until = next.AddDate(0, 0, -1).Format(dateLayout)
				}
			}
			out = append(out, Family{Key: key, Name: name, Versions: vs})
			return nil
		}
	}
	sets, err := Load(assets.Rules)
	if err := add("votes", "Biểu quyết, thể thức văn bản")(versionsOf(sets, err)); err != nil {
		return nil, err
	}
	meet, err := LoadMeetingRules(assets.Rules)
	if err := add("meeting", "Sinh hoạt chi bộ")(versionsOf(meet, err)); err != nil {
		return nil, err
	}
	adm, err := loadSets[Admission](assets.CellWork, "rules/cellwork/admission-*.json")
	if err := add("admission", "Kết nạp đảng viên, công nhận chính thức")(versionsOf(adm, err)); err != nil {
		return nil, err
	}
	rat, err := loadSets[Rating](assets.CellWork, "rules/cellwork/rating-*.json")
	if err := add("rating", "Kiểm điểm, đánh giá, xếp loại")(versionsOf(rat, err)); err != nil {
		return nil, err
	}
	dues, err := loadSets[Dues](assets.CellWork, "rules/cellwork/dues-*.json")
	if err := add("dues", "Đảng phí")(versionsOf(dues, err)); err != nil {
		return nil, err
	}
	return out, nil
}

// versionsOf lists the figures of each set by reflection, so a figure
// added to a set's struct shows on the page without an edit here.
func versionsOf[T any](sets []T, err error) ([]Version, error) {
	if err != nil {
		return nil, err
	}
	out := make([]Version, 0, len(sets))
	for _, s := range sets {
		v := reflect.ValueOf(s)
		ver := Version{ID: v.FieldByName("ID").String(), Effective: v.FieldByName("Effective").String(),
			Note: v.FieldByName("Note").String()}
		ver.Items = itemsOf(v, "")
		if d, ok := any(s).(describer); ok {
			for i := range ver.Items {
				ver.Items[i].Value = d.describe(ver.Items[i].Value)
			}
		}
		out = append(out, ver)
	}
	return out, nil
}

type sourcer interface{ source(string) Source }

// describer rewrites a set's codes in a value as the set names them.
type describer interface{ describe(value string) string }

// describe names the rating levels a value lists by code.
func (r Rating) describe(value string) string {
	for _, l := range r.Levels.Value {
		value = replaceWord(value, l.Code, "«"+l.Name+"»")
	}
	return value
}

// replaceWord replaces whole words only ("good", not "goods").
func replaceWord(s, word, by string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '"' })
	for _, p := range parts {
		if p == word {
			s = strings.ReplaceAll(s, `"`+word+`"`, by)
			s = strings.ReplaceAll(s, word, by)
			break
		}
	}
	return s
}

// itemsOf walks a set's fields: figures, maps of figures, and nested
// blocks that carry their own provenance (layout, agenda, score).
func itemsOf(v reflect.Value, prefix string) []Source {
	var out []Source
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		key := strings.Split(f.Tag.Get("json"), ",")[0]
		if key == "" || key == "-" {
			continue
		}
		key = prefix + key
		if s, ok := fv.Interface().(sourcer); ok {
			out = append(out, s.source(key))
			continue
		}
		switch fv.Kind() {
		case reflect.Map:
			keys := fv.MapKeys()
			sort.Slice(keys, func(a, b int) bool { return keys[a].String() < keys[b].String() })
			for _, k := range keys {
				if s, ok := fv.MapIndex(k).Interface().(sourcer); ok {
					out = append(out, s.source(key+"."+k.String()))
				}
			}
		case reflect.Struct:
			if src := fv.FieldByName("Source"); src.IsValid() && src.Kind() == reflect.String {
				out = append(out, blockSource(key, fv))
				continue
			}
			out = append(out, itemsOf(fv, key+".")...)
		}
	}
	return out
}

// blockSource describes a block that carries one provenance for all of it
// (the standard agenda, the meeting score).
func blockSource(key string, v reflect.Value) Source {
	str := func(name string) string {
		if f := v.FieldByName(name); f.IsValid() && f.Kind() == reflect.String {
			return f.String()
		}
		return ""
	}
	s := Source{Key: key, Source: str("Source"), Effective: str("Effective"), Note: str("Note"),
		Article: str("Article"), Signed: str("Signed"), Quote: str("Quote"), Via: str("Via"), NotFound: str("NotFound")}
	if c := v.FieldByName("Check"); c.IsValid() && c.Kind() == reflect.Bool {
		s.Check = c.Bool()
	}
	switch b := v.Interface().(type) {
	case AgendaTemplate:
		s.Value = fmt.Sprintf("%d mục", len(b.Items))
	case ScoreScheme:
		s.Value = fmt.Sprintf("%d điểm, %d tiêu chí", b.MaxScore(), len(b.Criteria))
	}
	return s
}

// valueText writes a figure the way the page shows it.
func valueText(v any) string {
	switch x := v.(type) {
	case bool:
		if x {
			return "có"
		}
		return "không"
	case []Level:
		parts := make([]string, len(x))
		for i, l := range x {
			parts[i] = fmt.Sprintf("%s ≥ %d", l.Name, l.MinScore)
		}
		return strings.Join(parts, "; ")
	case SickCap:
		return fmt.Sprintf("từ %d tháng: cao nhất mức %q", x.Months, x.MaxLevel)
	case [2]int:
		return fmt.Sprintf("%d–%d", x[0], x[1])
	case []string:
		return strings.Join(x, ", ")
	case DatePair:
		return dateNames[x.Before] + " không muộn hơn " + dateNames[x.After]
	case Fraction:
		return x.String()
	}
	return fmt.Sprint(v)
}

// Label is a figure's Vietnamese name on the page; a key without one shows as it is.
func Label(key string) string {
	if l, ok := labels[key]; ok {
		return l
	}
	if i := strings.LastIndex(key, "."); i >= 0 {
		if l, ok := labels[key[:i]]; ok {
			return l + " — " + key[i+1:]
		}
	}
	return key
}

// dateNames name the record dates an order rule compares.
var dateNames = map[string]string{"hub_decision_date": "ngày quyết định kết nạp", "ceremony_date": "ngày lễ kết nạp",
	"class_date": "ngày học lớp nhận thức", "cell_vote_date": "ngày chi bộ biểu quyết"}

var labels = map[string]string{
	"min_age_months":                      "Tuổi tối thiểu (tháng)",
	"max_age_months":                      "Tuổi tối đa không cần cấp tỉnh đồng ý (tháng)",
	"min_grade":                           "Học vấn tối thiểu (lớp)",
	"min_grade_highland":                  "Học vấn tối thiểu vùng cao, dân tộc thiểu số (lớp)",
	"hub_decision_working_days":           "Cấp ủy quyết định kết nạp (ngày làm việc từ nghị quyết chi bộ)",
	"hub_full_decision_working_days":      "Cấp ủy quyết định công nhận chính thức (ngày làm việc từ nghị quyết chi bộ)",
	"hub_decision_extension_working_days": "Gia hạn một lần cho quyết định của cấp ủy (ngày làm việc)",
	"ceremony_working_days":               "Tổ chức lễ kết nạp (ngày làm việc từ khi nhận quyết định)",
	"probation_months":                    "Thời kỳ dự bị (tháng)",
	"full_vote_working_days":              "Chi bộ xét công nhận chính thức (ngày làm việc từ khi hết dự bị)",
	"introducer_min_months":               "Người giới thiệu: đảng viên chính thức và cùng công tác ít nhất (tháng)",
	"introducers_needed":                  "Số người giới thiệu",
	"certificate_valid_years":             "Giấy chứng nhận lớp nhận thức về Đảng có giá trị (năm)",
	"probation_from":                      "Thời kỳ dự bị tính từ",
	"party_age_from":                      "Tuổi đảng tính từ",
	"full_membership_from":                "Ngày chính thức",
	"first_day_not_counted":               "Ngày bắt đầu thời hạn",
	"months_end":                          "Thời hạn tính bằng tháng kết thúc",
	"date_order":                          "Thứ tự ngày tháng",
	"levels":                              "Các mức xếp loại (điểm tối thiểu)",
	"score_range":                         "Thang điểm",
	"excellent_quota_percent":             "Tỷ lệ «Hoàn thành xuất sắc» tối đa (%)",
	"quota_base_levels":                   "Cơ sở tính tỷ lệ «xuất sắc» (mức xếp loại)",
	"min_months_to_rate":                  "Mới kết nạp chưa đủ (tháng): không xếp loại",
	"sick_leave_cap":                      "Nghỉ ốm: giới hạn mức xếp loại",
	"sick_leave_not_rated_months":         "Nghỉ ốm từ (tháng): không xếp loại",
	"maternity_leave_excepted":            "Nghỉ thai sản không tính là nghỉ ốm",
	"disciplined_level":                   "Bị kỷ luật trong năm: xếp loại",
	"not_reviewed_statuses":               "Không kiểm điểm (trạng thái)",
	"rated_elsewhere_statuses":            "Chi bộ khác xếp loại (trạng thái)",
	"min_minutes":                         "Thời lượng sinh hoạt tối thiểu (phút)",
	"min_minutes.regular":                 "Thời lượng tối thiểu: sinh hoạt thường kỳ (phút)",
	"min_minutes.combined":                "Thời lượng tối thiểu: thường kỳ kết hợp chuyên đề (phút)",
	"votes.resolution":                    "Biểu quyết nghị quyết, kết luận",
	"votes.admission":                     "Biểu quyết kết nạp, công nhận chính thức",
	"votes.discipline":                    "Biểu quyết kỷ luật",
	"votes.expulsion":                     "Biểu quyết khai trừ",
	"date_order.decision_before_ceremony": "Thứ tự ngày: lễ kết nạp sau quyết định kết nạp",
	"date_order.class_before_vote":        "Thứ tự ngày: chi bộ biểu quyết sau khi học lớp nhận thức",
	"small_cell_hub_minimum":              "Chi bộ ít đảng viên: cấp ủy quy định thời lượng",
	"rates":                               "Mức đóng đảng phí hằng tháng",
	"exemptions":                          "Được miễn đóng đảng phí",
	"reductions":                          "Mức giảm đảng phí (theo đơn)",
	"relief_max_months":                   "Mỗi lần xét miễn, giảm tối đa (tháng)",
	"exempt_after_membership_years":       "Tuổi đảng được miễn đảng phí (năm)",
	"unpaid_warning_months":               "Không nộp không có lý do, đề nghị xóa tên (số tháng trong năm)",
	"farmer_rate_set_by_province":         "Mức của nông dân, lao động tự do do tỉnh quy định",
	"regular_per_month":                   "Sinh hoạt thường kỳ mỗi tháng",
	"thematic_per_quarter":                "Sinh hoạt chuyên đề mỗi quý",
	"agenda":                              "Chương trình sinh hoạt thường kỳ",
	"score":                               "Chấm điểm buổi sinh hoạt",
	"layout":                              "Thể thức văn bản",
	"layout.paper":                        "Khổ giấy",
	"layout.margin_top_mm":                "Lề trên (mm)",
	"layout.margin_bottom_mm":             "Lề dưới (mm)",
	"layout.margin_left_mm":               "Lề trái (mm)",
	"layout.margin_right_mm":              "Lề phải (mm)",
	"layout.header_pt":                    "Cỡ chữ tên cơ quan, địa danh (pt)",
	"layout.party_name_pt":                "Cỡ chữ «ĐẢNG CỘNG SẢN VIỆT NAM» (pt)",
	"layout.title_pt":                     "Cỡ chữ tên loại văn bản (pt)",
	"layout.subtitle_pt":                  "Cỡ chữ trích yếu (pt)",
	"layout.body_pt":                      "Cỡ chữ nội dung (pt)",
	"layout.number_first_page":            "Đánh số trang từ trang 1",
	"votes":                               "Biểu quyết",
}
