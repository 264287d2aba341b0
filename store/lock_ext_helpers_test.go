package store_test

import "chibo/internal/testingutil"

// testPass is the passphrase of every site the external tests set up.
const testPass = testingutil.Pass
