package store

import "chibo/internal/testingutil"

// testPass unlocks every site the tests set up; fast keys keep the scrypt
// of hundreds of setups from dominating the suite.
const testPass = testingutil.Pass

func init() { testingutil.FastKeys() }

// testRecipient stands for a hub's age key where a test needs a valid one
// (a cell escrows its data key to its hub at setup).
const testRecipient = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
