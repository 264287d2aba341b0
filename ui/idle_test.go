package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chibo/store"
)

// The bar: idle time locks the window and hides the data; unlocking gives
// back the same screen with a half-typed form as it was.
func TestIdleLockKeepsTheForm(t *testing.T) {
	s := newCellShell(t)
	addMembers(t, s.st, "Giàng A Páo")
	clock := time.Date(2026, 11, 28, 9, 0, 0, 0, time.Local)
	s.idle.now = func() time.Time { return clock }
	s.idle.touch()
	m := openMembers(t, s)
	m.edit(store.Member{})
	f := s.current.(*memberForm)
	s.win.Canvas().Focus(f.fullName)
	test.Type(f.fullName, "Lù Thị")
	s.app.Preferences().SetInt(prefLockMinutes, 10)

	steps := []struct {
		name   string
		wait   time.Duration
		typing string
		locked bool
	}{
		{"first poll sees the typing", 0, "", false},
		{"nine minutes idle", 9 * time.Minute, "", false},
		{"typing counts as use", 0, " M", false},
		{"nine more minutes after typing", 9 * time.Minute, "", false},
		{"ten minutes idle", time.Minute + time.Second, "", true},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			clock = clock.Add(st.wait)
			if st.typing != "" {
				test.Type(f.fullName, st.typing)
			}
			s.idle.check()
			if got := s.cover != nil; got != st.locked {
				t.Fatalf("locked = %v, want %v", got, st.locked)
			}
		})
	}
	shown := shownText(s.win)
	if strings.Contains(shown, "Lù Thị") || strings.Contains(shown, "Giàng A Páo") || s.st.Unlocked() {
		t.Fatalf("locked window still shows the form or the data is open:\n%s", shown)
	}
	if _, err := s.st.SaveMembers(context.Background(), []store.Member{{FullName: "X", Sex: store.SexMale, Status: store.StatusFull}}); !store.IsLocked(err) {
		t.Errorf("a locked store took a write: %v", err)
	}
	u := s.current.(*unlockScreen)
	u.pass.SetText("sai mật khẩu")
	test.Tap(u.button)
	if s.cover == nil || !strings.Contains(u.msg.Text, "Mật khẩu không đúng") {
		t.Fatalf("wrong passphrase: covered %v, message %q", s.cover != nil, u.msg.Text)
	}
	u.pass.SetText(testPass)
	test.Tap(u.button)
	if s.current != f || f.fullName.Text != "Lù Thị M" || s.win.Canvas().Focused() != f.fullName {
		t.Fatalf("after unlocking: screen %T, name %q, focus %v", s.current, f.fullName.Text, s.win.Canvas().Focused())
	}
	test.Type(f.fullName, "ai")
	test.Tap(f.save)
	if got := memberNames(t, s.st); got != "Giàng A Páo, Lù Thị Mai" {
		t.Errorf("saved after unlocking: %s", got)
	}
}

// TestIdleLockWaitsForWork: an import left running (a province's takes
// minutes) keeps the window in use; the lock comes once it has finished
// and the idle time has passed again.
func TestIdleLockWaitsForWork(t *testing.T) {
	s := newCellShell(t)
	clock := time.Date(2026, 11, 28, 9, 0, 0, 0, time.Local)
	s.idle.now = func() time.Time { return clock }
	s.idle.touch()
	s.app.Preferences().SetInt(prefLockMinutes, 10)
	var pending func()
	old := spawn
	spawn = func(f func()) { pending = f }
	t.Cleanup(func() { spawn = old })
	finished := false
	background(func() bool { return true }, func(bool) { finished = true })

	steps := []struct {
		name   string
		wait   time.Duration
		finish bool
		locked bool
	}{
		{"eleven minutes into the work", 11 * time.Minute, false, false},
		{"the work ends", 0, true, false},
		{"nine minutes after it ended", 9 * time.Minute, false, false},
		{"ten minutes after it ended", time.Minute + time.Second, false, true},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			clock = clock.Add(st.wait)
			if st.finish {
				pending()
				if !finished {
					t.Fatal("the work's result did not arrive")
				}
			}
			s.idle.check()
			if got := s.cover != nil; got != st.locked {
				t.Fatalf("locked = %v, want %v", got, st.locked)
			}
		})
	}
}

// TestLockNowWaitsForWork: "Khóa ngay" while an import runs says so and
// leaves the key; once the work is done it locks.
func TestLockNowWaitsForWork(t *testing.T) {
	s := newCellShell(t)
	s.show(newSettings(s))
	var lock *widget.Button
	for _, o := range test.LaidOutObjects(s.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Khóa ngay" {
			lock = b
		}
	}
	if lock == nil {
		t.Fatal("no «Khóa ngay» in settings")
	}
	cases := []struct {
		name   string
		busy   bool
		locked bool
	}{
		{"while work runs", true, false},
		{"once it is done", false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.busy {
				working.Add(1)
				defer working.Add(-1)
			}
			test.Tap(lock)
			if got := s.cover != nil; got != tc.locked || s.st.Unlocked() == tc.locked {
				t.Fatalf("locked = %v, key in memory %v", got, s.st.Unlocked())
			}
			if !tc.locked && !strings.Contains(overlayText(s.win), "Chưa khóa được") {
				t.Errorf("no message: %q", overlayText(s.win))
			}
			closeDialogs(s.win)
		})
	}
}

// TestIdleLockHearsTheSystem: where the system reports input the window's
// hooks cannot see (Windows: a mouse hovering over buttons), it counts.
func TestIdleLockHearsTheSystem(t *testing.T) {
	s := newCellShell(t)
	clock := time.Date(2026, 11, 28, 9, 0, 0, 0, time.Local)
	s.idle.now = func() time.Time { return clock }
	s.idle.touch()
	s.idle.check()
	s.app.Preferences().SetInt(prefLockMinutes, 10)
	var sysIdle time.Duration
	known := true
	old := systemIdle
	systemIdle = func() (time.Duration, bool) { return sysIdle, known }
	t.Cleanup(func() { systemIdle = old })
	steps := []struct {
		name    string
		wait    time.Duration
		sysIdle time.Duration
		known   bool
		locked  bool
	}{
		{"input a minute ago, elsewhere on the screen", 20 * time.Minute, time.Minute, true, false},
		{"no input since", 10 * time.Minute, 11 * time.Minute, true, true},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			clock = clock.Add(st.wait)
			sysIdle, known = st.sysIdle, st.known
			s.idle.check()
			if got := s.cover != nil; got != st.locked {
				t.Fatalf("locked = %v, want %v", got, st.locked)
			}
		})
	}
}
