package sync

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"chibo/store"
)

// Error kinds for errors.Is; the CLI and UI turn them into messages.
var (
	ErrTruncated = errors.New("bundle file is cut short (copy it again)")
	ErrDamaged   = errors.New("bundle file is damaged (copy it again)")
	// ErrInvalidBundle refuses, on purpose, a bundle whose signed content
	// breaks the format's rules: its sender (or a forger) made it so, the
	// copy is faithful, and copying it again will not help.
	// ErrCopiedLaptop refuses a bundle whose changes reuse numbers the
	// same cell already used for other changes: it comes from a copy of
	// the cell's laptop or data folder (or a backup restored beside the
	// original) that went on writing. The hub keeps it in quarantine.
	ErrCopiedLaptop   = errors.New("bundle comes from a copied laptop or data folder of this cell: it numbers other changes the same as ones already received (kept in quarantine; ask the cell which laptop is the real one)")
	ErrInvalidBundle  = errors.New("bundle breaks the format's rules as its sender made it (refused; copying it again will not help)")
	ErrNotForUs       = errors.New("bundle is encrypted for another hub")
	ErrBadSignature   = errors.New("bundle signature is not valid")
	ErrWrongKey       = errors.New("bundle is signed by a key other than the one enrolled for this cell")
	ErrUnknownSender  = errors.New("bundle comes from a cell that is not enrolled")
	ErrNewerFormat    = errors.New("bundle was made by a newer version of the app (update this app)")
	ErrNotBundle      = errors.New("file is not a bundle")
	ErrWrongRecipient = errors.New("bundle is addressed to another site")
	ErrRevoked        = errors.New("bundle is signed by a revoked key")
	ErrNotRelayed     = errors.New("relayed bundle comes from a cell that no verified roster lists")
	ErrNoOnward       = errors.New("no higher hub is pinned to relay to")
	// ErrTooLarge refuses, on purpose, a bundle that holds more than any
	// real one does (a change, a body or a manifest past its limit): it
	// is not damage, and copying the file again will not help.
	ErrTooLarge = errors.New("bundle holds more than a real one can (refused; copying it again will not help)")
)

// Format version this build writes. A reader accepts any minor of its
// major; a new major means the layout changed.
const (
	formatMajor = 1
	formatMinor = 5 // 1.1: per-origin ranges (epochs) and ack bundles; 1.2: changes carry "saw"; 1.3: hub decisions (decisions.go); 1.4: several recipients, rosters (relay.go); 1.5: mailboxes in acks (mailbox.go)
)

const (
	headerMagic   = "CHIBO-BUNDLE\n"
	payloadMagic  = "CHIBO-PAYLOAD\n"
	headerMaxSize = 1024
	// Limits keep a hostile or broken file from exhausting memory; a cell
	// with 200 members and 20 years of history stays far below them.
	maxCiphertext  = 256 << 20
	maxPayload     = 256 << 20
	maxChangesJSON = 512 << 20
	// maxManifest: a manifest names a sender, its recipients and one
	// range per epoch, well under a kilobyte; a copied cell a hundred
	// times over still fits.
	maxManifest = 256 << 10
	// maxSmallBody bounds an acknowledgement or a roster, read whole:
	// a district's 600 cells or years of decisions for one cell fit.
	maxSmallBody = 32 << 20
	// maxRecords bounds the changes of one bundle, so decoding stays
	// within an old laptop's memory; 20 years of a large cell fit.
	maxRecords   = 500_000
	bundleExt    = ".chibo"
	kindChanges  = "changes"
	kindAck      = "ack"
	kindRoster   = "roster"
	encodingGzip = "json+gzip"
)

// BundleExt is the file extension of every bundle, for file pickers.
const BundleExt = bundleExt

type formatVersion struct {
	Major int `json:"major"`
	Minor int `json:"minor"`
}

// sender is who wrote a bundle, as the manifest carries it.
type sender struct {
	SiteID       string `json:"site_id"`
	Role         string `json:"role"`
	Name         string `json:"name"`
	SignPub      []byte `json:"sign_pub"` // base64 in JSON
	AgeRecipient string `json:"age_recipient"`
	Fingerprint  string `json:"fingerprint"`
}

