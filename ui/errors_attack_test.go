package ui

import (
	"fmt"
	"strings"
	"testing"

	"chibo/store"
	bundle "chibo/sync"
)

// TestAttackRefusalsNameTheirReason: a deliberate refusal is never worded
// as a damaged file to copy again, which would send a clerk on a wasted
// trip to the village; each says what it is.
func TestAttackRefusalsNameTheirReason(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"copied laptop", fmt.Errorf("sync: import x: %w: %w", bundle.ErrCopiedLaptop, store.ErrFork), "sao chép"},
		{"replay of another cell's changes", fmt.Errorf("change of a in a bundle from b: %w", bundle.ErrInvalidBundle), "sai quy cách"},
		{"one huge name", fmt.Errorf("a change is larger than 1024 KiB: %w", bundle.ErrTooLarge), "quá lớn"},
		{"revoked key", fmt.Errorf("key X: %w", bundle.ErrRevoked), "thu hồi"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msg := message(tc.err)
			if strings.Contains(msg, "Hãy chép lại") || strings.Contains(msg, "bị hỏng") || !strings.Contains(msg, tc.want) {
				t.Fatalf("%q", msg)
			}
		})
	}
	if msg := message(fmt.Errorf("content hash: %w", bundle.ErrDamaged)); !strings.Contains(msg, "chép lại") {
		t.Fatalf("a damaged file is not sent back to be copied: %q", msg)
	}
}
