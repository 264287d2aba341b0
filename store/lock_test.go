package store

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// secrets are the sensitive values lockedCell stores; none may appear in
// any file of the data folder.
var secrets = map[string]string{
	"citizen id":     "001234567890",
	"phone":          "0912345678",
	"self-criticism": "Tôi còn nóng nảy khi góp ý đồng chí",
	"committee":      "Cần sửa tính gia trưởng",
	"rating":         "excellent",
	"religion":       "Công giáo",
}

func lockedCell(t *testing.T) *Store {
	t.Helper()
	st, _ := backupCell(t)
	ctx := context.Background()
	m, err := st.SaveMember(ctx, Member{FullName: "Giàng A Páo", Status: StatusFull, CitizenID: secrets["citizen id"],
		Phone: secrets["phone"], Religion: secrets["religion"], BirthDate: "1980-02-03", AdmissionDate: "2010-05-19"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.SaveReviews(ctx, []Review{{MemberID: m.ID, Year: 2025, SelfText: secrets["self-criticism"],
		CommitteeComment: secrets["committee"], CellLevel: secrets["rating"], SelfLevel: secrets["rating"]}})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// copyFolder copies every file of a data folder, as someone with the
// laptop in hand would.
func copyFolder(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// grepFolder fails for every secret found in the bytes of any file.
func grepFolder(t *testing.T, dir string) (files int) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, _ := os.ReadFile(p)
		// The schema names a column votes_excellent; only a value counts.
		b = bytes.ReplaceAll(b, []byte("votes_excellent"), nil)
		for what, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s: %s in clear", filepath.Base(p), what)
			}
		}
		return nil
	})
	return files
}

func TestLockedFolderRevealsNothing(t *testing.T) {
	ctx := context.Background()
	st := lockedCell(t)
	if _, _, err := st.AutoBackup(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	running := copyFolder(t, st.Dir()) // with the WAL, while the app runs
	if _, err := os.Stat(filepath.Join(running, FileName+"-wal")); err != nil {
		t.Fatalf("the copy taken while running has no WAL to check: %v", err)
	}
	st.Close()
	closed := copyFolder(t, st.Dir())
	for name, dir := range map[string]string{"copied while running": running, "copied after closing": closed} {
		t.Run(name, func(t *testing.T) {
			if n := grepFolder(t, dir); n < 4 {
				t.Fatalf("only %d files checked", n)
			}
			cp, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer cp.Close()
			if err := cp.Unlock("mật khẩu sai rồi"); !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("wrong passphrase: %v", err)
			}
			site, err := cp.Site(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := cp.Members(ctx, site.ID, ""); !IsLocked(err) {
				t.Fatalf("locked members: %v", err)
			}
			if _, err := cp.SaveMember(ctx, Member{FullName: "Lò Văn Hùng", Status: StatusFull}); !IsLocked(err) {
				t.Fatalf("locked save: %v", err)
			}
			if err := cp.Unlock(testPass); err != nil {
				t.Fatal(err)
			}
			ms, err := cp.Members(ctx, site.ID, "")
			if err != nil || len(ms) != 1 || ms[0].CitizenID != secrets["citizen id"] || ms[0].Religion != secrets["religion"] {
				t.Fatalf("unlocked members: %+v, %v", ms, err)
			}
			sh, err := cp.ReviewSheet(ctx, 2025)
			if err != nil || len(sh.Rows) != 1 || sh.Rows[0].Review.SelfText != secrets["self-criticism"] {
				t.Fatalf("unlocked review: %+v, %v", sh.Rows, err)
			}
		})
	}
}

// unprotect turns a locked folder back into one from before the lock:
// every value clear, no keys.json. Only tests need this.
func unprotect(t *testing.T, st *Store) {
	t.Helper()
	tables := map[string][]string{"changes": {"fields"}, "acks_in": {"body"}, "keys": {"sign_priv", "age_identity"}}
	for entity, cols := range sealedCols {
		for c := range cols {
			tables[entities[entity].table] = append(tables[entities[entity].table], c)
		}
	}
	for table, cols := range tables {
		for _, c := range cols {
			if _, err := st.db.Exec("UPDATE " + table + " SET " + c + " = " + unsealSQL(table, c, "")); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Before the lock, no change-log row had its link in the chain.
	st.db.Exec("UPDATE changes SET pos = NULL, mac = NULL")
	st.db.Exec("DELETE FROM meta WHERE key IN ('chain_pos', 'chain_link', 'chain_head', 'seal_version')")
	st.db.Exec("DELETE FROM meta WHERE key = 'lock'")
	os.Remove(filepath.Join(st.dir, LockFile))
	st.Lock()
	st.lock = nil
	st.scrub(context.Background())
}

func TestProtectFolderFromBeforeTheLock(t *testing.T) {
	ctx := context.Background()
	st := lockedCell(t)
	unprotect(t, st)
	if st.Protected() {
		t.Fatal("still protected")
	}
	if b, _ := os.ReadFile(filepath.Join(st.Dir(), FileName)); !bytes.Contains(b, []byte(secrets["citizen id"])) {
		t.Fatal("the legacy folder under test is not clear to begin with")
	}
	if err := st.Protect(ctx, "ngắn"); !errors.Is(err, ErrWeakPassphrase) {
		t.Fatalf("short passphrase: %v", err)
	}
	if err := st.Protect(ctx, "mật khẩu mới của chi bộ"); err != nil {
		t.Fatal(err)
	}
	grepFolder(t, copyFolder(t, st.Dir()))
	st.Lock()
	if err := st.Unlock("mật khẩu mới của chi bộ"); err != nil {
		t.Fatal(err)
	}
	site, _ := st.Site(ctx)
	if ms, err := st.Members(ctx, site.ID, ""); err != nil || ms[0].Phone != secrets["phone"] {
		t.Fatalf("after protect: %+v, %v", ms, err)
	}
}

func TestChangePassphrase(t *testing.T) {
	ctx := context.Background()
	st := lockedCell(t)
	cases := map[string]struct {
		old, pass string
		want      error
	}{
		"wrong old":    {"không đúng mật khẩu", "mật khẩu mới dài", ErrWrongPassphrase},
		"too short":    {testPass, "ngắn", ErrWeakPassphrase},
		"changed":      {testPass, "mật khẩu mới dài", nil},
		"changed back": {"mật khẩu mới dài", testPass, nil},
	}
	for _, name := range []string{"wrong old", "too short", "changed", "changed back"} {
		tc := cases[name]
		t.Run(name, func(t *testing.T) {
			if err := st.ChangePassphrase(ctx, tc.old, tc.pass); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if tc.want != nil {
				return
			}
			st.Lock()
			if err := st.Unlock(tc.old); !errors.Is(err, ErrWrongPassphrase) {
				t.Errorf("old passphrase still opens: %v", err)
			}
			if err := st.Unlock(tc.pass); err != nil {
				t.Fatal(err)
			}
		})
	}
}
