package mailbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"chibo/mailbox/proto"
	chibosync "chibo/sync"
)

// Deposits (doc.go, "# Deposits"): PUT /v1/deposits/{to}/{name} with the
// whole file's Upload-Length and Upload-SHA256 and the Upload-Offset its
// body starts at. Whatever bytes arrive are kept, even when the
// connection drops in the middle; HEAD says how many. The first bytes
// must be a bundle's clear header, and the whole file must be the bundle
// that header describes, with the declared hash, before it is shown to
// its addressee.

type upload struct {
	to, from, name, sha string
	size, offset        int64
}

func parseUpload(r *http.Request, sg proto.Signed, max int64) (upload, *apiError) {
	u := upload{to: r.PathValue("to"), from: sg.Site, name: r.PathValue("name"), sha: r.Header.Get(proto.HeaderSHA)}
	var err1, err2 error
	u.size, err1 = strconv.ParseInt(r.Header.Get(proto.HeaderLength), 10, 64)
	u.offset, err2 = strconv.ParseInt(r.Header.Get(proto.HeaderOffset), 10, 64)
	switch {
	case !proto.ValidSite(u.to) || !proto.ValidName(u.name) || !proto.ValidSHA(u.sha) || err1 != nil || err2 != nil:
		return u, problem(http.StatusBadRequest, proto.CodeBadRequest, "a deposit needs a site id, a <bundle id>.chibo name, Upload-Length, Upload-SHA256 and Upload-Offset")
	case u.size <= 0 || u.size > max:
		return u, problem(http.StatusRequestEntityTooLarge, proto.CodeTooLarge, "the file is larger than any bundle may be")
	case u.offset < 0 || u.offset > u.size:
		return u, problem(http.StatusBadRequest, proto.CodeBadRequest, "Upload-Offset is outside the file")
	}
	return u, nil
}

func (s *Server) handleDeposit(w http.ResponseWriter, r *http.Request, sg proto.Signed) *apiError {
	u, e := parseUpload(r, sg, s.cfg.Limits.MaxFile)
	if e != nil {
		return e
	}
	unenrolled, e := s.reg.mayDeposit(sg, u.to)
	if e != nil {
		return e
	}
	defer s.locks.lock(u.to + "/" + u.from + "/" + u.name)()
	if done, e := s.finished(w, u); done || e != nil {
		return e
	}
	dir := s.disk.path("uploads", u.to, u.from, u.name)
	m, err := readMeta(dir)
	if err == nil && (m.Size != u.size || m.SHA256 != u.sha) {
		s.disk.removeDeposit(dir) // the sender starts this name over with other bytes
		err = fs.ErrNotExist
	}
	if errors.Is(err, fs.ErrNotExist) {
		if e := s.room(u, unenrolled); e != nil {
			return e
		}
		m = meta{From: u.from, To: u.to, Name: u.name, Size: u.size, SHA256: u.sha, At: s.cfg.Now().UTC(), Unenrolled: unenrolled}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return storeProblem(err)
		}
		if err := writeMeta(dir, m); err != nil {
			s.disk.removeDeposit(dir)
			return storeProblem(err)
		}
	} else if err != nil {
		return storeProblem(err)
	}
	have := fileSize(filepath.Join(dir, "data"))
	if u.offset != have {
		w.Header().Set(proto.HeaderOffset, strconv.FormatInt(have, 10))
		return problem(http.StatusConflict, proto.CodeOffset, "the mailbox holds another number of bytes of this file; resume at Upload-Offset")
	}
	have, e = s.receive(dir, u, have, idleLimited(w, r.Body))
	if e != nil {
		return e
	}
	w.Header().Set(proto.HeaderOffset, strconv.FormatInt(have, 10))
	if have < u.size {
		w.Header().Set(proto.HeaderState, proto.StatePartial)
		writeJSON(w, http.StatusOK, m.item(proto.StatePartial))
		return nil
	}
	if e := s.commit(dir, u); e != nil {
		return e
	}
	w.Header().Set(proto.HeaderState, proto.StateComplete)
	writeJSON(w, http.StatusCreated, m.item(proto.StateComplete))
	return nil
}

