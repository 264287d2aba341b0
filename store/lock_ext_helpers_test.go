package store_test

// testPass is the passphrase of every site the external tests set up.
const testPass = "mật khẩu thử nghiệm"
