package client

import (
	"errors"
	"fmt"

	"chibo/mailbox/proto"
)

// Error kinds for errors.Is; the command line prints the mailbox's own
// English message, the window turns the kind into Vietnamese.
var (
	ErrUnreachable   = errors.New("the mailbox cannot be reached (no network, or it is not running)")
	ErrPin           = errors.New("the mailbox's certificate is not the pinned one: another machine answers at this address")
	ErrClock         = errors.New("this laptop's clock is too far from the mailbox's")
	ErrReplay        = errors.New("the mailbox took this request for a replay")
	ErrBadSignature  = errors.New("the mailbox could not verify this laptop's signature")
	ErrWrongKey      = errors.New("the mailbox knows this site with another key")
	ErrRevoked       = errors.New("the hub has revoked this laptop's key")
	ErrForbidden     = errors.New("the mailbox does not allow this site to do that")
	ErrNotRegistered = errors.New("the hub is not registered at this mailbox")
	ErrRateLimited   = errors.New("too many requests: the mailbox asks to wait")
	ErrQuota         = errors.New("too much is already waiting at the mailbox")
	ErrDiskFull      = errors.New("the mailbox's disk is full")
	ErrTooLarge      = errors.New("the file is too large for the mailbox")
	ErrNotBundle     = errors.New("the mailbox refused the file: not a chibo bundle")
	ErrConflict      = errors.New("the mailbox holds other content under this name")
	ErrHash          = errors.New("the file arrived damaged")
	ErrNotFound      = errors.New("nothing of this name waits at the mailbox")
	ErrServer        = errors.New("the mailbox failed")
)

var codeKinds = map[string]error{
	proto.CodeClock: ErrClock, proto.CodeReplay: ErrReplay, proto.CodeBadSignature: ErrBadSignature,
	proto.CodeWrongKey: ErrWrongKey, proto.CodeRevoked: ErrRevoked, proto.CodeForbidden: ErrForbidden,
	proto.CodeNotRegistered: ErrNotRegistered, proto.CodeRateLimited: ErrRateLimited, proto.CodeQuota: ErrQuota,
	proto.CodeDiskFull: ErrDiskFull, proto.CodeTooLarge: ErrTooLarge, proto.CodeNotBundle: ErrNotBundle,
	proto.CodeConflict: ErrConflict, proto.CodeHash: ErrHash, proto.CodeNotFound: ErrNotFound,
}

// Error is a mailbox's refusal: its status, code and message.
type Error struct {
	Status     int
	Code       string
	Message    string
	retryAfter int // seconds, from Retry-After
}

func (e *Error) Error() string {
	if e.Message != "" {
		return fmt.Sprintf("mailbox refused (%d %s): %s", e.Status, e.Code, e.Message)
	}
	return fmt.Sprintf("mailbox answered %d", e.Status)
}

// Is matches the error kinds above.
func (e *Error) Is(target error) bool {
	if k, ok := codeKinds[e.Code]; ok {
		return k == target
	}
	return target == ErrServer && e.Status >= 500
}
