package mailbox_test

import (
	"context"
	"crypto/ed25519"
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"chibo/mailbox/client"
	"chibo/mailbox/proto"
)

// waitFor polls cond for up to 30 seconds.
func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// signingKey reads a site's signing key, as its laptop holds it.
func signingKey(t testing.TB, dir string) ed25519.PrivateKey {
	t.Helper()
	st := open(t, dir)
	defer st.Close()
	k, err := st.Keys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ed25519.PrivateKey(k.SignPriv)
}

// clientFor is the mailbox client signing as site with key.
func clientFor(t testing.TB, mb *proc, site string, key ed25519.PrivateKey) *client.Client {
	t.Helper()
	c, err := client.New(mb.URL, mb.Pin, site, key)
	if err != nil {
		t.Fatal(err)
	}
	c.Patience = 3 * time.Second
	return c
}

// captured is a signed request kept to be sent again byte for byte.
type captured struct{ r *http.Request }

func (c captured) clone() *http.Request { return c.r.Clone(context.Background()) }

// signedGet signs GET /v1/outbox as site, skew seconds off the clock.
func signedGet(t testing.TB, mb *proc, site string, key ed25519.PrivateKey, skew int) captured {
	t.Helper()
	r, err := http.NewRequest(http.MethodGet, mb.URL+"/v1/outbox", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := proto.Sign(r, site, key, time.Now().Add(time.Duration(skew)*time.Second)); err != nil {
		t.Fatal(err)
	}
	return captured{r}
}

// pinnedClient is a plain HTTP client that trusts the test's mailbox.
func pinnedClient(t testing.TB, mb *proc) *http.Client {
	t.Helper()
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
}

func problemOf(resp *http.Response) proto.Problem {
	defer resp.Body.Close()
	var p proto.Problem
	b, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(b, &p)
	return p
}

func readLog(mb *proc) string {
	b, _ := os.ReadFile(filepath.Join(mb.dir, "mailbox.log"))
	return string(b)
}
