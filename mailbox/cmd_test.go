package mailbox_test

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// TestMailboxCommandLine: the first line scripts read, with the real
// port and the pin of the certificate kept in the store; the same
// certificate (and pin) after a restart; a clean stop on interrupt; a
// usage mistake exits 2.
func TestMailboxCommandLine(t *testing.T) {
	dir := t.TempDir()
	mb := startMailbox(t, dir)
	line := regexp.MustCompile(`^mailbox listening on https://127\.0\.0\.1:([0-9]+) pin sha256:[0-9a-f]{64}$`)
	m := line.FindStringSubmatch(mb.Line)
	if m == nil || m[1] == "0" {
		t.Fatalf("first line %q", mb.Line)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "tls", "cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(raw)
	cert, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	if mb.Pin != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Fatalf("pin %s is not the kept certificate's", mb.Pin)
	}
	pin := mb.Pin
	mb.stop()
	if !mb.cmd.ProcessState.Success() {
		t.Fatalf("interrupted mailbox exited %v: %s", mb.cmd.ProcessState, mb.errText())
	}
	mb.restart()
	if mb.Pin != pin {
		t.Fatalf("a restart changed the pin: %s, then %s", pin, mb.Pin)
	}
	plain := startMailbox(t, t.TempDir(), "--plain-http")
	if !regexp.MustCompile(`^mailbox listening on http://127\.0\.0\.1:[0-9]+ `).MatchString(plain.Line) || plain.Pin != "" {
		t.Fatalf("plain line %q", plain.Line)
	}
	cmd := exec.Command(mailboxBin, "--store", t.TempDir())
	done := make(chan error, 1)
	go func() { done <- cmd.Run() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Fatalf("no --listen: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a usage mistake did not stop it")
	}
}
