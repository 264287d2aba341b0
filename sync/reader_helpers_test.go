package sync

import (
	"bytes"
	"fmt"
	"io"

	"filippo.io/age"

	"chibo/store"
)

// Tests take bundles apart in memory; these helpers do it through the
// one reader Import uses (stream.go), never a second one.

// parseHeader splits a file held in memory into header and ciphertext.
func parseHeader(b []byte) (header, []byte, error) {
	h, ct, err := parseHeaderAt(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return h, nil, err
	}
	return h, b[int64(len(b))-ct.Size():], nil
}

// decrypt opens the age layer of a ciphertext held in memory.
func decrypt(ct []byte, id age.Identity) ([]byte, error) {
	r, err := decryptStream(bytes.NewReader(ct), id)
	if err != nil {
		return nil, err
	}
	pt, err := io.ReadAll(io.LimitReader(r, maxPayload+1))
	if err != nil {
		return nil, fmt.Errorf("decrypt: %v: %w", err, ErrDamaged)
	}
	return pt, nil
}

// parsePayload splits a plaintext held in memory into manifest, signature
// and body.
func parsePayload(pt []byte) (payload, error) {
	r := bytes.NewReader(pt)
	p, err := readHead(r)
	if err != nil {
		return p, err
	}
	p.changes = pt[len(pt)-r.Len():]
	return p, nil
}

// checkChanges checks a body held in memory against its manifest and
// collects the changes the streaming decoder yields.
func checkChanges(p payload) ([]store.Change, error) {
	if err := checkBody(p); err != nil {
		return nil, err
	}
	var cs []store.Change
	err := eachChecked(p.manifest, bytes.NewReader(p.changes), func(c store.Change) error {
		cs = append(cs, c)
		return nil
	})
	return cs, err
}

// decodeChanges collects what the streaming decoder makes of a gzipped
// body, with no manifest to check it against.
func decodeChanges(b []byte) ([]store.Change, error) {
	var cs []store.Change
	err := eachChange(bytes.NewReader(b), int64(len(b)), func(c store.Change) error {
		cs = append(cs, c)
		return nil
	})
	return cs, err
}
