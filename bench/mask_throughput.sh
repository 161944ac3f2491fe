#!/bin/sh
# Throughput of `lwexec --mask` against plain `cat`, in MB/s, through pipes (no terminal).
#
#   bench/mask_throughput.sh [MEGABYTES] [VALUES]
#
# Needs a release build (swift build -c release) and the emulator environment (AWS_* variables, e.g.
# from `python3 scripts/emulator.py serve --seed-sop --env-file ...`); seeds VALUES secrets under a
# private prefix, then pipes MEGABYTES of random text through `cat` and through `lwexec --mask -- cat`.
set -eu
MB=${1:-200}
VALUES=${2:-50}
BIN=${LWEXEC_BIN:-.build/release/lwexec}
PREFIX=/bench/mask-$$
python3 - "$PREFIX" "$VALUES" <<'PY'
import os, sys, boto3, secrets
prefix, n = sys.argv[1], int(sys.argv[2])
sm = boto3.client("secretsmanager", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"))
for i in range(n):
    sm.create_secret(Name=f"{prefix}/value_{i}", SecretString=secrets.token_urlsafe(24))
PY
DATA=$(mktemp)
trap 'rm -f "$DATA"' EXIT
head -c $((MB * 1024 * 1024 * 3 / 4)) /dev/urandom | base64 > "$DATA"
SIZE=$(wc -c < "$DATA")

rate() {  # command... -> MB/s
    start=$(date +%s.%N)
    "$@" < "$DATA" > /dev/null
    end=$(date +%s.%N)
    echo "$SIZE $start $end" | awk '{ printf "%.0f", $1 / 1048576 / ($3 - $2) }'
}
echo "cat:             $(rate cat) MB/s"
echo "lwexec cat:      $(rate "$BIN" -q "$PREFIX" -- cat) MB/s"
echo "lwexec --mask:   $(rate "$BIN" -q --mask "$PREFIX" -- cat) MB/s ($VALUES values)"
