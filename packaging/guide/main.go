// Command guide renders the Vietnamese user guide (ui/help/huong-dan.md,
// the same text the help screen shows) to an A4 PDF for the Windows zip,
// set in the app's embedded Liberation Serif.
//
//	go run ./packaging/guide -out dist/Huong-dan.pdf
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"chibo/assets"
)

const family = "LiberationSerif"

var image = regexp.MustCompile(`^!\[(.*)\]\((.+)\)$`)

func main() {
	src := flag.String("in", "ui/help/huong-dan.md", "guide text (a small Markdown subset)")
	out := flag.String("out", "dist/Huong-dan.pdf", "PDF to write")
	root := flag.String("root", ".", "folder that image paths are relative to")
	flag.Parse()
	if err := render(*src, *out, *root); err != nil {
		fmt.Fprintln(os.Stderr, "guide:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", *out)
}

func render(src, out, root string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	pdf, err := newDoc()
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line(pdf, strings.TrimSpace(sc.Text()), root)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return pdf.OutputFileAndClose(out)
}

func newDoc() (*fpdf.Fpdf, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(20, 18, 20)
	pdf.SetAutoPageBreak(true, 18)
	for style, name := range map[string]string{"": "Regular", "B": "Bold", "I": "Italic"} {
		b, err := assets.Fonts.ReadFile("fonts/LiberationSerif-" + name + ".ttf")
		if err != nil {
			return nil, err
		}
		pdf.AddUTF8FontFromBytes(family, style, b)
	}
	pdf.SetTitle("Hướng dẫn sử dụng Sổ tay Chi bộ", true)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont(family, "I", 10)
		pdf.CellFormat(0, 5, fmt.Sprintf("Sổ tay Chi bộ — trang %d", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	return pdf, pdf.Error()
}

// line sets one line of the guide: a title, a heading, a bullet, an
// image or a paragraph.
func line(pdf *fpdf.Fpdf, s, root string) {
	switch {
	case s == "":
		return
	case strings.HasPrefix(s, "# "):
		pdf.SetFont(family, "B", 18)
		pdf.MultiCell(0, 9, s[2:], "", "C", false)
		pdf.Ln(4)
	case strings.HasPrefix(s, "## "):
		pdf.Ln(3)
		pdf.SetFont(family, "B", 14)
		pdf.MultiCell(0, 7, s[3:], "", "L", false)
		pdf.Ln(1)
	case strings.HasPrefix(s, "- "):
		pdf.SetFont(family, "", 12)
		x := pdf.GetX()
		pdf.CellFormat(6, 6, "•", "", 0, "L", false, 0, "")
		pdf.MultiCell(0, 6, s[2:], "", "L", false)
		pdf.SetX(x)
	case image.MatchString(s):
		m := image.FindStringSubmatch(s)
		path := filepath.Join(root, m[2])
		if _, err := os.Stat(path); err != nil {
			return // screenshots are optional: the text stands alone
		}
		pdf.Ln(2)
		pdf.ImageOptions(path, pdf.GetX()+15, pdf.GetY(), 140, 0, true, fpdf.ImageOptions{ReadDpi: true}, 0, "")
		pdf.Ln(2)
	default:
		pdf.SetFont(family, "", 12)
		pdf.MultiCell(0, 6, s, "", "J", false)
		pdf.Ln(1)
	}
}
