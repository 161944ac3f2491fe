#!/usr/bin/env python3
"""Launch-time benchmark: lwexec against what people use today (`make bench`).

Starts the emulator (moto_server, SigV4 + IAM checks on), seeds N secrets under /bench/nN for
N in --sizes, and puts two loopback proxies in front of it, reusing the test helpers:

    tool -> WireProxy (records every request: sequential round trips, request count)
         -> ChaosProxy(slow=DELAY) (holds every answer DELAY seconds: a nearby region)
         -> moto_server

Then, per N, it measures with hyperfine (-N, no shell) in alternating rounds:

* `/bin/true`, started directly (the floor);
* lwexec cold (no cache) and lwexec `--cache` warm (the keyring entry made beforehand);
* the SOP's `load-dev-secrets.sh`: one `aws secretsmanager get-secret-value` per secret;
* a boto3 script: ListSecrets / BatchGetSecretValue loop, then execve (the SOP's Django helper).

Each command also runs once alone through the proxy (round trips, requests) and once under
wait4 (peak RSS of the largest process). Writes the table between the `bench` markers of
docs/benchmarks.md and a plot to docs/benchmarks.png.

Usage: bench/bench.py [--lwexec PATH] [--delay-ms 20] [--sizes 3,20,100,500] [--runs 10]
                      [--cli-runs N] [--skip-cli] [--doc docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Integration", "helpers"))
from emulator import Emulator  # noqa: E402
from wire_proxy import WireProxy  # noqa: E402
from chaos_proxy import ChaosProxy  # noqa: E402

BOTO3_SCRIPT = '''\
"""The SOP's Django-helper approach as a launcher: every secret under a prefix into the
environment with boto3 (ListSecrets pages, BatchGetSecretValue by 20), then execve."""
import os, sys
import boto3

prefix, argv = sys.argv[1].rstrip("/") + "/", sys.argv[3:]
sm = boto3.client("secretsmanager")
names, token = [], None
while True:
    kw = {"Filters": [{"Key": "name", "Values": [prefix]}], "MaxResults": 100}
    if token:
        kw["NextToken"] = token
    page = sm.list_secrets(**kw)
    names += [s["Name"] for s in page["SecretList"] if s["Name"].startswith(prefix)]
    token = page.get("NextToken")
    if not token:
        break
env = dict(os.environ)
for i in range(0, len(names), 20):
    for v in sm.batch_get_secret_value(SecretIdList=names[i:i + 20])["SecretValues"]:
        env[v["Name"][len(prefix):].upper()] = v["SecretString"]
os.execve(argv[0], argv, env)
'''

TOOLS = ["floor", "lwexec-warm", "lwexec-cold", "boto3", "aws-cli"]
LABELS = {
    "floor": "`/bin/true` (floor)",
    "lwexec-warm": "lwexec `--cache`, warm",
    "lwexec-cold": "lwexec, cold",
    "boto3": "boto3 script",
    "aws-cli": "`load-dev-secrets.sh` (aws CLI)",
}


@dataclass
class Cell:
    tool: str
    n: int
    medians: list[float] = field(default_factory=list)  # one per round, seconds
    runs: int = 0
    rounds: int | None = None
    requests: int | None = None
    rss_kib: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.medians)


def hyperfine(commands: list[str], runs: int, env: dict, warmup: int) -> list[float]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(["hyperfine", "-N", "--style", "none", "-w", str(warmup), "-r", str(runs),
                        "--export-json", out.name, *commands],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        return [r["median"] for r in json.load(open(out.name))["results"]]


def instrumented(argv: list[str], env: dict) -> tuple[float, int]:
    """One run under GNU time: (elapsed seconds, peak RSS in KiB of the largest process).

    RSS from time's wait4, not from os.wait4 on a child of this script: Linux carries the
    parent's high-water mark across exec (a child spawned from this Python process would
    report Python's ~50 MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as f:
        t = time.monotonic()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f.name, *argv], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        took = time.monotonic() - t
        return took, int(f.read().strip().splitlines()[-1])


