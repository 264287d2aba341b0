package sync

import (
	"encoding/base64"
	"encoding/json"
	"testing"

	"filippo.io/age"
)

// FuzzRoster feeds arbitrary roster bodies and card onward lists to their
// parsers: errors only, no panic, and an accepted roster names each cell
// once with keys whose fingerprint checks out.
func FuzzRoster(f *testing.F) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		f.Fatal(err)
	}
	pub := make([]byte, 32)
	rcpt := id.Recipient().String()
	cell := peerCard{SiteID: "lao-chai", Name: "Chi bộ thôn Lao Chải", SignPub: base64.StdEncoding.EncodeToString(pub),
		AgeRecipient: rcpt, Fingerprint: Fingerprint(pub, rcpt)}
	good, _ := json.Marshal(rosterBody{AsOf: "2026-01-02T03:04:05Z", Cells: []peerCard{cell},
		Revoked: []rosterKill{{SiteID: "lao-chai", SignPub: cell.SignPub, RevokedAt: "x"}}})
	f.Add(good, 1)
	f.Add([]byte(`{"as_of":"x","cells":[{"site_id":"a"},{"site_id":"a"}]}`), 2)
	f.Add([]byte(`{"as_of":"x","cells":[],"revoked":[{"sign_pub":"!!"}]}`), 0)
	f.Add([]byte(`[]`), -1)
	f.Fuzz(func(t *testing.T, raw []byte, count int) {
		m := manifest{BundleID: "r", RecordCount: count, Sender: sender{SiteID: "xa", Name: "Đảng ủy xã"}}
		in, err := parseRoster(raw, m, "tinh")
		if err == nil {
			seen := map[string]bool{}
			for _, c := range in.Cells {
				if seen[c.SiteID] || c.SiteID == "tinh" || c.SiteID == "xa" || Fingerprint(c.SignPub, c.AgeRecipient) != c.Fingerprint {
					t.Fatalf("roster accepted a bad cell %+v", c)
				}
				seen[c.SiteID] = true
			}
		}
		var cards []peerCard
		if json.Unmarshal(raw, &cards) == nil {
			_, _ = checkOnward(pub, cards, "")
		}
	})
}
