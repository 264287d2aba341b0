package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"
)

// backupCell sets up a cell with real age keys and a hub whose identity
// lives in its own data folder, as the hub's laptop would have it.
func backupCell(t testing.TB) (st *Store, hubDir string) {
	t.Helper()
	hubID, _ := age.GenerateX25519Identity()
	hubDir = t.TempDir()
	hub, err := Open(hubDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hub.Init(context.Background(), Setup{Passphrase: testPass, Role: RoleHub, Name: "Đảng ủy xã Sín Chéng",
		Keys: Keys{SignPriv: make([]byte, 64), AgeIdentity: hubID.String()}}); err != nil {
		t.Fatal(err)
	}
	hub.Close()
	own, _ := age.GenerateX25519Identity()
	st, err = Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	peer := &Peer{SiteID: NewID(), Role: RoleHub, Name: "Đảng ủy xã Sín Chéng", SignPub: make([]byte, 32),
		AgeRecipient: hubID.Recipient().String(), Fingerprint: "X"}
	if _, err := st.Init(context.Background(), Setup{Passphrase: testPass, Role: RoleCell, Name: "Chi bộ thôn Sín Chéng",
		Keys: Keys{SignPriv: make([]byte, 64), AgeIdentity: own.String()}, Hub: peer}); err != nil {
		t.Fatal(err)
	}
	return st, hubDir
}

func addMember(t *testing.T, st *Store, name string) {
	t.Helper()
	if _, err := st.SaveMember(context.Background(), Member{FullName: name, Status: StatusFull}); err != nil {
		t.Fatal(err)
	}
}

func TestBackupPreviewWhoCanOpen(t *testing.T) {
	ctx := context.Background()
	st, hubDir := backupCell(t)
	addMember(t, st, "Giàng A Páo")
	addMember(t, st, "Lò Thị Mai")
	stick := t.TempDir()
	info, err := st.Backup(ctx, stick)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		dataDir string
		key     BackupKey
		want    error
	}{
		"own laptop, unlocked":           {st.Dir(), st.BackupKey(), nil},
		"own laptop, passphrase":         {st.Dir(), PassKey(testPass), nil},
		"new laptop, passphrase":         {t.TempDir(), PassKey(testPass), nil},
		"new laptop, wrong passphrase":   {t.TempDir(), PassKey("không phải mật khẩu"), ErrWrongPassphrase},
		"hub folder, its own passphrase": {hubDir, PassKey("mật khẩu của xã"), ErrWrongPassphrase},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p, err := PreviewBackup(ctx, tc.dataDir, info.Path, tc.key)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if tc.want != nil {
				return
			}
			if p.OrgName != "Chi bộ thôn Sín Chéng" || p.Members != 2 || p.Meetings != 0 || p.Role != RoleCell {
				t.Errorf("preview = %+v", p)
			}
			if ents, _ := filepath.Glob(filepath.Join(tc.dataDir, ".restore-*")); len(ents) != 0 {
				t.Errorf("preview left %v behind", ents)
			}
		})
	}
}

