// Package proto is the mailbox's wire protocol, shared by the server
// (package mailbox) and its client: header names, the signed request,
// the items a mailbox lists and the error codes it answers with. See
// mailbox/doc.go for the protocol as a whole.
package proto

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Request and response headers.
const (
	HeaderSite       = "Chibo-Site"        // the signer's site id
	HeaderKey        = "Chibo-Key"         // its Ed25519 public key, base64
	HeaderTime       = "Chibo-Time"        // Unix seconds when signed (corrected by the server's clock)
	HeaderNonce      = "Chibo-Nonce"       // 16 random bytes, hex; a mailbox takes each once
	HeaderSignature  = "Chibo-Signature"   // Ed25519 over Canonical, base64
	HeaderBodySHA    = "Chibo-Body-SHA256" // hex SHA-256 of a small signed body (card, roster); "" otherwise
	HeaderServerTime = "Chibo-Server-Time" // every answer: the mailbox's clock, Unix seconds
	HeaderOffset     = "Upload-Offset"     // bytes of a deposit the mailbox holds / where this part starts
	HeaderLength     = "Upload-Length"     // the whole file's size
	HeaderSHA        = "Upload-SHA256"     // the whole file's hex SHA-256
	HeaderState      = "Chibo-State"       // a deposit's state, see State*
)

// Window is how far a request's time may be from the mailbox's clock.
// A laptop whose clock is further off learns the mailbox's time from the
// refusal and signs again once with the difference (the client does it).
const Window = 5 * time.Minute

// Deposit states.
const (
	StatePartial   = "partial"   // some bytes are there; resume at Upload-Offset
	StateComplete  = "complete"  // whole and checked, waiting for its addressee
	StateDelivered = "delivered" // its addressee took it and acknowledged it
)

// Item is a file waiting in a mailbox, or one a sender deposited.
type Item struct {
	From   string    `json:"from"`
	To     string    `json:"to"`
	Name   string    `json:"name"` // <bundle id>.chibo, roster-<id>.chibo for a hub's roster
	Size   int64     `json:"size"`
	SHA256 string    `json:"sha256"`
	At     time.Time `json:"at"`
	State  string    `json:"state"`
	// Unenrolled: deposited by a site the addressee's roster does not list
	// yet; its first bundle waits for a person to check its fingerprint.
	Unenrolled bool  `json:"unenrolled,omitempty"`
	Offset     int64 `json:"offset,omitempty"` // a partial deposit's bytes
}

// Problem is the body of every refusal.
type Problem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error codes; each has one English message the mailbox sends and the
// client's error kinds (client/errors.go) match on.
const (
	CodeClock         = "clock"          // request time outside Window
	CodeReplay        = "replay"         // nonce seen before
	CodeBadSignature  = "bad-signature"  // signature or headers malformed or wrong
	CodeWrongKey      = "wrong-key"      // site id known here with another key
	CodeRevoked       = "revoked"        // key on the hub's revocation list
	CodeForbidden     = "forbidden"      // not allowed to do this (another cell's box, another hub)
	CodeNotRegistered = "not-registered" // addressee unknown at this mailbox
	CodeRateLimited   = "rate-limited"   // too many requests; Retry-After says when
	CodeQuota         = "quota"          // too much waiting from this sender or for this hub
	CodeDiskFull      = "disk-full"      // the mailbox's disk is full
	CodeTooLarge      = "too-large"      // larger than any bundle may be
	CodeNotBundle     = "not-a-bundle"   // the bytes are not a chibo bundle
	CodeConflict      = "conflict"       // same name, other content; or hub registered with another key
	CodeOffset        = "offset"         // resume offset differs; Upload-Offset has the right one
	CodeHash          = "hash"           // the whole file's SHA-256 differs from the one declared
	CodeNotFound      = "not-found"
	CodeBadRequest    = "bad-request"
)

var (
	siteRE = regexp.MustCompile(`^[A-Za-z0-9-]{1,64}$`)
	nameRE = regexp.MustCompile(`^(roster-)?[A-Za-z0-9-]{1,64}\.chibo$`)
	shaRE  = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// ValidSite reports whether s can be a site id in a path.
func ValidSite(s string) bool { return siteRE.MatchString(s) }

// ValidName reports whether s can be a deposited file's name.
func ValidName(s string) bool { return nameRE.MatchString(s) }

// ValidSHA reports whether s is a lowercase hex SHA-256.
func ValidSHA(s string) bool { return shaRE.MatchString(s) }

// signDomain keeps a request signature from being valid for anything
// else a site signs with the same key.
const signDomain = "chibo mailbox request v1\n"

// Canonical is what a request's signature covers: method, path with
// query, the signer, the time and nonce, and every header that says what
// the request does to a file.
func Canonical(r *http.Request) []byte {
	h := r.Header
	var b strings.Builder
	b.WriteString(signDomain)
	for _, v := range []string{r.Method, r.URL.EscapedPath(), r.URL.RawQuery,
		h.Get(HeaderSite), h.Get(HeaderKey), h.Get(HeaderTime), h.Get(HeaderNonce), h.Get(HeaderBodySHA),
		h.Get(HeaderOffset), h.Get(HeaderLength), h.Get(HeaderSHA)} {
		b.WriteString(v)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// Sign sets the signing headers on r at time t.
func Sign(r *http.Request, site string, priv ed25519.PrivateKey, t time.Time) error {
	var nonce [16]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return fmt.Errorf("mailbox: nonce: %w", err)
	}
	h := r.Header
	h.Set(HeaderSite, site)
	h.Set(HeaderKey, base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey)))
	h.Set(HeaderTime, strconv.FormatInt(t.Unix(), 10))
	h.Set(HeaderNonce, hex.EncodeToString(nonce[:]))
	h.Set(HeaderSignature, base64.StdEncoding.EncodeToString(ed25519.Sign(priv, Canonical(r))))
	return nil
}

// Signed is a request whose signature checked out; who the signer is to
// this mailbox is for the server to say.
type Signed struct {
	Site  string
	Key   ed25519.PublicKey
	Time  time.Time
	Nonce string
}

// ErrMalformed means the signing headers are missing or malformed, or
// the signature does not verify.
var ErrMalformed = errors.New("request signature missing or not valid")

// Verify checks r's signature with the key it names. The time window and
// the nonce are the server's to check, since only it knows its clock and
// what it has seen.
func Verify(r *http.Request) (Signed, error) {
	h := r.Header
	site, nonce := h.Get(HeaderSite), h.Get(HeaderNonce)
	key, err1 := base64.StdEncoding.DecodeString(h.Get(HeaderKey))
	sig, err2 := base64.StdEncoding.DecodeString(h.Get(HeaderSignature))
	t, err3 := strconv.ParseInt(h.Get(HeaderTime), 10, 64)
	n, err4 := hex.DecodeString(nonce)
	switch {
	case !ValidSite(site), err1 != nil, len(key) != ed25519.PublicKeySize, err2 != nil, err3 != nil, err4 != nil, len(n) != 16:
		return Signed{}, ErrMalformed
	case !ed25519.Verify(ed25519.PublicKey(key), Canonical(r), sig):
		return Signed{}, ErrMalformed
	}
	return Signed{Site: site, Key: ed25519.PublicKey(key), Time: time.Unix(t, 0), Nonce: nonce}, nil
}
