package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestDraftsSealedAndBack: a draft reads back while unlocked, is not in
// the file in clear, does not read while locked, never enters the change
// log, and survives the store being dropped without a clean close.
func TestDraftsSealedAndBack(t *testing.T) {
	ctx := context.Background()
	st := newCell(t)
	before := changeCount(t, st)
	const secret = "Đ/c Páo phê bình đ/c Lử chậm nộp quỹ"
	if err := st.SaveDraft(ctx, Draft{Key: "meeting:new", Title: "Biên bản 05/11/2026", Body: secret}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveDraft(ctx, Draft{Key: "member:new", Title: "Thêm đảng viên", Body: "Lò Văn Tiến"}); err != nil {
		t.Fatal(err)
	}
	if changeCount(t, st) != before {
		t.Error("a draft entered the change log")
	}
	d, ok, err := st.DraftOf(ctx, "meeting:new")
	if err != nil || !ok || d.Body != secret || d.Title != "Biên bản 05/11/2026" || d.SavedAt.IsZero() {
		t.Fatalf("draft back: %+v %v %v", d, ok, err)
	}
	all, err := st.Drafts(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("drafts %d, %v", len(all), err)
	}
	// Reopen without closing, as after a crash: the file has the draft,
	// sealed. (The first store forgets its key, or the process-wide ring
	// would open the second's values too.)
	dir := st.Dir()
	st.Lock()
	again, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if _, _, err := again.DraftOf(ctx, "meeting:new"); !IsLocked(err) {
		t.Errorf("a locked store read a draft: %v", err)
	}
	if err := again.Unlock(testPass); err != nil {
		t.Fatal(err)
	}
	if d, ok, _ := again.DraftOf(ctx, "meeting:new"); !ok || d.Body != secret {
		t.Errorf("after reopening: %+v", d)
	}
	st.Close()
	for _, name := range []string{FileName, FileName + "-wal"} {
		b, _ := os.ReadFile(filepath.Join(dir, name))
		if bytes.Contains(b, []byte(secret)) || bytes.Contains(b, []byte("phê bình")) {
			t.Errorf("%s holds the draft in clear", name)
		}
	}
	if err := again.DeleteDraft(ctx, "meeting:new"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := again.DraftOf(ctx, "meeting:new"); ok {
		t.Error("deleted draft still there")
	}
}
