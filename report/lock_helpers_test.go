package report

import "chibo/internal/testingutil"

// testPass unlocks every site the tests set up; fast keys keep the scrypt
// of hundreds of setups from dominating the suite.
const testPass = testingutil.Pass

func init() { testingutil.FastKeys() }
