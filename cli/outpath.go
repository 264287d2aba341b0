package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// outsideData refuses an --out inside the data folder, whatever the
// command writes: `report --out DIR/chibo.db` once overwrote a hub's
// database, and a backup or a bundle written there would be copied along
// with the folder it is meant to leave. Both paths are made absolute and
// their links resolved, so neither a relative path nor a link into the
// folder gets around it.
func outsideData(data, out string) error {
	d, err := resolved(data)
	if err != nil {
		return err
	}
	o, err := resolved(out)
	if err != nil {
		return err
	}
	if inside(d, o) {
		return fmt.Errorf("--out %s is inside the data folder %s; write it somewhere else (a USB stick, the Documents folder): nothing was written", out, data)
	}
	return nil
}

// resolved is path made absolute with the links of its longest existing
// part resolved (what does not exist yet cannot be a link).
func resolved(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(p) == p {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// inside reports whether path is dir or lies under it. Windows and macOS
// compare names without case, as their file systems do.
func inside(dir, path string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		dir, path = strings.ToLower(dir), strings.ToLower(path)
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || !strings.HasPrefix(rel, ".."+string(os.PathSeparator)) && rel != "..")
}
