package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"chibo/internal/testingutil"
	"chibo/store"
)

// testPass unlocks every site the tests set up; fast keys keep the scrypt
// of hundreds of setups from dominating the suite.
const testPass = testingutil.Pass

func init() { testingutil.FastKeys() }

// TestMain gives every command the test passphrase, as a script would
// through CHIBO_PASSPHRASE, and an empty stdin so no test waits on a
// terminal; the lock tests override both.
func TestMain(m *testing.M) {
	os.Setenv(envPass, testPass)
	stdin = strings.NewReader("")
	os.Exit(m.Run())
}

// openUnlocked opens a data folder the tests set up, unlocked.
func openUnlocked(dir string) (*store.Store, error) {
	st, err := store.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := st.Unlock(testPass); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// fingerprintRe finds a key fingerprint in what a command printed.
var fingerprintRe = regexp.MustCompile(`fingerprint ([0-9A-F]{4}(?: [0-9A-F]{4}){7})`)

// acceptNew is the import command that enrols the new senders of files:
// `verify` prints each sender's fingerprint, which a clerk compares with
// the sender's laptop and gives back to --accept-new.
func acceptNew(t *testing.T, data string, files ...string) []string {
	t.Helper()
	args := []string{"import", "--data", data}
	for _, f := range files {
		out, _, _ := run(t, "verify", "--data", data, f)
		if m := fingerprintRe.FindStringSubmatch(out); m != nil && strings.Contains(out, "not yet enrolled") {
			args = append(args, "--accept-new", m[1])
		}
	}
	return append(args, files...)
}
