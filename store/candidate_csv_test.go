package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

const candidateHeader = "Họ và tên,Ngày sinh,Dân tộc,Trình độ học vấn,Giai đoạn,Ngày vào danh sách,Ngày học lớp nhận thức," +
	"Ngày chi bộ biểu quyết,Số phiếu tán thành,Số đảng viên có quyền biểu quyết,Người giới thiệu 1,Người giới thiệu 2\n"

func TestImportCandidatesCSV(t *testing.T) {
	st, _ := candidateCell(t)
	ctx := context.Background()
	good := candidateHeader +
		"Ly Thị Sua,01/01/2000,Mông,9/12,Chi bộ đã biểu quyết,10/01/2025,01/03/2025,10/06/2025,3,3,Giàng A Páo,Lù Thị Mai\n" +
		"Giàng Thị Pà,02/02/2003,Mông,12/12,Quần chúng ưu tú,01/02/2025,,,,,,\n"
	n, err := st.ImportCandidatesCSV(ctx, strings.NewReader(good))
	if err != nil || n != 2 {
		t.Fatalf("import: %d %v", n, err)
	}
	cs, _ := st.Candidates(ctx)
	if len(cs) != 2 || cs[1].Stage() != "cell_vote" || cs[1].VotesFor != 3 || cs[1].Introducer1 == "" {
		t.Fatalf("imported %+v", cs)
	}
	row := func(s string) string {
		return candidateHeader + "Giàng Thị Pà,02/02/2003,Mông,12/12,Quần chúng ưu tú,01/02/2025,,,,,,\n" + s + "\n"
	}
	cases := []struct {
		name, body string
		column     string
		want       error
	}{
		{"stage date before the previous", row("Ly Thị Sua,01/01/2000,Mông,9/12,,10/01/2025,01/12/2024,,,,,"), "Ngày học lớp nhận thức", ErrStageOrder},
		{"stage the dates do not reach", row("Ly Thị Sua,01/01/2000,Mông,9/12,Chi bộ đã biểu quyết,10/01/2025,,,,,,"), "Giai đoạn", ErrCSVStage},
		{"probationary introducer", row("Ly Thị Sua,01/01/2000,Mông,9/12,,10/01/2025,01/03/2025,10/06/2025,3,3,Giàng A Páo,Hầu A Dự"), "Người giới thiệu 2", ErrIntroducerBad},
		{"votes over voters", row("Ly Thị Sua,01/01/2000,Mông,9/12,,10/01/2025,01/03/2025,10/06/2025,4,3,Giàng A Páo,Lù Thị Mai"), "Số phiếu tán thành", ErrVotesOverVoters},
		{"too young on the vote day", row("Ly Thị Sua,11/06/2007,Mông,9/12,,10/01/2025,01/03/2025,10/06/2025,3,3,Giàng A Páo,Lù Thị Mai"), "Ngày sinh", nil},
		{"unknown introducer", row("Ly Thị Sua,01/01/2000,Mông,9/12,,10/01/2025,01/03/2025,10/06/2025,3,3,Nobody,Lù Thị Mai"), "Người giới thiệu 1", ErrCSVNoMember},
		{"bad date", row("Ly Thị Sua,01/13/2000,Mông,9/12,,,,,,,,"), "Ngày sinh", ErrCSVBadDate},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := changeCount(t, st)
			_, err := st.ImportCandidatesCSV(ctx, strings.NewReader(tc.body))
			var ce *CSVError
			if !errors.As(err, &ce) || ce.Line != 3 || ce.Column != tc.column {
				t.Fatalf("err = %v, want line 3 column %q", err, tc.column)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if changeCount(t, st) != before {
				t.Error("a refused file saved something")
			}
		})
	}
}
