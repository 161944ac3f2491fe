# lwexec — see README.md. `make demo` and `make test` work on a fresh Debian machine.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
# The lwexec that ships and that the integration tests run is the Embedded Swift launcher
# (embedded/Package.swift, built from the same sources by scripts/embedded-launcher), with
# lwexec-core beside it: .build/launcher/ for the debug build, .build/ship/ for the release.
# SwiftPM's own .build/debug/lwexec (normal runtime) serves `swift build` and the unit tests.
BIN := .build/launcher/lwexec
SWIFTPM_BIN := .build/debug/lwexec
RELEASE_BIN := .build/ship/lwexec

# No RUNPATH=$ORIGIN in the executables: nothing lives beside them to load, and lwexec-core's dlopen of
# libcurl/libcrypto would first look there. The same flags on every build, so `swift build` and
# `swift test` share one build.
SWIFT_FLAGS := --disable-local-rpath

.PHONY: all bootstrap build launcher check-embedded static-cxx release test unit-test integration-test demo clean bench fuzz

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build $(SWIFT_FLAGS)
	@$(MAKE) --no-print-directory launcher

# The Embedded launcher beside the debug lwexec-core (a symlink: hand-off looks beside the real file).
launcher:
	@install -D -m 0755 "$$(scripts/embedded-launcher $(CURDIR)/.build/embedded)" .build/launcher/lwexec
	@ln -sf $(CURDIR)/.build/debug/lwexec-core .build/launcher/lwexec-core

# The Embedded package alone (no SwiftPM build of the main package): what a change to a file on the
# launcher's path must pass before CI, since the Embedded subset refuses what the normal build takes
# (CONTRIBUTING.md, "The Embedded subset").
check-embedded:
	@scripts/embedded-launcher $(CURDIR)/.build/embedded >/dev/null && echo "check-embedded: the Embedded launcher builds"

# libstdc++ linked statically too: loading the shared one costs ~1,700 symbol bindings and its
# initialisers at every start (~0.9 ms, measured in bench/). A linker script named libstdc++.so
# in a directory searched first points -lstdc++ at the archive; without g++ it stays shared.
STDCXX_A := $(shell g++ -print-file-name=libstdc++.a 2>/dev/null)
STATIC_CXX := $(if $(filter /%,$(STDCXX_A)),-Xlinker -L$(CURDIR)/.build/static-cxx)

# -disable-concrete-type-metadata-mangled-name-accessors: generic types are instantiated through their
# metadata accessors rather than by mangled name, which makes the runtime scan every conformance
# record (~0.1 ms per lookup at start-up, measured with callgrind on the warm path; docs/benchmarks.md).
# An internal frontend flag: here, for the release build, and not in Package.swift, so that the
# package stays usable as a dependency and a toolchain that drops the flag breaks only this line.
FAST_METADATA := -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
RELEASE_FLAGS = $(SWIFT_FLAGS) -c release --static-swift-stdlib -Xswiftc -Osize $(FAST_METADATA) $(STATIC_CXX)

static-cxx:
	@if [ -n "$(STATIC_CXX)" ]; then mkdir -p .build/static-cxx && echo 'INPUT($(STDCXX_A))' > .build/static-cxx/libstdc++.so; fi

release: bootstrap static-cxx
	@scripts/stamp-version
	$(SWIFT) build $(RELEASE_FLAGS) $$(test -f $(VERSION_STAMP) && echo -Xswiftc -DLWEXEC_STAMPED)
	@install -D -m 0755 "$$(scripts/embedded-launcher $(CURDIR)/.build/embedded)" $(RELEASE_BIN)
	@install -m 0755 .build/release/lwexec-core $(RELEASE_BIN)-core
	@ls -l $(RELEASE_BIN) $(RELEASE_BIN)-core

unit-test: bootstrap
	$(SWIFT) test $(SWIFT_FLAGS)

# Every integration test runs the shipped (Embedded) launcher; the warm-path tests run SwiftPM's
# normal-runtime launcher too, so the two builds of the same sources cannot drift apart.
WARM_PATH_TESTS := Tests/Integration/test_warm_start.py Tests/Integration/test_cache.py Tests/Integration/test_signals.py
integration-test: build
	LWEXEC_BIN=$(CURDIR)/$(BIN) python3 -m pytest Tests/Integration
	LWEXEC_BIN=$(CURDIR)/$(SWIFTPM_BIN) python3 -m pytest -q $(WARM_PATH_TESTS)

