package sync

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"chibo/store"
)

// Who sent a bundle, as this site knows it: the sender the manifest
// names, checked against the keys pinned for it, and named as enrolled.

func resultFrom(path string, m manifest) Result {
	s := m.Sender
	return Result{File: path, BundleID: m.BundleID, Changes: m.RecordCount, Kind: m.Kind, Sender: store.Peer{
		SiteID: s.SiteID, Role: store.Role(s.Role), Name: s.Name, SignPub: s.SignPub,
		AgeRecipient: s.AgeRecipient, Fingerprint: s.Fingerprint}}
}

// nameAsEnrolled names an enrolled sender as this site enrolled it, and
// lists, for a new sender, the enrolled peers that already carry its name.
func nameAsEnrolled(ctx context.Context, st *store.Store, ex *examined) error {
	s := &ex.res.Sender
	if ex.pinned != nil {
		if ex.pinned.Name != s.Name {
			ex.res.Claimed = s.Name
		}
		s.Name = ex.pinned.Name
		return nil
	}
	taken, err := st.PeersNamed(ctx, s.Name)
	if err != nil {
		return err
	}
	ex.res.NameTaken = taken
	return nil
}

// pinnedSender returns the enrolled peer for the sender (nil if unknown)
// and refuses keys that differ from the enrolled ones.
func pinnedSender(ctx context.Context, st *store.Store, site store.Site, s sender) (*store.Peer, error) {
	if s.SiteID == site.ID {
		return nil, fmt.Errorf("bundle claims to come from this site itself: %w", ErrWrongKey)
	}
	p, err := st.Peer(ctx, s.SiteID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(p.SignPub, s.SignPub) || p.AgeRecipient != s.AgeRecipient {
		return nil, fmt.Errorf("enrolled %s, bundle has %s: %w", p.Fingerprint, s.Fingerprint, ErrWrongKey)
	}
	return &p, nil
}
