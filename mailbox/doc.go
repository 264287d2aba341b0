// Package mailbox is chibo's mailbox on the network: a small HTTPS
// service that stores and forwards bundles (sync/doc.go) between cells
// and hubs when a connection exists. It holds no key that opens a bundle;
// it is untrusted like a USB stick, and everything it hands over is
// verified by the app as if it came from a stick. The client is
// mailbox/client; what a site sends and fetches is mailbox/carrier; the
// command line is "chibo mailbox" (or chibo-mailbox, cmd/chibo-mailbox,
// for a server without a display).
//
// # Transport
//
// HTTPS with a self-signed certificate made on first start and kept in
// the store folder (tls/), or the operator's (--tls-cert, --tls-key).
// Clients do not trust any certificate authority: they pin the SHA-256
// of the certificate's SubjectPublicKeyInfo, "sha256:<hex>", which the
// mailbox prints on its first line and the hub card carries signed by
// the hub. Plain HTTP only with --plain-http, for a LAN.
//
// # Signed requests
//
// Every request but GET /v1/time carries Chibo-Site, Chibo-Key (the
// site's Ed25519 public key), Chibo-Time (Unix seconds), Chibo-Nonce (16
// random bytes) and Chibo-Signature over proto.Canonical: method, path,
// query, those headers, the SHA-256 of a small body (a card or roster)
// and the Upload-* headers. No password exists to leak; nothing new is
// enrolled: the key is the one the site's bundles are signed with.
//
// The mailbox refuses a request whose time is more than proto.Window (5
// minutes) from its own clock, or older than its own start, and a nonce
// it has seen (nonces are kept until their time leaves the window). So a
// replay is refused within the window by its nonce, after it by its time,
// and after a restart (the nonces are in memory) by being older than the
// start. Every answer carries Chibo-Server-Time. A village laptop's clock
// is often wrong by hours or years: the client then gets 401 "clock",
// takes the difference from Chibo-Server-Time and signs the request once
// more with its clock corrected by it (a fresh nonce); it keeps the
// difference for the following requests. Over pinned TLS the mailbox's
// time is authentic; over plain HTTP a forged time can only make the
// mailbox refuse the request. The laptop's own clock is never changed.
//
// # Requests
//
//	GET    /v1/time                      the mailbox's clock, unsigned (a reachability probe)
//	POST   /v1/hubs                      a hub registers its card (sync's hub card, as the file)
//	PUT    /v1/hubs/{hub}/roster         the hub's roster for the mailbox (sync.MailboxRoster)
//	PUT    /v1/deposits/{to}/{name}      deposit (resumable), see Deposits
//	HEAD   /v1/deposits/{to}/{name}      how much of a deposit the mailbox holds
//	GET    /v1/inbox                     what waits for the signer
//	GET    /v1/inbox/{from}/{name}       take one file (Range resumes it)
//	DELETE /v1/inbox/{from}/{name}?sha256=  the addressee acknowledges it: deleted
//	GET    /v1/outbox                    the signer's own deposits: waiting, partial, delivered
//
// A refusal is a JSON proto.Problem with a code (proto.Code*) and an
// English sentence; client.Error maps the codes to error kinds and the
// window words them in Vietnamese (ui/network_errors.go).
//
// # Access
//
// A hub registers with its card, signed by the card's key; a site id
// registered with one key cannot be taken over with another (409), and
// nobody else may sign as it (403). If the store folder holds hubs.allow,
// only the fingerprints listed there may register. The hub's roster,
// signed in the clear for the mailbox, names its cells by site id and
// signing key only, and the keys it revoked; a newer roster replaces it.
//
//   - A cell on its hub's roster deposits for that hub, and takes what
//     waits for it (its hub's acknowledgements and decisions).
//   - A hub takes what waits for it, deposits for the cells on its
//     roster, and for the hubs above it that its card names (the relayed
//     originals and its roster for them, as the stick's relay does).
//   - A hub above (the province) takes what waits for it: it is known by
//     the key the registered commune's card names for it, or by its own
//     registration.
//   - A cell its hub has not enrolled may deposit for a registered hub a
//     little: Limits.UnenrolledFiles files and UnenrolledBytes bytes, and
//     all such cells together UnenrolledPerHub files per hub. Its bundle
//     waits there, and at the hub for a person to confirm its
//     fingerprint, exactly as a stick's does; until the hub has enrolled
//     it (and so listed it) it can take nothing, and its inbox is empty.
//   - A revoked key is refused (403 "revoked"); a key other than the one
//     on the roster (403 "wrong-key"); a cell of one hub depositing for
//     another hub, a hub for a cell not its own (403 "forbidden").
//
// Everything is logged, one JSON line per request (time, address, site,
// method, path, status, code, bytes, milliseconds; never a body), to
// mailbox.log in the store folder and to standard error.
//
// # Deposits
//
// A deposit is named by its addressee, its sender (the signer) and its
// file name (<bundle id>.chibo; roster-<id>.chibo for a hub's roster), and
// declares the whole file's Upload-Length and Upload-SHA256. The body is
// the file from Upload-Offset on. The mailbox keeps every byte that
// arrives, even when the connection drops; HEAD tells the client where
// to resume. The first bytes must be a bundle's clear header, whose sizes
// must match Upload-Length: anything else (10 MB of garbage, say) is
// refused after its first kilobyte and nothing is kept. A complete file
// is checked against the declared SHA-256 and against its header's
// length and ciphertext hash (sync.CheckBundleFile) and only then, by one
// rename, shown to its addressee. The same name with the same bytes again
// is a no-op (complete, or delivered); with other bytes a conflict.
//
// A file is deleted only when its addressee acknowledges it (DELETE,
// naming its SHA-256), which the app does once the import is final:
// accepted, a duplicate, or refused for good (and so reported back in
// the hub's next acknowledgement). What waits for a fingerprint check, or
// was refused for a reason that passes (a newer app, a roster not yet
// confirmed), stays. Undelivered files never expire. After delivery only
// the metadata stays, Limits.DeliveredKeep (30 days), so a late resend of
// the same file is answered "delivered" and not stored again.
//
// # Resuming
//
// Uploads resume with the three Upload-* headers and HEAD above, the
// core of the tus protocol (tus.io) without its extension negotiation;
// downloads with the standard Range and If-Range (http.ServeContent).
// tusd (github.com/tus/tusd/v2) was weighed: it is well kept, but it is
// a framework with its own storage layer, hooks and protocol headers,
// our authentication (a signature over each request's upload headers)
// and our checks (bundle header at the first kilobyte, hash and header
// at the end, commit by rename) would sit in its hooks, and no maintained
// Go client exists (eventials/go-tus stopped in 2019). The protocol here
// is some 150 lines on each side, tested by cutting a connection at
// every tenth of a transfer. Retries use github.com/cenkalti/backoff/v5
// (exponential, honouring Retry-After); rate limits
// golang.org/x/time/rate; certificates and pinning the standard library.
//
// # Limits
//
// Per signing site a token bucket (Limits.CellRate/CellBurst, a hub
// HubRate/HubBurst: it fetches for hundreds of cells), answered 429 with
// Retry-After; per sender and addressee at most WaitingFiles files and
// WaitingBytes bytes waiting; a file at most MaxFile (a bundle part is at
// most 64 MiB, sync/split.go). Past Limits.Quota (CHIBO_MAILBOX_QUOTA), or
// when the disk is full, a deposit is refused 507 "disk-full" and the
// bytes of a partial upload beyond what was written are dropped: the
// sender keeps everything until its hub acknowledges it, so nothing is
// lost. These are technical bounds, not numbers from a regulation.
//
// # On disk
//
// See disk.go for the layout. What a stolen mailbox disk reveals, all of
// it clear metadata the mailbox needs to route files without opening
// them:
//
//   - each registered hub's card: its name, place, site id, public keys
//     and fingerprint, the hubs above it and its mailboxes (a hub card is
//     a public document: cells are set up from it);
//   - each hub's roster: its cells' site ids and public signing keys (so
//     how many cells each hub has enrolled), and the revoked keys; no
//     cell's name, place, member or record;
//   - per file waiting, being uploaded, or delivered in the last 30 days:
//     sender and addressee site ids, file name (the bundle id; "roster-"
//     for a hub's roster), size, SHA-256 and the times deposited and
//     delivered; so who sent how much to whom, and when;
//   - the request log: the same site ids and names, client IP addresses,
//     times and outcomes;
//   - the bundles themselves, age-encrypted to their addressees: no key
//     on the mailbox opens them, and their clear header says only the
//     format version, length and hash.
//
// Site ids are UUIDv7, so a cell's id also says when its laptop was set
// up. Nothing names a cell, a member or a meeting; TestMailboxHoldsNoPlaintext
// greps a mailbox's whole store and log after a real exchange.
package mailbox
