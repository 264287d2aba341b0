package cli

import (
	"os"
	"strings"
	"testing"

	"chibo/store"
)

// testPass unlocks every site the tests set up; fast keys keep the scrypt
// of hundreds of setups from dominating the suite.
const testPass = "mật khẩu thử nghiệm"

func init() { store.UseFastKeysForTests() }

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
