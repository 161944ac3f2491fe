# lwexec — see README.md. `make demo` and `make test` work on a fresh Debian machine.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
BIN := .build/debug/lwexec
RELEASE_BIN := .build/release/lwexec

.PHONY: all bootstrap build release test unit-test integration-test demo clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release --static-swift-stdlib -Xswiftc -Osize
	@ls -l $(RELEASE_BIN)

unit-test: bootstrap
	$(SWIFT) test

integration-test: build
	LWEXEC_BIN=$(CURDIR)/$(BIN) python3 -m pytest Tests/Integration

test: unit-test integration-test

demo: build
	@scripts/demo

clean:
	rm -rf .build
