package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The PDF must carry every heading of the guide in readable Vietnamese,
// and render without the screenshots too.
func TestGuidePDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	src := filepath.Join("..", "..", "ui", "help", "huong-dan.md")
	text, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	for name, root := range map[string]string{"with screenshots": filepath.Join("..", ".."), "without": t.TempDir()} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "Huong-dan.pdf")
			if err := render(src, out, root); err != nil {
				t.Fatal(err)
			}
			got, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(norm.NFC.String(string(got))), " ")
			for _, line := range strings.Split(string(text), "\n") {
				if h, ok := strings.CutPrefix(line, "## "); ok && !strings.Contains(flat, h) {
					t.Errorf("PDF lacks heading %q", h)
				}
			}
		})
	}
}
