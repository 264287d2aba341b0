package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeListsEveryCommand: the README's list of headless commands
// names every command of the table in cli.go, with every flag its usage
// line gives, so a new command or flag cannot ship undocumented.
func TestReadmeListsEveryCommand(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// The list is the first code block after its heading; a command's
	// entry is its "chibo NAME" line and the indented lines that continue it.
	_, list, _ := strings.Cut(string(b), "## Headless commands")
	_, list, _ = strings.Cut(list, "```\n")
	list, _, _ = strings.Cut(list, "```")
	entries := map[string]string{}
	var last string
	for _, line := range strings.Split(list, "\n") {
		switch {
		case strings.HasPrefix(line, "chibo "):
			last = strings.Fields(line)[1]
			entries[last] += line + "\n"
		case last != "" && strings.HasPrefix(line, "    "):
			entries[last] += line + "\n"
		default:
			last = ""
		}
	}
	flag := regexp.MustCompile(`--[a-z][a-z-]*`)
	for name, c := range commands {
		entry, ok := entries[name]
		if !ok {
			t.Errorf("README.md lists no «chibo %s» (usage: %s)", name, c.usage)
			continue
		}
		for _, f := range flag.FindAllString(c.usage, -1) {
			if !strings.Contains(entry, f+" ") && !strings.Contains(entry, f+"]") && !strings.Contains(entry, f+"\n") {
				t.Errorf("README.md's «chibo %s» lacks %s (usage: %s)", name, f, c.usage)
			}
		}
	}
}
