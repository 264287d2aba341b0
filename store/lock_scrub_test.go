package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// TestTruncateWALWaitsForReaders: a reader on its own connection (the
// window's integrity check, CheckFile) blocks emptying the WAL without an
// error; scrub must see that, or the WAL keeps the clear pages it was
// meant to drop.
func TestTruncateWALWaitsForReaders(t *testing.T) {
	ctx := context.Background()
	st := newCell(t)
	if _, err := st.db.Exec("PRAGMA busy_timeout = 50"); err != nil { // one connection: it stays set
		t.Fatal(err)
	}
	reader, err := sql.Open("sqlite", "file:"+filepath.Join(st.Dir(), FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	rtx, err := reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := rtx.QueryRow("SELECT COUNT(*) FROM members").Scan(&n); err != nil { // takes its snapshot
		t.Fatal(err)
	}
	if _, err := st.SaveMember(ctx, Member{FullName: "Sùng A Lử"}); err != nil {
		t.Fatal(err)
	}
	if err := truncateWAL(ctx, st.db, 2); err == nil {
		t.Fatal("the WAL was reported empty while a reader held it")
	}
	rtx.Rollback()
	if err := truncateWAL(ctx, st.db, 2); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(st.Dir(), FileName+"-wal")); err != nil || fi.Size() != 0 {
		t.Fatalf("WAL after the reader left: %v, %v", fi.Size(), err)
	}
}
