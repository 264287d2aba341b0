package carrier

import (
	"context"
	"errors"
	"time"

	"chibo/store"
	chibosync "chibo/sync"
)

// Exchanged is what one Exchange did.
type Exchanged struct {
	Sent    SendReport
	Fetched []chibosync.Result
	// Waiting counts the files kept because a person must first confirm
	// their sender's fingerprint (a hub's new cells).
	Waiting int
}

// Exchange is one round of the window's background work: a cell sends
// what is unacknowledged and fetches its hub's answers; a hub fetches
// first (without enrolling anybody) and then answers. It notes the
// outcome (LastOK, LastError) for the window.
func Exchange(ctx context.Context, st *store.Store) (Exchanged, error) {
	var x Exchanged
	site, err := st.Site(ctx)
	if err != nil {
		return x, err
	}
	var errs []error
	fetchNow := func() {
		rs, _, err := Fetch(ctx, st, chibosync.Options{})
		x.Fetched = rs
		for _, r := range rs {
			if r.Status == chibosync.NeedsConfirmation {
				x.Waiting++
			}
		}
		errs = append(errs, err)
	}
	if site.Role == store.RoleHub {
		fetchNow()
	}
	x.Sent, err = Send(ctx, st)
	errs = append(errs, err)
	if site.Role != store.RoleHub {
		fetchNow()
	}
	err = errors.Join(errs...)
	Note(ctx, st, err)
	return x, err
}

// Note records how an exchange went, for "last successful exchange" and
// "what stopped the last one".
func Note(ctx context.Context, st *store.Store, err error) {
	if err != nil {
		_ = st.SetMailboxSetting(ctx, store.MailboxLastError, err.Error())
		return
	}
	_ = st.SetMailboxSetting(ctx, store.MailboxLastOK, time.Now().UTC().Format(time.RFC3339))
	_ = st.SetMailboxSetting(ctx, store.MailboxLastError, "")
}

// Status is what the window shows of the network exchange.
type Status struct {
	Configured bool      // at least one mailbox
	Auto       bool      // automatic sending is on
	LastOK     time.Time // zero: never
	LastError  string    // English, "" after a success
}

// ReadStatus reads the settings and the last outcome.
func ReadStatus(ctx context.Context, st *store.Store) (Status, error) {
	var s Status
	ms, err := st.Mailboxes(ctx)
	if err != nil {
		return s, err
	}
	s.Configured = len(ms) > 0
	auto, err := st.MailboxSetting(ctx, store.MailboxAuto)
	if err != nil {
		return s, err
	}
	s.Auto = auto != "off"
	ok, err := st.MailboxSetting(ctx, store.MailboxLastOK)
	if err != nil {
		return s, err
	}
	s.LastOK, _ = time.Parse(time.RFC3339, ok)
	s.LastError, err = st.MailboxSetting(ctx, store.MailboxLastError)
	return s, err
}
