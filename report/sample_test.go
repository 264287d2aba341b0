package report

import (
	"os"
	"path/filepath"
	"testing"

	"chibo/store"
)

// TestWriteSample writes sample minutes (final and draft) to
// $CHIBO_SAMPLE_DIR for people to look at; without the variable it skips.
func TestWriteSample(t *testing.T) {
	dir := os.Getenv("CHIBO_SAMPLE_DIR")
	if dir == "" {
		t.Skip("set CHIBO_SAMPLE_DIR to write sample minutes")
	}
	m, ms := sampleMeeting(6, 1)
	draft := m
	draft.State, draft.Revision = store.StateDraft, 2
	for name, mt := range map[string]store.Meeting{"minutes-sample.pdf": m, "minutes-draft.pdf": draft} {
		if err := os.WriteFile(filepath.Join(dir, name), render(t, mt, ms), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
