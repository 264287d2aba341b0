package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The checks must fail on exes that Windows would show wrongly. The good
// case, with resources, is `make windows` itself.
func TestCheckRefusesBadExes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Windows programs")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	os.WriteFile(src, []byte("package main\nfunc main() {}\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\ngo 1.21\n"), 0o600)
	build := func(name string, ldflags string) string {
		out := filepath.Join(dir, name)
		cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", out, ".")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", name, err, b)
		}
		return out
	}
	cases := []struct {
		name, exe, want string
	}{
		{"console program", build("console.exe", "-s -w"), "subsystem"},
		{"no resources", build("gui.exe", "-s -w -H=windowsgui"), "no .rsrc"},
		{"not a PE file", src, "PE"},
	}
	if gcc, err := exec.LookPath("x86_64-w64-mingw32-gcc"); err == nil {
		c := filepath.Join(dir, "gl.c")
		os.WriteFile(c, []byte("#include <windows.h>\nint WINAPI WinMain(HINSTANCE a, HINSTANCE b, LPSTR c, int d) { return wglGetProcAddress(\"x\") != 0; }\n"), 0o600)
		exe := filepath.Join(dir, "gl.exe")
		if b, err := exec.Command(gcc, "-mwindows", "-o", exe, c, "-lopengl32").CombinedOutput(); err != nil {
			t.Fatalf("mingw: %v\n%s", err, b)
		}
		cases = append(cases, struct{ name, exe, want string }{"opengl32 loaded at start", exe, "load-time import"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := check(tc.exe, "0.1.0", "Sổ tay Chi bộ")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
