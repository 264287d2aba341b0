package mailbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// The mailbox's certificate. Cells and hubs do not trust it through any
// certificate authority (a village laptop's store is years old): they pin
// the SHA-256 of its public key, which the hub card carries. So a
// self-signed certificate made once and kept in the store folder serves
// as well as any; an operator may give one of their own instead.

const (
	certFile = "tls/cert.pem"
	keyFile  = "tls/key.pem"
	// certYears: a pinned certificate is replaced only with a new pin on
	// every card, so it lives long.
	certYears = 20
)

// Pin is "sha256:" and the lowercase hex SHA-256 of a certificate's
// SubjectPublicKeyInfo, the form chibo mailbox-use --pin takes.
func Pin(cert *x509.Certificate) string {
	s := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return "sha256:" + hex.EncodeToString(s[:])
}

// loadOrMakeCert returns the TLS certificate: the operator's files when
// given, else the one kept in dir, made on the first start.
func loadOrMakeCert(dir, certPath, keyPath string) (tls.Certificate, error) {
	if certPath != "" || keyPath != "" {
		if certPath == "" || keyPath == "" {
			return tls.Certificate{}, errors.New("mailbox: give both --tls-cert and --tls-key, or neither")
		}
		return loadCert(certPath, keyPath)
	}
	cp, kp := filepath.Join(dir, certFile), filepath.Join(dir, keyFile)
	c, err := loadCert(cp, kp)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return c, err
	}
	if err := makeCert(cp, kp); err != nil {
		return tls.Certificate{}, err
	}
	return loadCert(cp, kp)
}

func loadCert(certPath, keyPath string) (tls.Certificate, error) {
	c, err := tls.LoadX509KeyPair(certPath, keyPath)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("mailbox: certificate %s: %w", certPath, err)
	}
	if c.Leaf == nil {
		if c.Leaf, err = x509.ParseCertificate(c.Certificate[0]); err != nil {
			return tls.Certificate{}, fmt.Errorf("mailbox: certificate %s: %w", certPath, err)
		}
	}
	return c, nil
}

// makeCert writes a self-signed ECDSA P-256 certificate and its key
// (0600) into the store folder.
func makeCert(certPath, keyPath string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return fmt.Errorf("mailbox: certificate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return err
	}
	host, _ := os.Hostname()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "chibo mailbox " + host},
		NotBefore:    time.Now().Add(-24 * time.Hour),
		NotAfter:     time.Now().AddDate(certYears, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost", host},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return fmt.Errorf("mailbox: certificate: %w", err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(certPath), 0o700); err != nil {
		return err
	}
	if err := writeSynced(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		return err
	}
	return writeSynced(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
}
