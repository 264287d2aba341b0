//go:build ignore

// holidays_gen.go writes assets/rules/cellwork/holidays.json: the public
// holidays of Vietnam for 2020–2035, lunar ones converted to Gregorian
// dates. It is a one-off generator whose output is committed as data and
// checked by workdays_test.go against dates published in official
// calendars; the app never computes lunar dates at run time.
//
//	go run rules/holidays_gen.go > assets/rules/cellwork/holidays.json
//
// The conversion is Hồ Ngọc Đức's algorithm (astronomical new moons and
// solar terms, Meeus' series) for the meridian of UTC+7, which is how the
// Vietnamese calendar has been defined since 1968.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"time"

	"chibo/rules"
)

const tz = 7.0

func jdn(t time.Time) int { return int(t.Unix()/86400) + 2440588 }

func fromJDN(j int) time.Time { return time.Unix(int64(j-2440588)*86400, 0).UTC() }

func newMoon(k float64) float64 {
	T := k / 1236.85
	T2, T3 := T*T, T*T*T
	dr := math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*k + 0.0001178*T2 - 0.000000155*T3
	jd1 += 0.00033 * math.Sin((166.56+132.87*T-0.009173*T2)*dr)
	M := 359.2242 + 29.10535608*k - 0.0000333*T2 - 0.00000347*T3
	Mpr := 306.0253 + 385.81691806*k + 0.0107306*T2 + 0.00001236*T3
	F := 21.2964 + 390.67050646*k - 0.0016528*T2 - 0.00000239*T3
	C1 := (0.1734-0.000393*T)*math.Sin(M*dr) + 0.0021*math.Sin(2*dr*M)
	C1 = C1 - 0.4068*math.Sin(Mpr*dr) + 0.0161*math.Sin(dr*2*Mpr)
	C1 = C1 - 0.0004*math.Sin(dr*3*Mpr)
	C1 = C1 + 0.0104*math.Sin(dr*2*F) - 0.0051*math.Sin(dr*(M+Mpr))
	C1 = C1 - 0.0074*math.Sin(dr*(M-Mpr)) + 0.0004*math.Sin(dr*(2*F+M))
	C1 = C1 - 0.0004*math.Sin(dr*(2*F-M)) - 0.0006*math.Sin(dr*(2*F+Mpr))
	C1 = C1 + 0.0010*math.Sin(dr*(2*F-Mpr)) + 0.0005*math.Sin(dr*(2*Mpr+M))
	var deltat float64
	if T < -11 {
		deltat = 0.001 + 0.000839*T + 0.0002261*T2 - 0.00000845*T3 - 0.000000081*T*T3
	} else {
		deltat = -0.000278 + 0.000265*T + 0.000262*T2
	}
	return jd1 + C1 - deltat
}

func newMoonDay(k int) int { return int(math.Floor(newMoon(float64(k)) + 0.5 + tz/24)) }

func sunLongitude(jdn float64) float64 {
	T := (jdn - 2451545.0) / 36525
	T2 := T * T
	dr := math.Pi / 180
	M := 357.52910 + 35999.05030*T - 0.0001559*T2 - 0.00000048*T*T2
	L0 := 280.46645 + 36000.76983*T + 0.0003032*T2
	DL := (1.914600-0.004817*T-0.000014*T2)*math.Sin(dr*M) + (0.019993-0.000101*T)*math.Sin(dr*2*M) + 0.000290*math.Sin(dr*3*M)
	L := (L0 + DL) * dr
	return L - math.Pi*2*math.Floor(L/(math.Pi*2))
}

// sunSector is the solar term (0..11) the day's start falls in.
func sunSector(day int) int {
	return int(math.Floor(sunLongitude(float64(day)-0.5-tz/24) / math.Pi * 6))
}

// month11 is the first day of the lunar month holding the winter solstice of year y.
func month11(y int) int {
	off := jdn(time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)) - 2415021
	k := int(math.Floor(float64(off) / 29.530588853))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

func leapMonthOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// lunarToSolar converts a day of a non-leap lunar month.
func lunarToSolar(day, month, year int) time.Time {
	var a11, b11 int
	if month < 11 {
		a11, b11 = month11(year-1), month11(year)
	} else {
		a11, b11 = month11(year), month11(year+1)
	}
	k := int(math.Floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853))
	off := month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		if leapOff := leapMonthOffset(a11); off >= leapOff {
			off++
		}
	}
	return fromJDN(newMoonDay(k+off) + day - 1)
}

// The table's days and notices are the rules package's own types, so the
// generator writes exactly what LoadCalendar reads.
type (
	day    = rules.Holiday
	notice = rules.Notice
)

type year struct {
	Year     int      `json:"year"`
	Status   string   `json:"status"` // "decreed" or "provisional"
	Reason   string   `json:"reason,omitempty"`
	Notices  []notice `json:"notices,omitempty"`
	Holidays []day    `json:"holidays"`
	Workdays []day    `json:"workdays,omitempty"`
	Tet      string   `json:"tet"`    // lunar 1/1
	GioTo    string   `json:"gio_to"` // lunar 10/3
	// TetPublished tells the announced break from the statutory model.
	TetPublished bool `json:"tet_published"`
}

// publishedTet are the Tết breaks the Government announced, as recalled
// from the press of each year (offline: not re-read from the decisions).
var publishedTet = map[int]struct{ from, to string }{
	2020: {"2020-01-23", "2020-01-29"},
	2021: {"2021-02-10", "2021-02-16"},
	2022: {"2022-01-29", "2022-02-06"},
	2023: {"2023-01-20", "2023-01-26"},
	2024: {"2024-02-08", "2024-02-14"},
	2025: {"2025-01-25", "2025-02-02"},
	2026: {"2026-02-14", "2026-02-22"},
}

// tetNotices quote the announcement of a Tết break where it was found.
var tetNotices = map[int]notice{
	2026: {What: "nghỉ Tết Nguyên đán Bính Ngọ từ 14/02 đến 22/02/2026", Source: "Phương án nghỉ Tết Bính Ngọ 2026 được Chính phủ chốt",
		Quote: "công chức, viên chức sẽ nghỉ Tết âm lịch từ thứ Bảy 14/2/2026 (tức 27 tháng Chạp, năm Ất Tỵ) đến hết Chủ nhật 22/2/2026 (tức mùng 6 tháng Giêng, năm Bính Ngọ), tổng cộng 9 ngày liên tục",
		Via:   "http://www.congan.com.vn/?catid=702&id=388656&mod=detnews"},
}

// swap is a decreed exchange: a weekday off, worked back on a Saturday.
type swap struct {
	off, work, name string
	n               notice
}