// finished answers a deposit already complete or delivered: the same
// bytes sent again are a no-op, other bytes under the same name a
// conflict.
func (s *Server) finished(w http.ResponseWriter, u upload) (bool, *apiError) {
	state := ""
	m, ok := s.disk.tombstone(u.to, u.from, u.name)
	if ok {
		state = proto.StateDelivered
	} else if m2, err := readMeta(s.disk.path("items", u.to, u.from, u.name)); err == nil {
		m, ok, state = m2, true, proto.StateComplete
	}
	if !ok {
		return false, nil
	}
	if m.SHA256 != u.sha || m.Size != u.size {
		return true, problem(http.StatusConflict, proto.CodeConflict, "a file of this name with other content was already deposited")
	}
	w.Header().Set(proto.HeaderOffset, strconv.FormatInt(m.Size, 10))
	w.Header().Set(proto.HeaderState, state)
	writeJSON(w, http.StatusOK, m.item(state))
	return true, nil
}

// room checks the sender's and the store's bounds before a new deposit.
func (s *Server) room(u upload, unenrolled bool) *apiError {
	l := s.cfg.Limits
	files, bytes := 0, int64(0)
	for _, kind := range []string{"items", "uploads"} {
		for _, m := range s.disk.metas(kind, u.to, u.from) {
			files, bytes = files+1, bytes+m.Size
		}
	}
	maxFiles, maxBytes := l.WaitingFiles, l.WaitingBytes
	if unenrolled {
		maxFiles, maxBytes = l.UnenrolledFiles, l.UnenrolledBytes
		if s.unenrolledFor(u.to) >= l.UnenrolledPerHub {
			return problem(http.StatusInsufficientStorage, proto.CodeQuota, "too many files from cells not yet enrolled are waiting for this hub")
		}
	}
	if files+1 > maxFiles || bytes+u.size > maxBytes {
		msg := "too much from this site is already waiting for its addressee; send again once it has fetched"
		if unenrolled {
			msg = "a cell not yet enrolled may leave only a little for its hub; wait until the hub has checked its fingerprint"
		}
		return problem(http.StatusInsufficientStorage, proto.CodeQuota, msg)
	}
	if s.disk.quota > 0 && s.disk.used.Load()+u.size > s.disk.quota {
		return storeProblem(errDiskFull)
	}
	return nil
}

func (s *Server) unenrolledFor(to string) int {
	n := 0
	for _, m := range s.disk.metas("items", to, "") {
		if m.Unenrolled {
			n++
		}
	}
	return n
}

