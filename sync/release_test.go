package sync

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"filippo.io/age"
)

// TestReleaseBuildStampsManifests builds chibo as a release is built (the
// tags and -ldflags of scripts/build-flags.sh, the ones the Makefile and
// scripts/build-*.sh use, with a made-up version), lets it set up a demo
// cell of a hub and export, and reads the bundle as the hub does: its
// signed manifest carries that version, as does `chibo --version`. A hub
// tells an old app by the manifest's "app".
func TestReleaseBuildStampsManifests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole program")
	}
	const version = "9.9.9-test"
	flags := func(args ...string) string {
		out, err := exec.Command("bash", append([]string{"../scripts/build-flags.sh"}, args...)...).Output()
		if err != nil {
			t.Fatalf("build-flags.sh %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	bin := filepath.Join(t.TempDir(), "chibo")
	// ci: Fyne's software driver, so the program builds without cgo.
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-trimpath",
		"-tags", "ci,"+flags("tags"), "-ldflags", flags("ldflags", version), "-o", bin, ".")
	build.Dir = ".."
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "CHIBO_PASSPHRASE="+testPass)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("chibo %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	if got := strings.TrimSpace(run("--version")); got != "chibo "+version {
		t.Errorf("chibo --version = %q, want %q", got, "chibo "+version)
	}

	ctx := context.Background()
	hub := newHub(t, "Đảng ủy xã Tả Van")
	card := filepath.Join(t.TempDir(), "the-cap-uy.json")
	if err := WriteHubCard(ctx, hub.st, card); err != nil {
		t.Fatal(err)
	}
	cell, stick := filepath.Join(t.TempDir(), "cell"), t.TempDir()
	run("demo", "--data", cell, "--hub-card", card)
	run("export", "--data", cell, "--out", stick)
	files, err := BundleFiles(stick)
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundle written: %v %v", files, err)
	}
	keys, err := hub.st.Keys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := age.ParseX25519Identity(keys.AgeIdentity)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p, err := readSigned(f, id)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if p.manifest.App != version {
			t.Errorf("%s: manifest app = %q, want %q", filepath.Base(f), p.manifest.App, version)
		}
	}
}
