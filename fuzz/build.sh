#!/usr/bin/env bash
# Builds the libFuzzer targets of lwexec into .build-fuzz/ (see docs/fuzzing.md).
#
# The main package exports no library products, so instead of a SwiftPM package the library
# targets a fuzz target needs are compiled directly with swiftc, one module at a time (whole
# module, one object each), all instrumented with -sanitize=fuzzer,address, and linked with the
# target's harness (fuzz/targets/<target>.swift). Incremental: a module is rebuilt only when one
# of its sources (or a module it imports) is newer than its object.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_BUILD:-$ROOT/.build-fuzz}
SWIFTC=${SWIFTC:-swiftc}
SAN=${FUZZ_SANITIZE:--sanitize=fuzzer,address}
mkdir -p "$OUT/modules"
cd "$ROOT"

# module: C module include dirs it needs (its own imports and its dependencies')
declare -A CDEPS=(
  [LWEncoding]=""
  [LWCrypto]="Sources/CCrypto"
  [AWSSigV4]="Sources/CCrypto"
  [AWSHTTP]="Sources/CCurl"
  [LWSystem]=""
  [AWSConfig]=""
  [AWSClient]="Sources/CCrypto Sources/CCurl"
  [SecretResolution]=""
  [SecretsManager]="Sources/CCrypto Sources/CCurl"
  [EnvFormats]=""
  [LWJSON]=""
)
ORDER=(LWSystem LWJSON EnvFormats LWEncoding LWCrypto AWSSigV4 AWSHTTP AWSConfig AWSClient SecretResolution SecretsManager)

module() {
  local m=$1 obj="$OUT/modules/$1.o" inc=()
  for d in ${CDEPS[$m]}; do inc+=(-I "$d"); done
  local srcs; mapfile -t srcs < <(find "Sources/$m" -name '*.swift' | sort)
  # Up to date: no source of its own and no module built before it (in ORDER) is newer.
  if [[ -f $obj ]] && [[ -z $(find "Sources/$m" -name '*.swift' -newer "$obj") ]]; then
    local dep stale=
    for dep in "${ORDER[@]}"; do
      [[ $dep == "$m" ]] && break
      [[ "$OUT/modules/$dep.o" -nt "$obj" ]] && stale=1
    done
    [[ -z $stale ]] && return
  fi
  echo "  module $m (${#srcs[@]} files)"
  "$SWIFTC" -O -g -wmo -parse-as-library -module-name "$m" -package-name lwexec $SAN \
    -I "$OUT/modules" "${inc[@]}" \
    -emit-module -emit-module-path "$OUT/modules/$m.swiftmodule" \
    -c "${srcs[@]}" -o "$obj"
}

for m in "${ORDER[@]}"; do module "$m"; done

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || mapfile -t targets < <(ls fuzz/targets | sed -n 's/\.swift$//p')
for t in "${targets[@]}"; do
  src=fuzz/targets/$t.swift
  bin=$OUT/$t
  if [[ -f $bin && $bin -nt $src && -z $(find "$OUT/modules" -name '*.o' -newer "$bin") ]]; then continue; fi
  echo "  target $t"
  "$SWIFTC" -O -g -parse-as-library $SAN -I "$OUT/modules" -I Sources/CCrypto -I Sources/CCurl \
    "$src" "$OUT"/modules/*.o -o "$bin" -ldl
done