def machine(lwexec: str) -> list[str]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "?")
    mem = next((ln.split()[1] for ln in open("/proc/meminfo") if ln.startswith("MemTotal")), "0")

    def ver(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
        except Exception:  # noqa: BLE001
            return "?"
    import boto3, moto  # noqa: E401
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; {int(mem) // 1024} MiB RAM; Linux {platform.release()}",
        f"- lwexec {ver([lwexec, '--version'])} ({os.path.relpath(lwexec, ROOT)}, {os.path.getsize(lwexec) // 1024} KiB); {ver(['swift', '--version'])}",
        f"- {ver(['aws', '--version'])}; boto3 {boto3.__version__}; moto {moto.__version__}; Python {platform.python_version()}",
    ]


def load() -> str:
    return open("/proc/loadavg").read().split()[0]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lwexec", default=os.path.join(ROOT, ".build-bench", "release", "lwexec"))
    ap.add_argument("--delay-ms", type=float, default=float(os.environ.get("BENCH_DELAY_MS", 20)))
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "3,20,100,500"))
    ap.add_argument("--runs", type=int, default=10, help="runs per command (split over the rounds)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds")
    ap.add_argument("--fast-runs", type=int, default=100, help="runs per round for floor and warm")
    ap.add_argument("--fast-rounds", type=int, default=10,
                    help="alternating rounds of floor and warm (many short ones: the machine's speed drifts)")
    ap.add_argument("--cli-runs", default=os.environ.get("BENCH_CLI_RUNS", "3:5,20:3,100:1,500:1"),
                    help="runs of the aws CLI script per size, SIZE:RUNS,...")
    ap.add_argument("--skip-cli", action="store_true")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    cli_runs = {int(k): int(v) for k, v in (p.split(":") for p in a.cli_runs.split(","))}
    lw = os.path.abspath(a.lwexec)
    load_before = open("/proc/loadavg").read().strip()
    started = time.time()

    emu = Emulator()
    emu.start()
    slow = ChaosProxy(emu.url, slow=a.delay_ms / 1000).start()
    wire = WireProxy(slow.url)
    work = tempfile.mkdtemp(prefix="lwexec-bench-")
    try:
        sm = emu.client("secretsmanager")
        for n in sizes:
            for i in range(n):
                sm.create_secret(Name=f"/bench/n{n}/secret_{i:04d}", SecretString=f"value-{n}-{i:04d}-" + "x" * 24)
        home = os.path.join(work, "home")
        os.makedirs(home)
        env = {"PATH": os.environ["PATH"], "HOME": home, "LANG": "C.UTF-8",
               "AWS_EC2_METADATA_DISABLED": "true", **emu.env(),
               "AWS_ENDPOINT_URL_SECRETS_MANAGER": wire.url, "AWS_ENDPOINT_URL_STS": wire.url,
               "AWS_DEFAULT_REGION": emu.region, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
        boto3_py = os.path.join(work, "boto3_exec.py")
        open(boto3_py, "w").write(BOTO3_SCRIPT)

        cells: dict[tuple[str, int], Cell] = {}
        for n in sizes:
            prefix = f"/bench/n{n}"
            script = os.path.join(work, f"load-dev-secrets-{n}.sh")
            with open(script, "w") as fh:
                fh.write("#!/bin/bash\n# The SOP's scripts/load-dev-secrets.sh, one call per secret\nset -e\n")
                for i in range(n):
                    fh.write(f"export SECRET_{i:04d}=$(aws secretsmanager get-secret-value --secret-id "
                             f"{prefix}/secret_{i:04d} --query SecretString --output text)\n")
                fh.write("exec /bin/true\n")
            cmds = {
                "floor": ["/bin/true"],
                "lwexec-warm": [lw, "--cache", "--cache-ttl", "1h", prefix, "--", "/bin/true"],
                "lwexec-cold": [lw, prefix, "--", "/bin/true"],
                "boto3": [sys.executable, boto3_py, prefix, "--", "/bin/true"],
                "aws-cli": ["/bin/bash", script],
            }
            tools = [t for t in TOOLS if not (t == "aws-cli" and a.skip_cli)]
            # Round trips, requests and peak RSS: each command once, alone, through the recording
            # proxy. The aws CLI script is too slow to run more than a few times: its timings are
            # these instrumented runs (cli-runs of them), not hyperfine's.
            subprocess.run(cmds["lwexec-warm"], env=env, check=True)  # fill the cache
            for t in tools:
                c = cells[(t, n)] = Cell(t, n)
                times = []
                for _ in range(cli_runs.get(n, 1) if t == "aws-cli" else 1):
                    wire.reset()
                    took, rss = instrumented(cmds[t], env)
                    times.append(took)
                    c.rounds, c.requests = wire.rounds(), len(wire.calls)
                    c.rss_kib = max(c.rss_kib or 0, rss)
                if t == "aws-cli":
                    c.medians, c.runs = [statistics.median(times)], len(times)
            print(f"n={n}: round trips " + ", ".join(f"{t}={cells[(t, n)].rounds}" for t in tools), flush=True)
            # Timings, alternating rounds.
            for _ in range(a.fast_rounds):
                fast = hyperfine([shlex.join(cmds["floor"]), shlex.join(cmds["lwexec-warm"])],
                                 a.fast_runs, env, warmup=20)
                for t, m in zip(["floor", "lwexec-warm"], fast):
                    cells[(t, n)].medians.append(m)
                    cells[(t, n)].runs += a.fast_runs
            for r in range(a.rounds):
                per = max(1, a.runs // a.rounds)
                slow_tools = ["lwexec-cold", "boto3"]
                for t, m in zip(slow_tools, hyperfine([shlex.join(cmds[t]) for t in slow_tools], per, env, warmup=1)):
                    cells[(t, n)].medians.append(m)
                    cells[(t, n)].runs += per
                print(f"n={n} round {r + 1}: " + ", ".join(
                    f"{t}={cells[(t, n)].medians[-1] * 1000:.1f}ms" for t in tools if cells[(t, n)].medians), flush=True)
        write_doc(a, cells, sizes, lw, load_before, time.time() - started)
    finally:
        wire.close()
        slow.stop()
        emu.stop()
    return 0


def goals(cells, sizes) -> list[str]:
    out = []

    def g(ok, text):
        out.append(f"- {'**met**' if ok else '**missed**'}: {text}")
    small = min(sizes)
    ratio = cells[("lwexec-warm", small)].median / cells[("floor", small)].median
    g(ratio <= 3.0, f"warm start within 3x the floor: {ratio:.2f}x at {small} secrets "
      + ", ".join(f"{cells[('lwexec-warm', n)].median / cells[('floor', n)].median:.2f}x at {n}" for n in sizes if n != small))
    if 100 in sizes:
        rt = cells[("lwexec-cold", 100)].rounds
        g(rt <= 3, f"cold start with 100 secrets in at most 3 sequential round trips: {rt}")
    worst = min(cells[("boto3", n)].median / cells[("lwexec-warm", n)].median for n in sizes)
    g(worst >= 50, f"warm at least 50x faster than the boto3 script: {worst:.0f}x at worst")
    big = max(sizes)
    rss = max(cells[(t, big)].rss_kib for t in ("lwexec-cold", "lwexec-warm")) / 1024
    g(rss <= 20, f"peak RSS at most 20 MB with {big} secrets: {rss:.1f} MiB ({rss * 1.048576:.1f} MB; "
      "the goal is read as 20 MiB)")
    return out


def write_doc(a, cells, sizes, lw, load_before, took) -> None:
    rows = ["| secrets | command | median (ms) | × lwexec cold | × lwexec warm | runs | round trips | requests | peak RSS (MiB) |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in sizes:
        cold, warm = cells[("lwexec-cold", n)].median, cells[("lwexec-warm", n)].median
        for t in TOOLS:
            c = cells.get((t, n))
            if not c or not c.medians:
                continue
            rows.append(f"| {n} | {LABELS[t]} | {c.median * 1000:.1f} | {c.median / cold:.2f} | {c.median / warm:.1f} | "
                        f"{c.runs} | {c.rounds} | {c.requests} | {c.rss_kib / 1024:.1f} |")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    body = "\n".join([
        f"Generated by `make bench` (`bench/bench.py`) on {when} in {took / 60:.0f} min, "
        f"{a.delay_ms:g} ms added to every request by the proxy.",
        "",
        *machine(lw),
        f"- Load average (1/5/15 min) at start: {' '.join(load_before.split()[:3])}; at the end: "
        f"{' '.join(open('/proc/loadavg').read().split()[:3])} — the machine's 2 cores are shared with other builds.",
        "",
        *rows,
        "",
        "Medians of per-round medians (hyperfine -N, alternating rounds; floor and warm in "
        f"{a.fast_rounds} rounds of {a.fast_runs} runs, the others {a.rounds} of {max(1, a.runs // a.rounds)}). The aws CLI script makes one `aws` "
        "process per secret, too slow to repeat often: its time is the median of "
        + ", ".join(f"{cells[('aws-cli', n)].runs} run(s) at {n}" for n in sizes if ('aws-cli', n) in cells)
        + " secrets, each alone through the recording proxy."
        if any(t == "aws-cli" for t, _ in cells) else "The aws CLI script was skipped (--skip-cli).",
        "Round trips are sequential rounds of requests seen at the proxy (parallel requests share "
        "one); peak RSS is GNU time's maximum resident set of the largest process of the command.",
        "",
        "Goals:",
        "",
        *goals(cells, sizes),
        "",
        "![launch time against the number of secrets](benchmarks.png)",
    ])
    plot(cells, sizes, os.path.join(os.path.dirname(a.doc), "benchmarks.png"), a.delay_ms)
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    doc = open(a.doc).read() if os.path.exists(a.doc) else f"# Benchmarks\n\n{begin}\n{end}\n"
    if begin not in doc:
        doc += f"\n{begin}\n{end}\n"
    head, rest = doc.split(begin, 1)
    tail = rest.split(end, 1)[1]
    open(a.doc, "w").write(f"{head}{begin}\n{body}\n{end}{tail}")
    print(body)


def plot(cells, sizes, path, delay_ms) -> None:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing: no plot (pip install matplotlib)", file=sys.stderr)
        return
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    for t in TOOLS:
        xs = [n for n in sizes if (t, n) in cells and cells[(t, n)].medians]
        if xs:
            ax.plot(xs, [cells[(t, n)].median * 1000 for n in xs], marker="o", label=LABELS[t].replace("`", ""))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(sizes)
    ax.set_xticklabels([str(n) for n in sizes])
    ax.set_xlabel("secrets under the prefix")
    ax.set_ylabel("launch time, median (ms, log)")
    ax.set_title(f"Time to start /bin/true with its secrets ({delay_ms:g} ms per request)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)


if __name__ == "__main__":
    sys.exit(main())
