package mailbox

import (
	"testing"
	"time"
)

func TestGuardAllowsBurst(t *testing.T) {
	g := newGuard(time.Now, DefaultLimits)
	for i := range 50 {
		if _, ok := g.allow("cell", false); !ok {
			t.Fatalf("request %d refused", i)
		}
	}
}
