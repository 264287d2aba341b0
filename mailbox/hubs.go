package mailbox

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"

	"chibo/mailbox/proto"
)

// Bounds of the small signed bodies: a card is a few hundred bytes, a
// roster of 20,000 cells about 3 MB.
const (
	maxCardBody   = 64 << 10
	maxRosterBody = 4 << 20
)

// signedBody reads a small body whose SHA-256 the request's signature
// covers (Chibo-Body-SHA256).
func signedBody(r *http.Request, max int64) ([]byte, *apiError) {
	b, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err != nil {
		return nil, problem(http.StatusBadRequest, proto.CodeBadRequest, "the body could not be read")
	}
	if int64(len(b)) > max {
		return nil, problem(http.StatusRequestEntityTooLarge, proto.CodeTooLarge, "the body is larger than any card or roster")
	}
	sum := sha256.Sum256(b)
	if r.Header.Get(proto.HeaderBodySHA) != hex.EncodeToString(sum[:]) {
		return nil, problem(http.StatusUnauthorized, proto.CodeBadSignature, "the body is not the one the request signed")
	}
	return b, nil
}

// handleRegister: a hub registers (or renews) its card.
func (s *Server) handleRegister(w http.ResponseWriter, r *http.Request, sg proto.Signed) *apiError {
	b, e := signedBody(r, maxCardBody)
	if e != nil {
		return e
	}
	if e := s.reg.register(sg, b); e != nil {
		return e
	}
	writeJSON(w, http.StatusOK, map[string]string{"hub": sg.Site})
	return nil
}

// handleRoster: a registered hub replaces the roster of its cells.
func (s *Server) handleRoster(w http.ResponseWriter, r *http.Request, sg proto.Signed) *apiError {
	hub := r.PathValue("hub")
	if hub != sg.Site || !s.reg.isHub(sg) {
		return problem(http.StatusForbidden, proto.CodeForbidden, "only a registered hub sets its own roster")
	}
	b, e := signedBody(r, maxRosterBody)
	if e != nil {
		return e
	}
	if e := s.reg.setRoster(hub, b); e != nil {
		return e
	}
	writeJSON(w, http.StatusOK, map[string]string{"hub": hub})
	return nil
}
