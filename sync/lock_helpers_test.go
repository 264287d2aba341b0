package sync

import "chibo/store"

// testPass unlocks every site the tests set up; fast keys keep the scrypt
// of hundreds of setups from dominating the suite.
const testPass = "mật khẩu thử nghiệm"

func init() { store.UseFastKeysForTests() }