// swaps are the exchanges the Prime Minister's office decreed. Each notice
// is quoted as read (Via) or marked not found; see the issue of record.
var swaps = map[int][]swap{
	2024: {{"2024-04-29", "2024-05-04", "Ngày Chiến thắng, Quốc tế Lao động", notice{
		What: "hoán đổi thứ Hai 29/4 với thứ Bảy 4/5", Source: "Văn bản 2450/VPCP-KGVX", Signed: "2024-04-12",
		Quote: "công chức, viên chức được nghỉ lễ 5 ngày liên tục từ thứ bảy, ngày 27/4 đến hết thứ tư, ngày 1/5",
		Via:   "https://xaydungchinhsach.chinhphu.vn/nguoi-lao-dong.html (20/04/2024); làm bù thứ Bảy 04/5/2024 theo https://brotherhoodcharters.com/30/4-1/5-nghỉ-mấy-ngày-21"}}},
	2025: {
		{"2025-01-27", "2025-02-08", "Tết Nguyên đán", notice{What: "hoán đổi thứ Hai 27/01 với thứ Bảy 08/02",
			Source: "Thông báo lịch nghỉ Tết Ất Tỵ 2025", NotFound: "không tìm thấy văn bản; theo lịch nghỉ đã ghi trong bảng từ trước (25/01–02/02, làm bù 08/02)"}},
		{"2025-05-02", "2025-04-26", "Ngày Chiến thắng, Quốc tế Lao động", notice{What: "hoán đổi thứ Sáu 02/5 với thứ Bảy 26/4",
			Source: "Thông báo lịch nghỉ lễ 30/4–1/5/2025", NotFound: "chưa tìm được văn bản gốc để trích dẫn; chương trình theo tài liệu nghiệp vụ do nhóm làm phần mềm tổng hợp"}},
	},
	2026: {
		{"2026-01-02", "2026-01-10", "Tết Dương lịch", notice{What: "hoán đổi thứ Sáu 02/01 với thứ Bảy 10/01",
			Source: "Văn bản 12729/VPCP-KGVX", Signed: "2025-12-25",
			Quote: "công chức, viên chức được nghỉ 4 ngày liên tục từ thứ năm (ngày 1/1/2026) đến hết chủ nhật (ngày 4/1/2026); hoán đổi từ ngày làm việc thứ sáu (ngày 2/1/2026) sang ngày nghỉ hằng tuần thứ bảy (ngày 10/1/2026)",
			Via:   "https://www.collector.com.tr//965292743 (bản tin thuật lại văn bản)"}},
		{"2026-08-31", "2026-08-22", "Quốc khánh", notice{What: "hoán đổi thứ Hai 31/8 với thứ Bảy 22/8",
			Source: "Thông báo lịch nghỉ lễ Quốc khánh 2026", NotFound: "chưa tìm được văn bản gốc để trích dẫn; chương trình theo tài liệu nghiệp vụ do nhóm làm phần mềm tổng hợp"}},
	},
}

// lastDecreed is the last year whose days off the Government has announced;
// later years follow the statutory model and are provisional.
const lastDecreed = 2026

const provisionalReason = "Chính phủ chưa công bố lịch nghỉ năm này: Tết theo luật (ngày cuối năm âm lịch và mùng 1–4), " +
	"nghỉ bù khi trùng thứ Bảy, Chủ nhật, ngày liền kề 2/9 ước đoán; chưa có hoán đổi ngày làm việc. " +
	"Ngày 24/11 (Ngày Văn hóa Việt Nam, Nghị quyết 80-NQ/TW ngày 07/01/2026) chưa có trong Bộ luật Lao động theo văn bản tìm được, nên chưa tính là ngày nghỉ."

