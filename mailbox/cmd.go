package mailbox

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
)

// Usage is the command line of chibo mailbox and chibo-mailbox.
const Usage = "mailbox --listen ADDR --store DIR [--tls-cert F --tls-key F] [--plain-http]"

// QuotaEnv, when set to a number of bytes, bounds what the mailbox keeps
// (uploads and waiting files together) below the disk's own size: past
// it deposits are refused as "disk full" and nothing is lost.
const QuotaEnv = "CHIBO_MAILBOX_QUOTA"

// ErrUsage wraps a command-line mistake.
var ErrUsage = errors.New("usage")

// Command runs a mailbox from its command line until interrupted (SIGINT
// or SIGTERM), then stops cleanly: requests in flight finish, nothing is
// left half-written. Its first line on out is Running.Line; request
// lines go to errOut and DIR/mailbox.log.
func Command(args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("mailbox", flag.ContinueOnError)
	fs.SetOutput(errOut)
	cfg := RunConfig{Log: errOut}
	fs.StringVar(&cfg.Listen, "listen", "", "address to listen on, e.g. :8443 or 127.0.0.1:0")
	fs.StringVar(&cfg.Dir, "store", "", "folder that keeps the mailbox's files, certificate and log")
	fs.StringVar(&cfg.CertFile, "tls-cert", "", "certificate (PEM) to use instead of the self-signed one kept in --store")
	fs.StringVar(&cfg.KeyFile, "tls-key", "", "its private key (PEM)")
	fs.BoolVar(&cfg.PlainHTTP, "plain-http", false, "serve without TLS: only on a LAN you trust")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	switch {
	case cfg.Listen == "" || cfg.Dir == "":
		return fmt.Errorf("%w: --listen ADDR and --store DIR are required", ErrUsage)
	case fs.NArg() > 0:
		return fmt.Errorf("%w: unexpected %q", ErrUsage, fs.Arg(0))
	case cfg.PlainHTTP && (cfg.CertFile != "" || cfg.KeyFile != ""):
		return fmt.Errorf("%w: --plain-http takes no certificate", ErrUsage)
	}
	if q := os.Getenv(QuotaEnv); q != "" {
		n, err := strconv.ParseInt(q, 10, 64)
		if err != nil || n <= 0 {
			return fmt.Errorf("%w: %s=%q is not a number of bytes", ErrUsage, QuotaEnv, q)
		}
		cfg.Limits = DefaultLimits
		cfg.Limits.Quota = n
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, cfg, out)
}
