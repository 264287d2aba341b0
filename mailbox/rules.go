package mailbox

import (
	"bytes"
	"net/http"

	"chibo/mailbox/proto"
)

// Who may put and take what (doc.go, "# Access"). Every rule reads the
// registry under its lock and answers with the refusal to send, or nil.

// apiError is a refusal: its HTTP status and the protocol's code.
type apiError struct {
	status int
	code   string
	msg    string
}

func problem(status int, code, msg string) *apiError { return &apiError{status, code, msg} }

func storeProblem(err error) *apiError {
	if full(err) {
		return problem(http.StatusInsufficientStorage, proto.CodeDiskFull, "the mailbox's disk is full; nothing was lost, send again later")
	}
	return problem(http.StatusInternalServerError, "internal", "the mailbox could not store this; send again later")
}

// identity checks that a signer claiming a hub's site id holds that
// hub's key: nobody else may speak as a registered hub.
func (r *registry) identity(s proto.Signed) *apiError {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if h, ok := r.hubs[s.Site]; ok && !bytes.Equal(h.pub, s.Key) {
		return problem(http.StatusForbidden, proto.CodeWrongKey, "this site id is registered here with another key")
	}
	return nil
}

// isHub reports whether s is a registered hub (identity checked its key).
func (r *registry) isHub(s proto.Signed) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	_, ok := r.hubs[s.Site]
	return ok
}

// mayDeposit says whether s may leave a file for to, and whether it is a
// cell the hub has not enrolled yet (a capped deposit).
func (r *registry) mayDeposit(s proto.Signed, to string) (unenrolled bool, e *apiError) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if s.Site == to {
		return false, problem(http.StatusForbidden, proto.CodeForbidden, "a site does not deposit for itself")
	}
	if h, ok := r.hubs[to]; ok {
		return r.depositForHub(s, h)
	}
	// A hub leaves acknowledgements and decisions for its own cells, and
	// relays to the onward hubs its card names even before they register.
	if h, ok := r.hubs[s.Site]; ok {
		if k, ok := h.cells[to]; ok && k != nil {
			return false, nil
		}
		if _, ok := h.onward[to]; ok {
			return false, nil
		}
		return false, problem(http.StatusForbidden, proto.CodeForbidden, "a hub deposits only for the cells its roster lists and the hubs above it its card names")
	}
	return false, problem(http.StatusNotFound, proto.CodeNotRegistered, "the addressee is not registered at this mailbox (its hub must run chibo mailbox-use first)")
}

func (r *registry) depositForHub(s proto.Signed, h *hubEntry) (bool, *apiError) {
	if h.revoked[string(s.Key)] {
		return false, problem(http.StatusForbidden, proto.CodeRevoked, "the hub has revoked this laptop's key; send from the new laptop")
	}
	if k, ok := h.cells[s.Site]; ok {
		if !bytes.Equal(k, s.Key) {
			return false, problem(http.StatusForbidden, proto.CodeWrongKey, "the hub enrolled this cell with another key")
		}
		return false, nil
	}
	if from, ok := r.hubs[s.Site]; ok {
		if _, ok := from.onward[h.id]; ok {
			return false, nil
		}
		return false, problem(http.StatusForbidden, proto.CodeForbidden, "this hub's card does not name the addressee as a hub above it")
	}
	for _, other := range r.hubs { // a cell of another hub writing to this one
		if k, ok := other.cells[s.Site]; ok && bytes.Equal(k, s.Key) {
			return false, problem(http.StatusForbidden, proto.CodeForbidden, "this cell belongs to another hub; it deposits only for its own hub")
		}
	}
	return true, nil
}

// mayFetch says whether s may list, take and acknowledge what waits for
// it: a registered hub, a cell some roster lists with this key and no
// revocation, or a hub above that a registered hub's card names.
func (r *registry) mayFetch(s proto.Signed) *apiError {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if _, ok := r.hubs[s.Site]; ok {
		return nil // identity checked the key
	}
	listed, other, revoked := false, false, false
	for _, h := range r.hubs {
		if k, ok := h.cells[s.Site]; ok {
			listed, other = listed || bytes.Equal(k, s.Key), other || !bytes.Equal(k, s.Key)
			revoked = revoked || h.revoked[string(s.Key)]
		}
		if k, ok := h.onward[s.Site]; ok && bytes.Equal(k, s.Key) {
			return nil
		}
	}
	switch {
	case revoked:
		return problem(http.StatusForbidden, proto.CodeRevoked, "the hub has revoked this laptop's key; use the new laptop")
	case listed:
		return nil
	case other:
		return problem(http.StatusForbidden, proto.CodeWrongKey, "the hub enrolled this site with another key")
	}
	return errUnknownSite
}

// errUnknownSite: no hub lists the site yet (a cell before its hub
// enrolled it). Nothing can wait for it: its inbox is empty, and it may
// take nothing.
var errUnknownSite = problem(http.StatusForbidden, proto.CodeForbidden, "no hub registered here lists this site; a cell fetches once its hub has enrolled it")