// receive appends the body to the deposit's data from have on, keeping
// whatever arrives, and checks the bundle header as soon as it is there.
func (s *Server) receive(dir string, u upload, have int64, body io.Reader) (int64, *apiError) {
	want := u.size - have
	if err := s.disk.reserve(want); err != nil {
		return have, storeProblem(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "data"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		s.disk.release(want)
		return have, storeProblem(err)
	}
	n, rerr := s.copyChecked(f, dir, u, have, io.LimitReader(body, want))
	serr := f.Sync()
	cerr := f.Close()
	s.disk.release(want - n)
	have += n
	switch {
	case rerr != nil && errors.Is(rerr, errNotBundle):
		s.disk.removeDeposit(dir)
		return have, problem(http.StatusUnprocessableEntity, proto.CodeNotBundle, "the file is not a chibo bundle; it was not kept")
	case rerr != nil && full(rerr), serr != nil && full(serr):
		s.truncate(dir, have)
		return have, storeProblem(errDiskFull)
	case rerr != nil:
		// The connection dropped: keep what arrived, the client resumes.
		return have, problem(http.StatusBadRequest, proto.CodeBadRequest, "the upload stopped early; resume at Upload-Offset")
	case serr != nil || cerr != nil:
		return have, storeProblem(errors.Join(serr, cerr))
	}
	var extra [1]byte
	if k, _ := body.Read(extra[:]); k > 0 {
		return have, problem(http.StatusRequestEntityTooLarge, proto.CodeTooLarge, "the body is longer than Upload-Length")
	}
	return have, nil
}

// truncate cuts data back to n bytes after a failed write.
func (s *Server) truncate(dir string, n int64) {
	_ = os.Truncate(filepath.Join(dir, "data"), n)
}

var errNotBundle = errors.New("not a bundle")

// copyChecked copies src to f; the first bytes of the file, up to its
// header's end, are read and checked before any more is written.
func (s *Server) copyChecked(f *os.File, dir string, u upload, have int64, src io.Reader) (int64, error) {
	var n int64
	need := min(int64(chibosync.HeaderMaxSize), u.size)
	if have < need {
		buf := make([]byte, need-have)
		k, rerr := io.ReadFull(src, buf)
		prefix, err := os.ReadFile(filepath.Join(dir, "data"))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
		head := append(prefix[:min(int64(len(prefix)), have)], buf[:k]...)
		if int64(len(head)) == need {
			if h, err := chibosync.ReadBundleHeader(head); err != nil || h.FileSize != u.size {
				return 0, errNotBundle
			}
		} else if !plausibleStart(head) {
			return 0, errNotBundle
		}
		w, werr := f.Write(buf[:k])
		n += int64(w)
		if werr != nil {
			return n, werr
		}
		if rerr != nil {
			return n, rerr
		}
	}
	m, err := io.Copy(f, src)
	return n + m, err
}

// plausibleStart: a header cut short must still start like one, so a
// garbage upload is refused even when it stops after a few bytes.
func plausibleStart(b []byte) bool {
	const magic = "CHIBO-BUNDLE\n"
	k := min(len(b), len(magic))
	return bytes.Equal(b[:k], []byte(magic[:k]))
}

// commit checks a whole deposit and shows it to its addressee.
func (s *Server) commit(dir string, u upload) *apiError {
	data := filepath.Join(dir, "data")
	f, err := os.Open(data)
	if err != nil {
		return storeProblem(err)
	}
	h := sha256.New()
	_, err = io.Copy(h, f)
	if err == nil && hex.EncodeToString(h.Sum(nil)) != u.sha {
		f.Close()
		s.disk.removeDeposit(dir)
		return problem(http.StatusUnprocessableEntity, proto.CodeHash, "the file's SHA-256 is not the one declared; it was not kept, send it again")
	}
	if err == nil {
		err = chibosync.CheckBundleFile(f, u.size)
		if err != nil {
			f.Close()
			s.disk.removeDeposit(dir)
			return problem(http.StatusUnprocessableEntity, proto.CodeNotBundle, "the file is not a whole chibo bundle; it was not kept")
		}
	}
	f.Close()
	if err != nil {
		return storeProblem(err)
	}
	dst := s.disk.path("items", u.to, u.from, u.name)
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return storeProblem(err)
	}
	if err := os.Rename(dir, dst); err != nil {
		return storeProblem(err)
	}
	_ = syncDir(filepath.Dir(dst))
	_ = syncDir(filepath.Dir(dir))
	return nil
}

// stallLimit drops an upload that sends nothing for this long: a dead
// mobile link, or a client holding a connection open for nothing. What
// arrived is kept; the client resumes.
const stallLimit = 2 * time.Minute

// idleLimited moves the connection's read deadline forward on each read,
// so a slow upload may take hours but a stalled one is dropped.
func idleLimited(w http.ResponseWriter, body io.Reader) io.Reader {
	rc := http.NewResponseController(w)
	return readerFunc(func(p []byte) (int, error) {
		_ = rc.SetReadDeadline(time.Now().Add(stallLimit))
		return body.Read(p)
	})
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// handleDepositState: HEAD says how much of a deposit the mailbox holds.
func (s *Server) handleDepositState(w http.ResponseWriter, r *http.Request, sg proto.Signed) *apiError {
	to, name := r.PathValue("to"), r.PathValue("name")
	if !proto.ValidSite(to) || !proto.ValidName(name) {
		return problem(http.StatusBadRequest, proto.CodeBadRequest, "bad deposit path")
	}
	defer s.locks.lock(to + "/" + sg.Site + "/" + name)()
	if m, ok := s.disk.tombstone(to, sg.Site, name); ok {
		return headState(w, m.Size, proto.StateDelivered)
	}
	if m, err := readMeta(s.disk.path("items", to, sg.Site, name)); err == nil {
		return headState(w, m.Size, proto.StateComplete)
	}
	dir := s.disk.path("uploads", to, sg.Site, name)
	if _, err := readMeta(dir); err == nil {
		return headState(w, fileSize(filepath.Join(dir, "data")), proto.StatePartial)
	}
	return problem(http.StatusNotFound, proto.CodeNotFound, "no such deposit")
}

func headState(w http.ResponseWriter, offset int64, state string) *apiError {
	w.Header().Set(proto.HeaderOffset, strconv.FormatInt(offset, 10))
	w.Header().Set(proto.HeaderState, state)
	w.WriteHeader(http.StatusOK)
	return nil
}
