package store

// How ApplyBundle walks a bundle's changes, whether the caller handed them
// over decoded (Incoming.Changes) or as a stream decoded as it goes
// (Incoming.Stream, what sync's Import uses so memory does not grow with
// the bundle).

import "errors"

// ErrGap means a bundle starts past what has arrived from its sender. Its
// changes are held back, not refused; the error names the missing range.
var ErrGap = errors.New("changes are missing before this bundle")

// ErrUnknownSender means the sender's keys are not pinned and Pin was false.
var ErrUnknownSender = errors.New("sender is not enrolled")

// each calls fn with every change of the bundle, streamed or held.
func (in Incoming) each(fn func(Change) error) error {
	if in.Stream != nil {
		return in.Stream(fn)
	}
	for _, c := range in.Changes {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func (in Incoming) count() int {
	if in.Stream != nil {
		return in.Count
	}
	return len(in.Changes)
}

// origins lists the distinct origins of the bundle's changes.
func (in Incoming) origins() []string {
	if in.Stream != nil {
		return in.Origins
	}
	var out []string
	for _, c := range in.Changes {
		if len(out) == 0 || out[len(out)-1] != c.Origin {
			out = append(out, c.Origin)
		}
	}
	return out
}