test: unit-test integration-test

demo: build
	@scripts/demo

# Benchmarks and fuzzing are not part of `make test` (see docs/benchmarks.md, docs/fuzzing.md).
# Their own scratch dirs (.build-bench, .build-fuzz) keep them apart from the everyday build.
BENCH_BIN := .build-bench/ship/lwexec
bench: bootstrap static-cxx
	$(SWIFT) build $(RELEASE_FLAGS) --scratch-path .build-bench
	@install -D -m 0755 "$$(scripts/embedded-launcher $(CURDIR)/.build-bench/embedded)" $(BENCH_BIN)
	@install -m 0755 .build-bench/release/lwexec-core $(BENCH_BIN)-core
	@command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine
	@command -v tini >/dev/null || apt-get install -y -qq tini
	@command -v dumb-init >/dev/null || apt-get install -y -qq dumb-init
	@python3 -c 'import matplotlib' 2>/dev/null || python3 -m pip install --quiet matplotlib
	@command -v aws >/dev/null || python3 -m pip install --quiet 'awscli==1.45.*'
	python3 bench/warm_start.py --lwexec $(BENCH_BIN)
	python3 bench/bench.py --lwexec $(BENCH_BIN)
	python3 bench/fleet.py --lwexec $(BENCH_BIN)
	python3 bench/soak.py --lwexec $(BENCH_BIN)

FUZZ_SECONDS ?= 60
fuzz: bootstrap
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

clean:
	rm -rf .build dist

# --- install (issue 7): the release binary, the man page and the completions, where package managers put them.
VERSION_STAMP := Sources/AWSConfig/VersionStamp.swift
# What `make install` copies as bin/lwexec (and, from beside it, libexec/lwexec/lwexec-core);
# the install test passes an already built binary.
INSTALL_BIN ?= $(RELEASE_BIN)
INSTALL_FILES := bin/lwexec libexec/lwexec/lwexec-core share/man/man1/lwexec.1 share/bash-completion/completions/lwexec \
	share/zsh/site-functions/_lwexec share/fish/vendor_completions.d/lwexec.fish

.PHONY: install uninstall docs

install: $(if $(filter $(RELEASE_BIN),$(INSTALL_BIN)),release)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/libexec/lwexec $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 -s $(INSTALL_BIN) $(DESTDIR)$(PREFIX)/bin/lwexec
	install -m 0755 -s $(INSTALL_BIN)-core $(DESTDIR)$(PREFIX)/libexec/lwexec/lwexec-core
	install -m 0644 man/lwexec.1 $(DESTDIR)$(PREFIX)/share/man/man1/lwexec.1
	install -m 0644 completions/lwexec.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/lwexec
	install -m 0644 completions/_lwexec $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_lwexec
	install -m 0644 completions/lwexec.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/lwexec.fish

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/,$(INSTALL_FILES))
	rmdir $(DESTDIR)$(PREFIX)/libexec/lwexec 2>/dev/null || true

# Regenerates completions/* and man/lwexec.1 from the debug binary (commit the result).
docs: build
	scripts/generate-docs $(CURDIR)/$(BIN)

# --- releases (issue 16; docs/release.md): a tarball and a .deb of the release build, in DIST_DIR.
#   dist -> lwexec-VERSION-linux-ARCH.tar.gz: the make-install tree under one top directory
#   deb  -> lwexec_VERSION-REV_ARCH.deb (dpkg-deb; Depends: what lwexec-core links and dlopens)
# VERSION comes from `lwexec --version` (git describe, stamped by make release). PACKAGE_BIN is
# the lwexec to package (lwexec-core beside it); the release test passes already built ones.
PACKAGE_BIN ?= $(RELEASE_BIN)
DIST_DIR ?= dist

.PHONY: dist deb

dist: $(if $(filter $(RELEASE_BIN),$(PACKAGE_BIN)),release)
	@scripts/build-dist $(PACKAGE_BIN) $(DIST_DIR)

deb: $(if $(filter $(RELEASE_BIN),$(PACKAGE_BIN)),release)
	@scripts/build-deb $(PACKAGE_BIN) $(DIST_DIR)
