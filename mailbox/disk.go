package mailbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"chibo/mailbox/proto"
)

// The store folder (doc.go, "# On disk"):
//
//	tls/cert.pem, tls/key.pem       the certificate (when none is given)
//	hubs/<hub>.card                 a hub's card, as it registered
//	hubs/<hub>.roster               the roster it signed for the mailbox
//	uploads/<to>/<from>/<name>/     a deposit arriving: data, meta.json
//	items/<to>/<from>/<name>/       a deposit complete, waiting: data, meta.json
//	delivered/<to>/<from>/<name>    the addressee acknowledged it: meta only, kept deliveredKeep
//	mailbox.log                     one JSON line per request
//
// A deposit becomes visible to its addressee by one rename of its folder
// from uploads/ to items/, so a crash never shows half a file.

// meta is what the mailbox knows of a deposit: the clear metadata.
type meta struct {
	From       string    `json:"from"`
	To         string    `json:"to"`
	Name       string    `json:"name"`
	Size       int64     `json:"size"`
	SHA256     string    `json:"sha256"`
	At         time.Time `json:"at"`
	Unenrolled bool      `json:"unenrolled,omitempty"`
	Delivered  time.Time `json:"delivered,omitzero"`
}

func (m meta) item(state string) proto.Item {
	return proto.Item{From: m.From, To: m.To, Name: m.Name, Size: m.Size, SHA256: m.SHA256, At: m.At,
		State: state, Unenrolled: m.Unenrolled}
}

// errDiskFull is the store's quota or a real full disk.
var errDiskFull = errors.New("the mailbox's disk is full")

type disk struct {
	root  string
	quota int64 // bytes of uploads and items together; 0: only the disk's own size
	used  atomic.Int64
}

func openDisk(root string, quota int64) (*disk, error) {
	d := &disk{root: root, quota: quota}
	for _, sub := range []string{"hubs", "uploads", "items", "delivered"} {
		if err := os.MkdirAll(filepath.Join(root, sub), 0o700); err != nil {
			return nil, fmt.Errorf("mailbox: store %s: %w", root, err)
		}
	}
	var used int64
	for _, sub := range []string{"uploads", "items"} {
		_ = filepath.WalkDir(filepath.Join(root, sub), func(p string, e fs.DirEntry, err error) error {
			if err == nil && e.Type().IsRegular() {
				if fi, err := e.Info(); err == nil {
					used += fi.Size()
				}
			}
			return nil
		})
	}
	d.used.Store(used)
	return d, nil
}

func (d *disk) path(kind string, parts ...string) string {
	return filepath.Join(append([]string{d.root, kind}, parts...)...)
}

// reserve accounts for n more bytes, or says the store is full.
func (d *disk) reserve(n int64) error {
	if v := d.used.Add(n); d.quota > 0 && v > d.quota {
		d.used.Add(-n)
		return errDiskFull
	}
	return nil
}

func (d *disk) release(n int64) { d.used.Add(-n) }

// full reports whether err is the disk running out of room.
func full(err error) bool {
	return errors.Is(err, errDiskFull) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

func readMeta(dir string) (meta, error) {
	b, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return meta{}, err
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		return meta{}, fmt.Errorf("mailbox: %s: %w", dir, err)
	}
	return m, nil
}

func writeMeta(dir string, m meta) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return writeSynced(filepath.Join(dir, "meta.json"), b, 0o600)
}

// writeSynced writes a file under a temporary name, syncs and renames it.
func writeSynced(path string, b []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// dirSize is the bytes of the regular files directly in dir.
func dirSize(dir string) int64 {
	var n int64
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
	}
	return n
}

// removeDeposit deletes a deposit's folder and gives its bytes back.
func (d *disk) removeDeposit(dir string) {
	n := dirSize(dir)
	if os.RemoveAll(dir) == nil {
		d.release(n)
		_ = syncDir(filepath.Dir(dir))
	}
}

// metas lists the deposits under kind/ matching to and from ("" = any),
// as their folders say. An unreadable one is skipped.
func (d *disk) metas(kind, to, from string) []meta {
	pattern := d.path(kind, globPart(to), globPart(from), "*", "meta.json")
	paths, _ := filepath.Glob(pattern)
	var out []meta
	for _, p := range paths {
		if m, err := readMeta(filepath.Dir(p)); err == nil {
			out = append(out, m)
		}
	}
	return out
}

// tombstones lists delivered deposits for to and from ("" = any).
func (d *disk) tombstones(to, from string) []meta {
	paths, _ := filepath.Glob(d.path("delivered", globPart(to), globPart(from), "*"))
	var out []meta
	for _, p := range paths {
		if strings.HasSuffix(p, ".tmp") {
			continue
		}
		b, err := os.ReadFile(p)
		var m meta
		if err == nil && json.Unmarshal(b, &m) == nil {
			out = append(out, m)
		}
	}
	return out
}

func globPart(s string) string {
	if s == "" {
		return "*"
	}
	return s // site ids are checked: no glob characters
}

// tombstone reads the delivered record of one deposit, if any.
func (d *disk) tombstone(to, from, name string) (meta, bool) {
	b, err := os.ReadFile(d.path("delivered", to, from, name))
	var m meta
	if err != nil || json.Unmarshal(b, &m) != nil {
		return meta{}, false
	}
	return m, true
}

// expire removes delivered records older than keep.
func (d *disk) expire(now time.Time, keep time.Duration) int {
	n := 0
	for _, m := range d.tombstones("", "") {
		if now.Sub(m.Delivered) > keep {
			if os.Remove(d.path("delivered", m.To, m.From, m.Name)) == nil {
				n++
			}
		}
	}
	return n
}

func writeJSONFile(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeSynced(path, b, 0o600)
}