func TestBackupFileDamage(t *testing.T) {
	ctx := context.Background()
	st, _ := backupCell(t)
	addMember(t, st, "Giàng A Páo")
	info, err := st.Backup(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(info.Path)
	cases := map[string]struct {
		bytes []byte
		want  error
	}{
		"bit flipped in the middle": {flip(good, len(good)/2), ErrDamaged},
		"cut short":                 {good[:len(good)-100], ErrDamaged},
		"not a backup":              {[]byte("Họ và tên\nGiàng A Páo\n"), ErrNotBackup},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "x"+BackupExt)
			os.WriteFile(p, tc.bytes, 0o600)
			if _, err := PreviewBackup(ctx, st.Dir(), p, st.BackupKey()); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func flip(b []byte, at int) []byte {
	c := append([]byte(nil), b...)
	c[at] ^= 0x40
	return c
}

func TestAutoBackupDailyKeepsThirty(t *testing.T) {
	ctx := context.Background()
	st, _ := backupCell(t)
	day := time.Date(2026, 1, 1, 8, 0, 0, 0, time.Local)
	for i := range 35 {
		if _, made, err := st.AutoBackup(ctx, day.AddDate(0, 0, i)); err != nil || !made {
			t.Fatalf("day %d: made=%v err=%v", i, made, err)
		}
	}
	if _, made, _ := st.AutoBackup(ctx, day.AddDate(0, 0, 34).Add(3*time.Hour)); made {
		t.Error("a second backup on the same day was made")
	}
	list, err := ListBackups(filepath.Join(st.Dir(), BackupsDir))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != KeepAutoBackups {
		t.Fatalf("%d backups kept, want %d", len(list), KeepAutoBackups)
	}
	if want := day.AddDate(0, 0, 34); !list[0].Created.Equal(want.UTC()) {
		t.Errorf("newest = %v, want %v", list[0].Created, want)
	}
	if want := day.AddDate(0, 0, 5); !list[len(list)-1].Created.Equal(want.UTC()) {
		t.Errorf("oldest = %v, want %v", list[len(list)-1].Created, want)
	}
}

// damageDB spoils a closed database the way a failing disk does: the
// header (SQLite refuses the file) or the pages after the first.
func damageDB(t *testing.T, dir string, header bool) {
	t.Helper()
	path := filepath.Join(dir, FileName)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start, n := 4096, len(b)-4096
	if header {
		start, n = 0, 100
	}
	for i := start; i < start+n; i++ {
		b[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedDatabaseRestoresNewestBackup(t *testing.T) {
	for _, header := range []bool{false, true} {
		t.Run(fmt.Sprintf("header=%v", header), func(t *testing.T) {
			ctx := context.Background()
			st, _ := backupCell(t)
			dir := st.Dir()
			day := time.Date(2026, 3, 1, 8, 0, 0, 0, time.Local)
			addMember(t, st, "Giàng A Páo")
			st.AutoBackup(ctx, day)
			addMember(t, st, "Lò Thị Mai")
			st.AutoBackup(ctx, day.AddDate(0, 0, 1))
			addMember(t, st, "Sùng A Chư") // after the newest backup: may be lost
			st.Close()
			damageDB(t, dir, header)

			if _, err := OpenChecked(dir); !errors.Is(err, ErrDamaged) {
				t.Fatalf("OpenChecked = %v, want ErrDamaged", err)
			}
			list, _ := ListBackups(filepath.Join(dir, BackupsDir))
			if len(list) != 2 {
				t.Fatalf("%d backups listed", len(list))
			}
			p, err := Restore(ctx, dir, list[0].Path, PassKey(testPass))
			if err != nil {
				t.Fatal(err)
			}
			if p.Members != 2 {
				t.Errorf("restored %d members, want 2", p.Members)
			}
			re, err := OpenChecked(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer re.Close()
			ms, _ := re.Members(ctx, "", "")
			if len(ms) != 2 {
				t.Errorf("%d members after restore, want 2", len(ms))
			}
			if v, _ := metaGet(ctx, re.db, "restored_from"); v == "" {
				t.Error("restored database does not say it was restored")
			}
			if aside, _ := filepath.Glob(filepath.Join(dir, "before-restore-*", FileName)); len(aside) != 1 {
				t.Errorf("damaged database not kept aside: %v", aside)
			}
		})
	}
}

// A restore must not let the laptop reuse change numbers it already sent.
// Restore gives the restored database a fresh nonce that the file beside
// it does not hold, so the next open always starts a new epoch. It used to
// go on with the old numbers when nothing was exported since the backup,
// which a copy of the laptop that had sent in between turned into a fork.
func TestRestoreStartsNewEpochAfterExport(t *testing.T) {
	for _, tc := range []struct {
		name       string
		exported   bool
		wantEpochs int
	}{
		{"export after the backup", true, 2},
		// A restore always starts a new epoch, even with nothing exported
		// since the backup: a copy of the laptop may have sent changes
		// under the numbers the restored database would otherwise reuse
		// (sync's TestRestoreAfterCopyIsAFork).
		{"nothing sent since the backup", false, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st, _ := backupCell(t)
			dir := st.Dir()
			addMember(t, st, "Giàng A Páo")
			info, err := st.Backup(ctx, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			addMember(t, st, "Lù Thị Mai")
			if tc.exported {
				if err := st.RecordExport(ctx, NewID(), 1, 3, "sha"); err != nil {
					t.Fatal(err)
				}
			}
			st.Close()
			if _, err := Restore(ctx, dir, info.Path, PassKey(testPass)); err != nil {
				t.Fatal(err)
			}
			re, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer re.Close()
			eps, err := re.Epochs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(eps) != tc.wantEpochs {
				t.Errorf("%d epochs after restore, want %d: %+v", len(eps), tc.wantEpochs, eps)
			}
		})
	}
}
