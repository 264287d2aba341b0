package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The PDF tests read the document back with poppler's pdftotext and
// pdffonts. CI installs poppler-utils, so a missing tool is a failure: a
// skipped layout test would hide a broken document.

const mmPt = 72 / 25.4 // one millimetre in points

type pdfWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type pdfPage struct {
	W     float64   `xml:"width,attr"`
	H     float64   `xml:"height,attr"`
	Words []pdfWord `xml:"word"`
}

// box is the union of a phrase's words on one page (0-based).
type box struct {
	page                   int
	xMin, yMin, xMax, yMax float64
}

func (b box) xMid() float64 { return (b.xMin + b.xMax) / 2 }

func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found (install poppler-utils): %v", name, err)
	}
	return p
}

func writeTemp(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// readPDF returns every page's words with their boxes in points.
func readPDF(t *testing.T, pdf []byte) []pdfPage {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", writeTemp(t, pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var doc struct {
		Pages []pdfPage `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("parse pdftotext output: %v", err)
	}
	if len(doc.Pages) == 0 {
		t.Fatal("pdftotext found no pages")
	}
	return doc.Pages
}

// find returns every place the phrase occurs as consecutive words.
func find(pages []pdfPage, phrase string) []box {
	want := strings.Fields(phrase)
	var out []box
	for pi, p := range pages {
		for i := 0; i+len(want) <= len(p.Words); i++ {
			if !matchAt(p.Words[i:], want) {
				continue
			}
			b := box{pi, p.Words[i].XMin, p.Words[i].YMin, p.Words[i].XMax, p.Words[i].YMax}
			for _, w := range p.Words[i : i+len(want)] {
				b.xMin, b.yMin = min(b.xMin, w.XMin), min(b.yMin, w.YMin)
				b.xMax, b.yMax = max(b.xMax, w.XMax), max(b.yMax, w.YMax)
			}
			out = append(out, b)
		}
	}
	return out
}

func matchAt(ws []pdfWord, want []string) bool {
	for j, w := range want {
		if ws[j].Text != w {
			return false
		}
	}
	return true
}

// findOne requires exactly one occurrence.
func findOne(t *testing.T, pages []pdfPage, phrase string) box {
	t.Helper()
	bs := find(pages, phrase)
	if len(bs) != 1 {
		t.Fatalf("%q found %d times, want once", phrase, len(bs))
	}
	return bs[0]
}

// pdfFonts returns pdffonts' table rows.
func pdfFonts(t *testing.T, pdf []byte) []string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdffonts"), writeTemp(t, pdf)).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		return nil
	}
	return lines[2:]
}
