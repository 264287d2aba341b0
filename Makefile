# Sổ tay Chi bộ. `make run` sets up and opens the app on a demo cell;
# `make test` runs every test. Both install missing system packages first.
export PATH := $(PATH):/usr/local/go/bin
# The release's flags (scripts/build-flags.sh): its version stamped in,
# and its build tags, so the window checks run the threading mode that ships.
LDFLAGS := $(shell bash scripts/build-flags.sh ldflags)
TAGS := $(shell bash scripts/build-flags.sh tags)
DEMO ?= demo-data
DEMO_PASS ?= chibo-demo-2026

.PHONY: deps build run test test-go test-window test-typing test-windows windows linux mailbox bench bench-mailbox screenshots clean

deps:
	@bash scripts/deps.sh

build: deps
	go build -tags $(TAGS) -trimpath -ldflags "$(LDFLAGS)" -o chibo .

# The demo folders are locked with the documented demo passphrase; the
# window opens them already unlocked through CHIBO_PASSPHRASE.
run: build
	@[ -f $(DEMO)/chibo.db ] || CHIBO_PASSPHRASE=$(DEMO_PASS) ./chibo demo --data $(DEMO)
	CHIBO_PASSPHRASE=$(DEMO_PASS) ./chibo --data $(DEMO)

# Plain go test needs no display: -tags ci swaps Fyne's window driver for a
# software one, so everything but the real window builds without cgo.
test-go: deps
	CGO_ENABLED=0 go vet -tags ci ./...
	CGO_ENABLED=0 go test -tags ci -count=1 ./...

test-window: build
	@mkdir -p dist
	bash scripts/window-check.sh ./chibo dist/window-C.png C
	bash scripts/window-check.sh ./chibo dist/window-en.png en_US.UTF-8
	bash scripts/window-check.sh ./chibo dist/window-vi.png vi_VN.UTF-8
	bash scripts/window-check.sh ./chibo dist/window-1024x600.png C 1024x600

# The Windows build is part of the test: its PE headers, GUI subsystem and
# embedded version are checked by packaging/execheck, and it is run for real
# under Wine (scripts/wine-check.sh): first start, setup, typing, minutes,
# a bundle a Linux hub imports, the idle lock, backup and restore, the
# window without OpenGL, the installer. Screenshots go to dist/.
test-windows: windows build
	bash scripts/wine-check.sh dist/windows ./chibo

# Vietnamese typed Telex-style, as Unikey sends it, into the real window.
test-typing: build
	bash scripts/typing-check.sh ./chibo dist/typing.png

test: test-go test-window test-typing test-windows

# The Windows artefacts: the portable zip and the per-user installer, both
# with chibo.exe, the guide and the software OpenGL (built once, cached).
windows: deps
	@bash scripts/deps.sh windows
	bash scripts/build-windows.sh

# The mailbox service alone, for a server without a display (no cgo).
mailbox:
	CGO_ENABLED=0 go build -trimpath -ldflags "$(LDFLAGS)" -o chibo-mailbox ./cmd/chibo-mailbox

# Linux binary with its .desktop entry, icon, guide and install script.
linux: deps
	bash scripts/build-linux.sh

bench: build
	CGO_ENABLED=0 go test -tags ci -run '^$$' -bench . -benchmem ./...
	bash scripts/window-check.sh ./chibo dist/window-bench.png C

# The mailbox's month-end rush of a province, about twelve minutes
# (docs/mailbox.md has the figures).
bench-mailbox:
	CHIBO_LOAD=1 CGO_ENABLED=0 go test -tags ci -run '^$$' -bench MailboxLoad -benchtime 1x -timeout 60m ./mailbox/

screenshots: deps
	CHIBO_SCREENSHOTS=$(CURDIR)/docs/screenshots CGO_ENABLED=0 go test -tags ci -count=1 -run 'TestScreenshots|TestAMonthInTheLife' ./ui/

clean:
	rm -rf chibo chibo-mailbox dist
