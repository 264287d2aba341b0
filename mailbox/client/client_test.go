package client

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"chibo/mailbox/proto"
)

// TestRefusalsAnsweredOnce: a clock or replay refusal is answered by
// signing the request again, once, with a fresh nonce; any other
// refusal comes back as it is. The replay case is what CI met: Go's
// Transport resent a download whose connection a cut link dropped, the
// mailbox had taken the first copy, and the fetch gave up on a file it
// could have had.
func TestRefusalsAnsweredOnce(t *testing.T) {
	cases := map[string]struct {
		first    string // the refusal's code the first request gets
		requests int    // how many the mailbox should see
		ok       bool
	}{
		"replay is signed anew": {first: proto.CodeReplay, requests: 2, ok: true},
		"clock is signed anew":  {first: proto.CodeClock, requests: 2, ok: true},
		"wrong key stays":       {first: proto.CodeWrongKey, requests: 1},
		"forbidden stays":       {first: proto.CodeForbidden, requests: 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var mu sync.Mutex
			var nonces []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				nonces = append(nonces, r.Header.Get(proto.HeaderNonce))
				n := len(nonces)
				mu.Unlock()
				w.Header().Set(proto.HeaderServerTime, strconv.FormatInt(time.Now().Unix(), 10))
				w.Header().Set("Content-Type", "application/json")
				if n == 1 {
					w.WriteHeader(http.StatusUnauthorized)
					_ = json.NewEncoder(w).Encode(proto.Problem{Code: tc.first})
					return
				}
				_ = json.NewEncoder(w).Encode([]proto.Item{})
			}))
			defer srv.Close()
			_, priv, _ := ed25519.GenerateKey(nil)
			c, err := New(srv.URL, "", "01a24be2-b6e3-7428-959d-afea98df5665", priv)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Inbox(context.Background())
			var e *Error
			switch {
			case tc.ok && err != nil:
				t.Fatalf("refused: %v", err)
			case !tc.ok && (!errors.As(err, &e) || e.Code != tc.first):
				t.Fatalf("got %v, want the %q refusal", err, tc.first)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(nonces) != tc.requests {
				t.Fatalf("the mailbox saw %d requests, want %d", len(nonces), tc.requests)
			}
			if len(nonces) == 2 && nonces[0] == nonces[1] {
				t.Fatal("the second request went with the first one's nonce")
			}
		})
	}
}
