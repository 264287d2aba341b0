// Command chibo-mailbox is chibo's mailbox service alone, for a server
// with no display: it links no window library, so it builds with
// CGO_ENABLED=0 (see packaging/chibo-mailbox.service and mailbox/doc.go).
// It takes the command line of "chibo mailbox".
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"chibo/mailbox"
)

func main() {
	err := mailbox.Command(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, mailbox.ErrUsage):
		fmt.Fprintf(os.Stderr, "chibo-mailbox: %v\nusage: chibo-%s\n", err, mailbox.Usage)
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "chibo-mailbox: %v\n", err)
		os.Exit(1)
	}
}
