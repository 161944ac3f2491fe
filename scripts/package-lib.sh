# Shared by scripts/build-dist and scripts/build-deb (sourced, not run): the checks, the version,
# the third-party licenses and the file tree both packages ship. docs/release.md describes them.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# check_binaries BIN: BIN (the launcher) and BIN-core beside it, both executable.
check_binaries() {
    local f
    for f in "$1" "$1-core"; do
        [ -f "$f" ] && [ -x "$f" ] || die "$f: not an executable file (build with make release, or pass PACKAGE_BIN=.../lwexec with lwexec-core beside it)"
    done
}

# upstream_version BIN: the version the binaries report, as a Debian upstream version (it also names
# the tarball). `lwexec --version` is `git describe --tags --always --dirty` for `make release`,
# else the constant in Sources/AWSConfig/Version.swift.
#   v1.2.0 / 1.2.0            -> 1.2.0
#   v1.2.0-3-gabc1234-dirty   -> 1.2.0+3.gabc1234.dirty
#   abc1234[-dirty] (no tag)  -> BASE+git.abc1234[.dirty], BASE from Version.swift
upstream_version() {
    local raw v base
    raw="$("$1" --version 2>/dev/null)" || die "$1 --version failed"
    local tagged='^v?([0-9]+(\.[0-9A-Za-z]+)+)(-([0-9]+)-g([0-9a-f]+))?(-dirty)?$'
    local untagged='^([0-9a-f]{4,40})(-dirty)?$'
    if [[ $raw =~ $tagged ]]; then
        v="${BASH_REMATCH[1]}"
        [ -n "${BASH_REMATCH[4]}" ] && v+="+${BASH_REMATCH[4]}.g${BASH_REMATCH[5]}"
        if [ -n "${BASH_REMATCH[6]}" ]; then [[ $v == *+* ]] && v+=".dirty" || v+="+dirty"; fi
    elif [[ $raw =~ $untagged ]]; then
        base="$(sed -n 's/.*static let string = "\([0-9][0-9A-Za-z.]*\)".*/\1/p' "$REPO/Sources/AWSConfig/Version.swift" | head -n 1)"
        [ -n "$base" ] || die "no version constant in Sources/AWSConfig/Version.swift"
        v="$base+git.${BASH_REMATCH[1]}"
        [ -n "${BASH_REMATCH[2]}" ] && v+=".dirty"
    else
        die "cannot make a package version from '$raw' (lwexec --version); tag releases vX.Y.Z"
    fi
    printf '%s\n' "$v"
}

# source_date_epoch: file dates in both packages (reproducible builds): SOURCE_DATE_EPOCH, else the
# last commit's date, else now.
source_date_epoch() {
    if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then echo "$SOURCE_DATE_EPOCH"; return; fi
    git -C "$REPO" log -1 --format=%ct 2>/dev/null || date +%s
}

# find_licenses BIN: sets ARGUMENT_PARSER_LICENSE and SWIFT_LICENSE (override either in the
# environment). swift-argument-parser is linked into lwexec-core from the checkout of the build that
# made BIN (SCRATCH/checkouts); the Swift runtime and Foundation come from the toolchain's
# share/swift/LICENSE.txt. A package without them is not built.
find_licenses() {
    local bin="$1" c dir
    dir="$(dirname "$bin")"
    if [ -z "${ARGUMENT_PARSER_LICENSE:-}" ]; then
        for c in "$dir/../checkouts" "$dir/../../checkouts" "$(dirname "$(readlink -f "$bin")")/../../checkouts" \
                 "$REPO/.build/checkouts"; do
            if [ -f "$c/swift-argument-parser/LICENSE.txt" ]; then
                ARGUMENT_PARSER_LICENSE="$c/swift-argument-parser/LICENSE.txt"
                break
            fi
        done
    fi
    [ -f "${ARGUMENT_PARSER_LICENSE:-}" ] \
        || die "swift-argument-parser's LICENSE.txt not found beside the build of $bin (set ARGUMENT_PARSER_LICENSE)"
    if [ -z "${SWIFT_LICENSE:-}" ] && command -v swift >/dev/null 2>&1; then
        SWIFT_LICENSE="$(dirname "$(readlink -f "$(command -v swift)")")/../share/swift/LICENSE.txt"
    fi
    [ -f "${SWIFT_LICENSE:-}" ] || die "the Swift toolchain's share/swift/LICENSE.txt not found (set SWIFT_LICENSE)"
}

# strip_into SRC DEST: a stripped copy, mode 0755 (symbols and debug info off, as dh_strip does).
strip_into() {
    install -D -m 0755 "$1" "$2"
    strip --remove-section=.comment --remove-section=.note "$2"
}

# stage_common BIN ROOT ZSHDIR: what both packages install under ROOT (a prefix: /usr for the .deb,
# the tarball's top directory), the same tree as `make install` apart from ZSHDIR.
stage_common() {
    local bin="$1" root="$2" zshdir="$3"
    strip_into "$bin" "$root/bin/lwexec"
    strip_into "$bin-core" "$root/libexec/lwexec/lwexec-core"
    install -D -m 0644 "$REPO/completions/lwexec.bash" "$root/share/bash-completion/completions/lwexec"
    install -D -m 0644 "$REPO/completions/_lwexec" "$root/$zshdir/_lwexec"
    install -D -m 0644 "$REPO/completions/lwexec.fish" "$root/share/fish/vendor_completions.d/lwexec.fish"
    install -D -m 0644 "$REPO/README.md" "$root/share/doc/lwexec/README.md"
    install -m 0644 "$REPO/NOTICE" "$root/share/doc/lwexec/NOTICE"
    install -d "$root/share/doc/lwexec"
    sed "s/@YEARS@/$(copyright_years)/" "$REPO/packaging/copyright" > "$root/share/doc/lwexec/copyright"
    chmod 0644 "$root/share/doc/lwexec/copyright"
}

# copyright_years: the years of lwexec's commits (2026, or 2025-2026), else this year.
copyright_years() {
    local first last
    first="$(git -C "$REPO" log --reverse --format=%ad --date=format:%Y 2>/dev/null | head -n 1)" || true
    last="$(date -u -d "@$(source_date_epoch)" +%Y)"
    if [ -z "$first" ] || [ "$first" = "$last" ]; then echo "$last"; else echo "$first-$last"; fi
}

# Built-Using (Debian) and the tarball's notes: the Debian source packages whose static libraries the
# launcher holds (glibc's libc.a and keyutils' libkeyutils.a, both LGPL, whose source must stay
# available). Empty when the launcher is not static or the build machine is not Debian.
static_sources() {
    local bin="$1" lib pkg out=()
    if readelf -d "$bin" 2>/dev/null | grep 'NEEDED' >/dev/null; then return 0; fi
    local cc
    for cc in "${CC:-}" cc gcc clang ""; do [ -n "$cc" ] && command -v "$cc" >/dev/null 2>&1 && break; done
    [ -n "$cc" ] || return 0
    for lib in libc.a libkeyutils.a; do
        lib="$(readlink -f "$("$cc" -print-file-name="$lib" 2>/dev/null)")" || continue
        pkg="$(dpkg -S "$lib" 2>/dev/null | head -n 1 | cut -d: -f1)" || true
        [ -n "$pkg" ] || continue
        out+=("$(dpkg-query -W -f='${source:Package} (= ${source:Version})' "$pkg" 2>/dev/null)")
    done
    local IFS=,
    echo "${out[*]}" | sed 's/,/, /g'
}
