package mailbox

import (
	"net/http"
	"os"
	"path/filepath"
	"sort"

	"chibo/mailbox/proto"
)

// What waits for a site (GET /v1/inbox), one file of it (GET, with
// Range for a resumed download), and its acknowledgement (DELETE), after
// which the file is deleted and only its metadata is kept for
// Limits.DeliveredKeep. Nothing is deleted before its addressee says so.

func (s *Server) handleInbox(w http.ResponseWriter, r *http.Request, sg proto.Signed) *apiError {
	items := []proto.Item{}
	if e := s.reg.mayFetch(sg); e == errUnknownSite {
		writeJSON(w, http.StatusOK, items)
		return nil
	} else if e != nil {
		return e
	}
	for _, m := range s.disk.metas("items", sg.Site, "") {
		items = append(items, m.item(proto.StateComplete))
	}
	sortItems(items)
	writeJSON(w, http.StatusOK, items)
	return nil
}

func sortItems(items []proto.Item) {
	sort.Slice(items, func(i, j int) bool {
		if !items[i].At.Equal(items[j].At) {
			return items[i].At.Before(items[j].At)
		}
		return items[i].From+items[i].Name < items[j].From+items[j].Name
	})
}

func (s *Server) itemPath(r *http.Request, sg proto.Signed) (string, *apiError) {
	from, name := r.PathValue("from"), r.PathValue("name")
	if !proto.ValidSite(from) || !proto.ValidName(name) {
		return "", problem(http.StatusBadRequest, proto.CodeBadRequest, "bad item path")
	}
	if e := s.reg.mayFetch(sg); e != nil {
		return "", e
	}
	return s.disk.path("items", sg.Site, from, name), nil
}

// handleTake sends one waiting file; Range resumes a download.
func (s *Server) handleTake(w http.ResponseWriter, r *http.Request, sg proto.Signed) *apiError {
	dir, e := s.itemPath(r, sg)
	if e != nil {
		return e
	}
	m, err := readMeta(dir)
	if err != nil {
		return problem(http.StatusNotFound, proto.CodeNotFound, "nothing of this name waits for this site")
	}
	f, err := os.Open(filepath.Join(dir, "data"))
	if err != nil {
		return problem(http.StatusNotFound, proto.CodeNotFound, "nothing of this name waits for this site")
	}
	defer f.Close()
	w.Header().Set("ETag", `"`+m.SHA256+`"`)
	w.Header().Set(proto.HeaderSHA, m.SHA256)
	w.Header().Set("Content-Type", "application/octet-stream")
	http.ServeContent(w, r, "", m.At, f)
	return nil
}

// handleDelivered: the addressee acknowledges a file it took and
// imported (?sha256= names the very bytes); the mailbox deletes it.
func (s *Server) handleDelivered(w http.ResponseWriter, r *http.Request, sg proto.Signed) *apiError {
	dir, e := s.itemPath(r, sg)
	if e != nil {
		return e
	}
	from, name := r.PathValue("from"), r.PathValue("name")
	defer s.locks.lock(sg.Site + "/" + from + "/" + name)()
	if _, ok := s.disk.tombstone(sg.Site, from, name); ok {
		writeJSON(w, http.StatusOK, map[string]string{"state": proto.StateDelivered})
		return nil
	}
	m, err := readMeta(dir)
	if err != nil {
		return problem(http.StatusNotFound, proto.CodeNotFound, "nothing of this name waits for this site")
	}
	if r.URL.Query().Get("sha256") != m.SHA256 {
		return problem(http.StatusConflict, proto.CodeConflict, "the file waiting has another SHA-256 than the one acknowledged")
	}
	m.Delivered = s.cfg.Now().UTC()
	tomb := s.disk.path("delivered", sg.Site, from, name)
	if err := os.MkdirAll(filepath.Dir(tomb), 0o700); err != nil {
		return storeProblem(err)
	}
	if err := writeJSONFile(tomb, m); err != nil {
		return storeProblem(err)
	}
	s.disk.removeDeposit(dir)
	writeJSON(w, http.StatusOK, map[string]string{"state": proto.StateDelivered})
	return nil
}

// handleOutbox lists what the signer deposited: waiting, partial, or
// delivered lately. A site sees only its own deposits.
func (s *Server) handleOutbox(w http.ResponseWriter, r *http.Request, sg proto.Signed) *apiError {
	items := []proto.Item{}
	for _, m := range s.disk.metas("items", "", sg.Site) {
		items = append(items, m.item(proto.StateComplete))
	}
	for _, m := range s.disk.metas("uploads", "", sg.Site) {
		it := m.item(proto.StatePartial)
		it.Offset = fileSize(s.disk.path("uploads", m.To, m.From, m.Name, "data"))
		items = append(items, it)
	}
	for _, m := range s.disk.tombstones("", sg.Site) {
		items = append(items, m.item(proto.StateDelivered))
	}
	sortItems(items)
	writeJSON(w, http.StatusOK, items)
	return nil
}
