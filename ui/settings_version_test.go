package ui

import (
	"strings"
	"testing"

	"chibo/internal/buildinfo"
)

// TestSettingsShowTheVersion: the settings page names the release the
// window runs, the one its bundles' manifests carry (internal/buildinfo).
func TestSettingsShowTheVersion(t *testing.T) {
	cases := []struct{ name, version, want string }{
		{"release", "9.9.9-test", "phiên bản 9.9.9-test"},
		{"build without the release flags", "dev", "bản dựng thử"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			saved := buildinfo.Version
			buildinfo.Version = tc.version
			t.Cleanup(func() { buildinfo.Version = saved })
			s := newCellShell(t)
			s.show(newSettings(s))
			if got := strings.Join(shownTexts(s.win), "\n"); !strings.Contains(got, tc.want) {
				t.Errorf("settings show no %q:\n%s", tc.want, got)
			}
		})
	}
}
