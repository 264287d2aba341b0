package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrNotAFile refuses an input that is not a regular file: reading a named
// pipe waits for a writer that never comes, a device never ends.
var ErrNotAFile = errors.New("not a file that can be read (a folder, link, pipe or device)")

// OpenRegular opens a file a person chose for reading (a bundle, a card, a
// spreadsheet, a backup) and refuses anything but a regular file, without
// waiting on it: see openNoWait for how a pipe is opened.
func OpenRegular(path string) (*os.File, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: %w: %s", path, ErrNotAFile, KindOf(fi.Mode()))
	}
	return f, nil
}

// KindOf names what a non-regular entry is, for a refusal.
func KindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a link"
	case m&fs.ModeNamedPipe != 0:
		return "a pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}