// manifest describes a bundle; its exact bytes are what the sender signs.
type manifest struct {
	Format    formatVersion `json:"format"`
	Schema    int           `json:"schema"`
	App       string        `json:"app"`
	BundleID  string        `json:"bundle_id"`
	Kind      string        `json:"kind"`
	Sender    sender        `json:"sender"`
	Recipient string        `json:"recipient"` // site id: the hub this bundle goes to first
	// Recipients (1.4) lists every site the bundle is encrypted to besides
	// the sender, Recipient first: a commune relays it on to the others.
	Recipients []string `json:"recipients,omitempty"`
	SeqFrom    int64    `json:"seq_from"`
	SeqTo      int64    `json:"seq_to"`
	// Ranges lists each origin's sequence range (1.1); a cell that was
	// copied or restored sends more than one origin (epoch).
	Ranges          []store.SeqRange `json:"ranges,omitempty"`
	PrevManifestSHA string           `json:"prev_manifest_sha"`
	// Acked (1.3, a cell's changes) is, per hub origin, the highest hub
	// change the cell has applied; the hub stops sending those.
	Acked           map[string]int64 `json:"acked,omitempty"`
	RecordCount     int              `json:"record_count"`
	ChangesEncoding string           `json:"changes_encoding"`
	ChangesLen      int64            `json:"changes_len"`
	ChangesSHA256   string           `json:"changes_sha256"`
	CreatedAt       string           `json:"created_at"`
}

// header is the clear-text part in front of the ciphertext.
type header struct {
	major, minor int
	length       int64
	sha          string
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// encodeHeader writes the header lines and their check line.
func encodeHeader(h header) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%sformat %d.%d\nlength %d\nsha256 %s\n", headerMagic, h.major, h.minor, h.length, h.sha)
	fmt.Fprintf(&b, "check %s\n", sha256Hex(b.Bytes())[:16])
	return b.Bytes()
}

// checkMagic tells "not ours at all" from "ours with a damaged first line":
// a first line within two bytes of the magic is taken as a damaged bundle.
func checkMagic(b []byte) error {
	if len(b) == 0 {
		return fmt.Errorf("file is empty: %w", ErrTruncated)
	}
	if len(b) < len(headerMagic) {
		if strings.HasPrefix(headerMagic, string(b)) {
			return ErrTruncated
		}
		return ErrNotBundle
	}
	diff := 0
	for i := range len(headerMagic) {
		if b[i] != headerMagic[i] {
			diff++
		}
	}
	switch {
	case diff == 0:
		return nil
	case diff <= 2:
		return fmt.Errorf("header start: %w", ErrDamaged)
	}
	return ErrNotBundle
}

// headerLines reads "key value" lines up to and including the check line,
// verifies the check and returns where the ciphertext starts.
func headerLines(b []byte) (int, map[string]string, error) {
	fields := map[string]string{}
	pos := len(headerMagic)
	for {
		nl := bytes.IndexByte(b[pos:min(len(b), headerMaxSize)], '\n')
		if nl < 0 {
			if !printable(b[pos:min(len(b), headerMaxSize)]) {
				return 0, nil, fmt.Errorf("header: %w", ErrDamaged)
			}
			if len(b) < headerMaxSize {
				return 0, nil, fmt.Errorf("header: %w", ErrTruncated)
			}
			return 0, nil, fmt.Errorf("header too long: %w", ErrDamaged)
		}
		line := b[pos : pos+nl]
		key, val, ok := strings.Cut(string(line), " ")
		if !ok || !printable(line) {
			return 0, nil, fmt.Errorf("header line: %w", ErrDamaged)
		}
		if key == "check" {
			if val != sha256Hex(b[:pos])[:16] {
				return 0, nil, fmt.Errorf("header check: %w", ErrDamaged)
			}
			return pos + nl + 1, fields, nil
		}
		fields[key] = val
		pos += nl + 1
	}
}

func printable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// parseFields reads the known header fields. The check line has already
// vouched for them, so a bad value means a broken writer, not a bad copy.
func (h *header) parseFields(f map[string]string) error {
	maj, mnr, ok := strings.Cut(f["format"], ".")
	var err1, err2 error
	h.major, err1 = strconv.Atoi(maj)
	h.minor, err2 = strconv.Atoi(mnr)
	if !ok || err1 != nil || err2 != nil {
		return fmt.Errorf("header format %q: %w", f["format"], ErrDamaged)
	}
	if h.major > formatMajor {
		return fmt.Errorf("format %d.%d: %w", h.major, h.minor, ErrNewerFormat)
	}
	n, err := strconv.ParseInt(f["length"], 10, 64)
	if err != nil || n <= 0 || n > maxCiphertext {
		return fmt.Errorf("header length %q: %w", f["length"], ErrDamaged)
	}
	h.length = n
	if _, err := hex.DecodeString(f["sha256"]); err != nil || len(f["sha256"]) != 64 {
		return fmt.Errorf("header hash: %w", ErrDamaged)
	}
	h.sha = f["sha256"]
	return nil
}

// payload is a decrypted bundle split into its parts, not yet trusted.
type payload struct {
	manifest    manifest
	manifestRaw []byte
	sig         []byte
	changes     []byte
}

// encodePayload lays out manifest, signature and changes.
func encodePayload(manifestRaw, sig, changes []byte) []byte {
	out := make([]byte, 0, len(payloadMagic)+4+len(manifestRaw)+len(sig)+len(changes))
	out = append(out, payloadMagic...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(manifestRaw)))
	out = append(out, manifestRaw...)
	out = append(out, sig...)
	return append(out, changes...)
}