func main() {
	iso := func(t time.Time) string { return t.Format("2006-01-02") }
	var years []year
	for y := 2020; y <= 2035; y++ {
		var ds, work []day
		add := func(t time.Time, name, kind string) { ds = append(ds, day{iso(t), name, kind}) }
		date := func(m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
		swapOff := map[string]bool{}
		for _, s := range swaps[y] {
			swapOff[s.off] = true
		}
		add(date(1, 1), "Tết Dương lịch", rules.DayHoliday)
		tet := lunarToSolar(1, 1, y)
		if b, ok := publishedTet[y]; ok {
			// The break the Government announced: every weekday in it is off.
			from, _ := time.Parse("2006-01-02", b.from)
			to, _ := time.Parse("2006-01-02", b.to)
			for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
				if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !swapOff[iso(d)] {
					add(d, "Nghỉ Tết Nguyên đán (lịch Chính phủ công bố)", rules.DayTetBreak)
				}
			}
		} else {
			// Statutory Tết: the last day of the lunar year and days 1–4 of
			// the new one (Bộ luật Lao động 2019, Điều 112: 5 ngày).
			add(tet.AddDate(0, 0, -1), "Tết Nguyên đán (cuối năm)", rules.DayHoliday)
			for i := 0; i < 4; i++ {
				add(tet.AddDate(0, 0, i), fmt.Sprintf("Tết Nguyên đán (mùng %d)", i+1), rules.DayHoliday)
			}
		}
		add(lunarToSolar(10, 3, y), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", rules.DayHoliday)
		add(date(4, 30), "Ngày Chiến thắng", rules.DayHoliday)
		add(date(5, 1), "Quốc tế Lao động", rules.DayHoliday)
		add(date(9, 2), "Quốc khánh", rules.DayHoliday)
		if y >= 2021 {
			// From 2021 one day adjacent to 2/9, named by the Government
			// each year to join the weekend: 3/9 when 2/9 is a Monday,
			// Thursday or Sunday, else 1/9 (matches 2021–2026).
			adj := date(9, 1)
			switch date(9, 2).Weekday() {
			case time.Monday, time.Thursday, time.Sunday:
				adj = date(9, 3)
			}
			add(adj, "Quốc khánh (ngày liền kề)", rules.DayAdjacent)
		}
		ds = compensate(ds)
		var notices []notice
		if n, ok := tetNotices[y]; ok {
			notices = append(notices, n)
		}
		for _, s := range swaps[y] {
			d, _ := time.Parse("2006-01-02", s.off)
			add(d, "Nghỉ hoán đổi ("+s.name+")", rules.DaySwap)
			work = append(work, day{s.work, "Làm bù ngày nghỉ hoán đổi (" + s.name + ")", rules.DaySwap})
			notices = append(notices, s.n)
		}
		if len(notices) == 0 && y <= lastDecreed {
			notices = append(notices, notice{What: fmt.Sprintf("lịch nghỉ lễ, Tết năm %d", y), Source: fmt.Sprintf("Thông báo nghỉ lễ, Tết năm %d", y),
				NotFound: "không tìm thấy văn bản; ngày nghỉ theo Bộ luật Lao động Điều 112 và lịch nghỉ Tết đã ghi trong bảng từ trước, chưa thấy hoán đổi ngày làm việc"})
		}
		_, published := publishedTet[y]
		yr := year{Year: y, Status: rules.YearDecreed, Notices: notices, Holidays: ds, Workdays: work, TetPublished: published,
			Tet: iso(tet), GioTo: iso(lunarToSolar(10, 3, y))}
		if y > lastDecreed {
			yr.Status, yr.Reason = rules.YearProvisional, provisionalReason
		}
		years = append(years, yr)
	}
	out := map[string]any{
		"source":    "Bộ luật Lao động 2019, Điều 111–112; Nghị định 145/2020/NĐ-CP; thông báo nghỉ lễ, Tết hằng năm của Thủ tướng Chính phủ",
		"effective": "2021-01-01",
		"check":     true,
		"note": "Ngày âm lịch tính theo giờ Việt Nam (cách tính của Hồ Ngọc Đức); cách tính đã được so với ngày Tết 2020–2035 và Giỗ Tổ 2020–2026 đã công bố, và với hai lịch âm độc lập khác cho mọi năm. " +
			"Tết 2020–2026: theo lịch nghỉ Chính phủ công bố (ghi lại từ báo chí); các ngày hoán đổi kèm văn bản ở từng năm. " +
			"Từ 2027 là bảng tạm tính cho đến khi Chính phủ công bố; khi có thông báo, bản cập nhật của chương trình sẽ sửa bảng theo văn bản.",
		"years": years,
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// compensate adds a day off (nghỉ bù) on the next working day for each
// holiday that falls on a weekend (Bộ luật Lao động 2019, Điều 111–112).
// Days of an announced Tết break need none: the announcement placed them.
func compensate(ds []day) []day {
	off := map[string]bool{}
	for _, d := range ds {
		off[d.Date] = true
	}
	out := append([]day(nil), ds...)
	for _, d := range ds {
		t, _ := time.Parse("2006-01-02", d.Date)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			continue
		}
		n := t.AddDate(0, 0, 1)
		for off[n.Format("2006-01-02")] || n.Weekday() == time.Saturday || n.Weekday() == time.Sunday {
			n = n.AddDate(0, 0, 1)
		}
		off[n.Format("2006-01-02")] = true
		out = append(out, day{n.Format("2006-01-02"), "Nghỉ bù " + d.Name, rules.DayCompensation})
	}
	return out
}
